import { readFileSync } from 'node:fs';
import { resolveRegion } from '../lib/region.js';
import { InputError } from '../lib/errors.js';
import { parseJson, type Inputs, type KeyValue } from '../lib/inputs.js';
import { resolveInputPath, type FileRoots } from '../lib/input-files.js';
import { quoteValue } from '../lib/untrusted-text.js';
import { maskSecret } from '../lib/secrets.js';
import { defaultTags, mergeTags, ociLabels, type GitContext, type Label } from './image-metadata.js';
import {
  checkAccountIds,
  checkCacheSpec,
  checkPlatforms,
  checkProvenance,
  checkRegistryHost,
  checkRepository,
  checkSecretId,
  checkTag,
  checkTarget,
} from './input-checks.js';
import { isObject } from './json-shape.js';

const REGISTRY_TYPES = ['private', 'generic'] as const;
const TAG_MUTABILITIES = ['MUTABLE', 'IMMUTABLE'] as const;
export type RegistryType = (typeof REGISTRY_TYPES)[number];
export type TagMutability = (typeof TAG_MUTABILITIES)[number];

/** Where the image goes and how to log in there. */
export type RegistryTarget =
  | { type: 'private'; region: string; /** Accounts to log in to; the first is pushed to. Empty: the caller's own. */ accountIds: string[] }
  | { type: 'generic'; host: string; username: string; password: string };

export interface EcrBuildPushInputs {
  target: RegistryTarget;
  repository: string;
  createRepository: boolean;
  imageTagMutability: TagMutability;
  /** The lifecycle policy text (JSON), applied when this action creates the repository. */
  lifecyclePolicy?: string;
  context: string;
  file?: string;
  buildTarget?: string;
  platforms: string[];
  /** Default tags (commit SHA first) and then the given ones. */
  tags: string[];
  labels: Label[];
  buildArgs: KeyValue[];
  /** `id` → value; written to files at build time, never put on a command line. */
  secrets: KeyValue[];
  /** Explicit cache settings; both empty with `registryCache` → the registry cache default. */
  cacheFrom: string[];
  cacheTo: string[];
  registryCache: boolean;
  noCache: boolean;
  pull: boolean;
  provenance: string | false;
  sbom: boolean;
  setupBuilder: boolean;
  builder?: string;
  skipLogout: boolean;
  workspace: string;
  git: GitContext;
}

/** Reads and validates every input once. Nothing here touches Docker, AWS or the network. */
export function readEcrBuildPushInputs(input: Inputs, env: NodeJS.ProcessEnv): EcrBuildPushInputs {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const registryType = input.enum('registry-type', REGISTRY_TYPES, 'private');
  const target = readTarget(input, registryType, env);
  const repository = checkRepository('repository', input.string('repository'));
  const createRepository = input.boolean('create-repository');
  const imageTagMutability = input.enum('image-tag-mutability', TAG_MUTABILITIES, 'MUTABLE');
  const roots = { baseDir: workspace, ...(env.RUNNER_TEMP ? { runnerTemp: env.RUNNER_TEMP } : {}) };
  const lifecyclePolicyPath = input.optionalFile('lifecycle-policy', roots);
  if (target.type === 'generic' && createRepository) {
    throw new InputError(
      'create-repository',
      'only works with ECR',
      'Create the repository in the registry itself, or use registry-type: private',
    );
  }
  if (lifecyclePolicyPath && !createRepository) {
    throw new InputError(
      'lifecycle-policy',
      'is applied only when this action creates the repository',
      'Set create-repository: true, or attach the policy where the repository is managed',
    );
  }
  const git: GitContext = {
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    repository: env.GITHUB_REPOSITORY ?? '',
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
  };
  if (!/^[0-9a-f]{40}$/.test(git.sha)) {
    throw new InputError(
      'tags',
      `GITHUB_SHA ('${git.sha}') is not a commit SHA, so the default tag cannot be made`,
      'Run the action in a GitHub Actions job',
    );
  }
  const secrets = input.keyValues('secrets');
  for (const secret of secrets) {
    checkSecretId('secrets', secret.key);
    maskSecret(secret.value);
  }
  const cacheFrom = input.list('cache-from').map((spec) => checkCacheSpec('cache-from', spec));
  const cacheTo = input.list('cache-to').map((spec) => checkCacheSpec('cache-to', spec));
  const buildTarget = checkTarget('target', input.optionalString('target'));
  const builder = input.optionalString('builder');
  const file = readFileInput(input.optionalString('file'), roots);
  const platforms = input.list('platforms', { commas: true });
  return {
    target,
    repository,
    createRepository,
    imageTagMutability,
    ...(lifecyclePolicyPath ? { lifecyclePolicy: readLifecyclePolicy(lifecyclePolicyPath) } : {}),
    context: readContext(input.optionalString('context'), roots),
    ...(file ? { file } : {}),
    ...(buildTarget ? { buildTarget } : {}),
    platforms: checkPlatforms('platforms', platforms.length > 0 ? platforms : ['linux/amd64']),
    tags: mergeTags(
      defaultTags(git),
      input.list('tags', { commas: true }).map((tag) => checkTag('tags', tag)),
    ),
    labels: ociLabels(git, input.keyValues('labels')),
    buildArgs: input.keyValues('build-args'),
    secrets,
    cacheFrom,
    cacheTo,
    registryCache: input.boolean('registry-cache', true),
    noCache: input.boolean('no-cache'),
    pull: input.boolean('pull'),
    provenance: checkProvenance('provenance', input.optionalString('provenance')),
    sbom: input.boolean('sbom'),
    setupBuilder: input.boolean('setup-builder', true),
    ...(builder ? { builder } : {}),
    skipLogout: input.boolean('skip-logout'),
    workspace,
    git,
  };
}

function readTarget(input: Inputs, registryType: RegistryType, env: NodeJS.ProcessEnv): RegistryTarget {
  const registries = input.list('registries', { commas: true });
  const host = input.optionalString('registry');
  const username = input.optionalString('username');
  const password = input.optionalString('password');
  // Masked before any check can fail and print it.
  maskSecret(password);
  const region = input.optionalString('aws-region');
  if (registryType === 'private') {
    for (const [name, value] of [
      ['registry', host],
      ['username', username],
      ['password', password],
    ] as const) {
      if (value !== undefined)
        throw new InputError(
          name,
          'is only used with registry-type: generic',
          'ECR logins use the AWS credentials of the job; remove it, or set registry-type: generic',
        );
    }
    return { type: 'private', region: resolveRegion(region, env), accountIds: checkAccountIds('registries', registries) };
  }
  if (registries.length > 0)
    throw new InputError(
      'registries',
      'lists ECR accounts, which a generic registry does not have',
      "Remove 'registries', or use registry-type: private",
    );
  if (region !== undefined) throw new InputError('aws-region', 'is not used with registry-type: generic', "Remove 'aws-region'");
  if (host === undefined)
    throw new InputError('registry', 'is required with registry-type: generic', 'Set it to the registry host, for example ghcr.io');
  if (username === undefined)
    throw new InputError('username', 'is required with registry-type: generic', 'Set it (for GHCR: ${{ github.actor }})');
  if (password === undefined)
    throw new InputError(
      'password',
      'is required with registry-type: generic',
      'Set it from a secret (for GHCR: ${{ secrets.GITHUB_TOKEN }} with packages: write)',
    );
  return { type: 'generic', host: checkRegistryHost('registry', host), username, password };
}

/** The build context is sent to the builder and may end up in the pushed image: workspace or RUNNER_TEMP only. */
function readContext(value: string | undefined, roots: FileRoots): string {
  return resolveInputPath('context', value ?? '.', {
    ...roots,
    kind: 'directory',
    missingFix: 'Give the build context directory relative to the workspace (check out the repository first)',
  });
}

function readFileInput(value: string | undefined, roots: FileRoots): string | undefined {
  if (value === undefined) return undefined;
  return resolveInputPath('file', value, { ...roots, missingFix: 'Give the Dockerfile path relative to the workspace' });
}

/** The ECR lifecycle policy document: JSON with a `rules` array (checked here, not by CreateRepository later). */
function readLifecyclePolicy(path: string): string {
  const document = parseJson('lifecycle-policy', readFileSync(path, 'utf8'), `file '${quoteValue(path)}'`);
  if (!isObject(document) || !Array.isArray(document.rules)) {
    throw new InputError('lifecycle-policy', 'the document has no "rules" array', 'Write an ECR lifecycle policy: {"rules": [ … ]}');
  }
  return JSON.stringify(document);
}
