import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from '../../sandbox/index.js';
import { preparedImageBuild } from '../../sandbox/runner/prepared-image.js';
import { runAction } from '../../sandbox/runner/run-action.js';
import type { OwnActionStandIn } from '../../sandbox/runner/workflow-steps.js';

/**
 * How the demo's "Build and push" step gets its image. Through the real Docker engine when one runs,
 * with buildx, and a local registry to push to (the one .ci/docker-setup.sh starts, as the
 * ecr-build-push Docker tests use it): the sandbox's ECR then hands out that registry's login and
 * reads images back from it, and the ecr-build-push bundle itself builds and pushes. Otherwise the
 * prepared image (sandbox/runner/prepared-image.ts), and the demo says why. Either way `onBuilt` hears
 * of each image before the deploy steps run, so the demo can make one release misbehave.
 * ECS_DELIVERY_DEMO_BUILD=prepared skips the probe (the demo's test, a machine whose Docker cannot
 * reach the base image's registry).
 */

export interface LocalRegistry {
  address: string;
  password: string;
}

export type BuildChoice = { kind: 'docker'; engine: string; registry: LocalRegistry } | { kind: 'prepared'; reason: string };

const PROBE_MS = 3000;
const STATE_DIR = process.env.ECS_DELIVERY_DOCKER_STATE || '/var/tmp/ecs-delivery-docker';

export async function chooseBuild(): Promise<BuildChoice> {
  if (process.env.ECS_DELIVERY_DEMO_BUILD === 'prepared') return { kind: 'prepared', reason: 'ECS_DELIVERY_DEMO_BUILD=prepared' };
  const info = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: PROBE_MS });
  if (info.error && (info.error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'prepared', reason: 'docker is not installed' };
  if (info.status !== 0) return { kind: 'prepared', reason: 'no Docker engine answers `docker info`' };
  const engine = `Docker ${info.stdout.trim()}`;
  if (spawnSync('docker', ['buildx', 'version'], { encoding: 'utf8', timeout: PROBE_MS }).status !== 0)
    return { kind: 'prepared', reason: `${engine} runs, but without buildx, which ecr-build-push builds with` };
  const registry = localRegistry();
  if (!registry || !(await answers(registry)))
    return { kind: 'prepared', reason: `${engine} runs, but no local registry answers to push to (.ci/docker-setup.sh starts one)` };
  return { kind: 'docker', engine, registry };
}

/** The registry .ci/docker-setup.sh started, from the file it leaves. */
function localRegistry(): LocalRegistry | undefined {
  const file = join(STATE_DIR, 'registry.env');
  if (!existsSync(file)) return undefined;
  const values = Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const passwordFile = values.REGISTRY_PASSWORD_FILE;
  if (!values.REGISTRY_ADDRESS || !passwordFile || !existsSync(passwordFile)) return undefined;
  return { address: values.REGISTRY_ADDRESS, password: readFileSync(passwordFile, 'utf8').trim() };
}

/** A registry with basic auth answers 401 to an anonymous /v2/. */
async function answers(registry: LocalRegistry): Promise<boolean> {
  try {
    const response = await fetch(`http://${registry.address}/v2/`, { signal: AbortSignal.timeout(PROBE_MS) });
    return response.status === 401;
  } catch {
    return false;
  }
}

/** Puts the sandbox's ECR in front of the local registry, as the ecr-build-push Docker tests do. */
export function connectRegistry(sandbox: Sandbox, choice: BuildChoice): void {
  if (choice.kind !== 'docker') return;
  sandbox.admin.setEcrPassword(choice.registry.password);
  sandbox.admin.setEcrProxyEndpoint(`http://${choice.registry.address}`);
}

export type BuildFor = (sha: string, where: { sandbox: Sandbox; workspace: string }) => OwnActionStandIn;

export function imageBuild(choice: BuildChoice, onBuilt: (sha: string, image: string) => void): BuildFor {
  return (sha, { sandbox, workspace }) =>
    async (inputs) => {
      const built =
        choice.kind === 'docker'
          ? await dockerBuild(choice, sandbox, workspace, sha, inputs)
          : await preparedImageBuild(sandbox.admin, sha)(inputs);
      onBuilt(sha, built.outputs.image ?? '');
      return built;
    };
}

/**
 * The ecr-build-push bundle against the real engine. It runs outside the job's steps (a stand-in's
 * place), so with the sandbox's own keys rather than the job's OIDC session, and its log says so.
 */
async function dockerBuild(
  choice: Extract<BuildChoice, { kind: 'docker' }>,
  sandbox: Sandbox,
  workspace: string,
  sha: string,
  inputs: Record<string, string>,
): Promise<{ outputs: Record<string, string>; log: string }> {
  const result = await runAction('ecr-build-push', { inputs, env: { ...sandbox.env, GITHUB_SHA: sha }, workspace, timeoutMs: 300_000 });
  if (result.exitCode !== 0)
    throw new Error(`ecr-build-push through ${choice.engine} failed: ${result.errors.join('; ') || 'see its log'}\n${result.log}`);
  const note = `${choice.engine}: ecr-build-push built and pushed to ${choice.registry.address} behind the sandbox's ECR (with the sandbox's keys, not the job's OIDC session)`;
  return { outputs: result.outputs, log: `${note}\n${result.log}` };
}
