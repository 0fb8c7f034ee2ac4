import { createHash } from 'node:crypto';
import type { SandboxAdmin } from '../admin.js';
import type { OwnActionStandIn } from './workflow-steps.js';

/**
 * The stand-in for ecr-build-push when no Docker engine runs (the tests, the demo on a laptop without
 * Docker): instead of building, it pushes a prepared image — the manifests `docker buildx build --push`
 * leaves, one per platform under an index — into the sandbox's ECR, and gives the outputs the action
 * gives (image by digest, digest, registry, tags, platforms). Each target of a Dockerfile gets its own
 * image. The sandbox has no registry for `registry-type: generic` (ghcr.io): there the digest is that
 * of the same prepared index and nothing is pushed, and the log says so. Its inputs are checked as the
 * action checks the ones it needs, so a workflow that passes a wrong value fails here too.
 */
type Admin = Pick<SandboxAdmin, 'pushImage' | 'createRepository' | 'ecrRegistryHost'>;
/** Per sandbox: what was prepared already, by repository, commit, target and platforms → digest. */
const preparedBy = new WeakMap<Admin, Map<string, string>>();

export function preparedImageBuild(admin: Admin, sha: string): OwnActionStandIn {
  return (inputs) => {
    const repository = required(inputs, 'repository');
    const platforms = (inputs.platforms || 'linux/amd64').split(/[\s,]+/).filter(Boolean);
    const target = inputs.target ?? '';
    const tags = [sha, ...(inputs.tags ?? '').split(/[\s,]+/).filter(Boolean)];
    const generic = inputs['registry-type'] === 'generic';
    // One prepared image per repository, commit and target: a rebuild of the same commit is the same image.
    const seed = `${repository}:${sha}:${target}`;
    let registry: string;
    let digest: string;
    if (generic) {
      if (inputs['create-repository'] === 'true') throw new Error("ecr-build-push stand-in: input 'create-repository' only works with ECR");
      registry = required(inputs, 'registry');
      required(inputs, 'username');
      required(inputs, 'password');
      digest = `sha256:${createHash('sha256')
        .update(`prepared-index:${seed}:${platforms.join(',')}`)
        .digest('hex')}`;
    } else {
      registry = admin.ecrRegistryHost;
      for (const name of ['registry', 'username', 'password'])
        if (inputs[name]) throw new Error(`ecr-build-push stand-in: input '${name}' is only used with registry-type: generic`);
      if (inputs['create-repository'] === 'true') {
        try {
          admin.createRepository(repository);
        } catch (error) {
          // As the action does: an existing repository is used as it is.
          if ((error as { code?: string }).code !== 'RepositoryAlreadyExistsException') throw error;
        }
      }
      // ECR refuses the same image under the same tag twice: a build of a commit already prepared
      // (by imageFor, or an earlier run) finds the image it pushed then.
      const pushed = preparedBy.get(admin) ?? new Map<string, string>();
      preparedBy.set(admin, pushed);
      const key = `${seed}:${platforms.join(',')}`;
      digest =
        pushed.get(key) ?? admin.pushImage(repository, `${sha}${target ? `-${target}` : ''}`, platforms, { attestations: false }).digest;
      pushed.set(key, digest);
    }
    const image = `${registry}/${repository}@${digest}`;
    const log = generic
      ? `stand-in: no Docker engine, and the sandbox has no ${registry}: prepared image ${image} (${platforms.join(', ')}${target ? `, target ${target}` : ''}); nothing pushed`
      : `stand-in: no Docker engine: prepared image pushed to the sandbox's ECR as ${image} (${platforms.join(', ')}${target ? `, target ${target}` : ''})`;
    return Promise.resolve({
      outputs: {
        registry,
        image,
        digest,
        tags: tags.map((tag) => `${registry}/${repository}:${tag}`).join('\n'),
        platforms: platforms.join(','),
        pushed: 'true',
      },
      log: `${log}\n`,
    });
  };
}

function required(inputs: Record<string, string>, name: string): string {
  const value = inputs[name] ?? '';
  if (value === '') throw new Error(`ecr-build-push stand-in: input '${name}' is empty, and the action needs it`);
  return value;
}
