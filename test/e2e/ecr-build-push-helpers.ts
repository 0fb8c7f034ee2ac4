import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../sandbox/runner/run-action.js';

/**
 * What the Docker end-to-end tests of ecr-build-push share: the real engine and registry started by
 * .ci/docker-setup.sh, a private Docker config with the buildx test double installed as a CLI plugin,
 * and a `docker` wrapper first on PATH that records the argv of every docker invocation.
 */

export const DOCKER_TESTS = process.env.ECS_DELIVERY_DOCKER_TESTS === '1';
const STATE_DIR = process.env.ECS_DELIVERY_DOCKER_STATE || '/var/tmp/ecs-delivery-docker';

export interface TestRegistry {
  address: string;
  user: string;
  password: string;
}

export function testRegistry(): TestRegistry {
  const envFile = join(STATE_DIR, 'registry.env');
  if (!existsSync(envFile)) throw new Error(`${envFile} is missing: run .ci/docker-setup.sh first`);
  const values = Object.fromEntries(
    readFileSync(envFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return {
    address: values.REGISTRY_ADDRESS ?? '',
    user: values.REGISTRY_USER ?? '',
    password: readFileSync(values.REGISTRY_PASSWORD_FILE ?? '', 'utf8').trim(),
  };
}

export interface DockerSandbox {
  /** The step environment: DOCKER_CONFIG and the recording wrapper first on PATH. */
  env: Record<string, string>;
  workspace: string;
  /** Every docker command line run so far (the action's and the test double's). */
  argv(): string[];
}

export function dockerSandbox(): DockerSandbox {
  const root = mkdtempSync(join(tmpdir(), 'ecr-build-push-docker-'));
  const dockerConfig = join(root, 'docker-config');
  mkdirSync(join(dockerConfig, 'cli-plugins'), { recursive: true });
  const plugin = join(dockerConfig, 'cli-plugins', 'docker-buildx');
  copyFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'docker-buildx'), plugin);
  chmodSync(plugin, 0o755);

  const realDocker = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();
  const bin = join(root, 'bin');
  const argvLog = join(root, 'docker-argv.log');
  mkdirSync(bin);
  writeFileSync(argvLog, '');
  // stdin passes straight through: that is where the password must travel.
  writeFileSync(join(bin, 'docker'), `#!/bin/sh\nprintf '%s\\n' "docker $*" >> '${argvLog}'\nexec '${realDocker}' "$@"\n`, { mode: 0o755 });

  const workspace = join(root, 'workspace');
  mkdirSync(workspace);
  // FROM scratch + COPY only: the legacy builder behind the buildx double labels metadata-only
  // steps (ARG, LABEL) with the host platform and then refuses its own arm64 build.
  writeFileSync(join(workspace, 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /hello.txt\n');
  writeFileSync(join(workspace, 'hello.txt'), `hello from ${root}\n`);
  return {
    env: { DOCKER_CONFIG: dockerConfig, PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` },
    workspace,
    argv: () => readFileSync(argvLog, 'utf8').split('\n').filter(Boolean),
  };
}

/** Reads a manifest straight from the registry, as a check independent of the action. */
export async function registryManifest(
  registry: TestRegistry,
  repository: string,
  reference: string,
): Promise<{ mediaType: string; digest: string; body: Record<string, unknown> } | undefined> {
  const response = await fetch(`http://${registry.address}/v2/${repository}/manifests/${reference}`, {
    headers: {
      Authorization: `Basic ${Buffer.from(`${registry.user}:${registry.password}`).toString('base64')}`,
      Accept:
        'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
    },
  });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`registry answered ${response.status}`);
  return {
    mediaType: response.headers.get('content-type') ?? '',
    digest: response.headers.get('docker-content-digest') ?? '',
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** A repository name no earlier run used, so every test starts from an empty repository. */
export function freshRepository(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}
