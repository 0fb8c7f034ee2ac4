import {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  PutImageCommand,
  PutLifecyclePolicyCommand,
  RepositoryNotFoundException,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DockerCli, DockerResult } from '../../../src/ecr-build-push/docker-cli.js';
import type { EcrBuildPushInputs } from '../../../src/ecr-build-push/inputs.js';
import { runEcrBuildPush, type EcrBuildPushDeps } from '../../../src/ecr-build-push/run.js';
import { fakeRunner } from '../../fakes/runner.js';
import { NotFoundError } from '../../../src/lib/errors.js';
import { MemoryRegistry, indexOf } from './memory-registry.js';

/** The whole main flow with Docker, ECR and the registry faked at their edges. */
const SHA = '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c';
const PASSWORD = 'ecr-password-planted-0123456789';
const HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const ALL_PLATFORMS = 'linux/amd64, linux/amd64/v2, linux/arm64, linux/386*';
const ecr = mockClient(ECRClient);

interface Call {
  args: string[];
  input?: string;
}

function fakeDocker(registry: MemoryRegistry, options: { driver?: string; platforms?: string } = {}): { docker: DockerCli; calls: Call[] } {
  const calls: Call[] = [];
  const ok = (stdout = ''): DockerResult => ({ exitCode: 0, stdout, stderr: '' });
  const docker: DockerCli = {
    async run(args, runOptions = {}) {
      calls.push({ args, ...(runOptions.input ? { input: runOptions.input } : {}) });
      if (args[0] === 'buildx' && args[1] === 'inspect') {
        const name = args[2] && args[2] !== '--bootstrap' ? args[2] : 'default';
        const driver = name === 'default' ? (options.driver ?? 'docker-container') : 'docker-container';
        // A builder made after QEMU was installed can run every platform.
        const platforms = name === 'default' ? (options.platforms ?? ALL_PLATFORMS) : ALL_PLATFORMS;
        return ok(`Name: ${name}\nDriver: ${driver}\n\nNodes:\nName: ${name}0\nPlatforms: ${platforms}\n`);
      }
      if (args[0] === 'buildx' && args[1] === 'build') {
        const metadataFile = args[args.indexOf('--metadata-file') + 1] ?? '';
        const platforms = (args[args.indexOf('--platform') + 1] ?? '').split(',');
        const digest = indexOf(registry, platforms, { attestations: false, tag: SHA });
        writeFileSync(metadataFile, JSON.stringify({ 'containerimage.digest': digest, 'buildx.build.provenance': { big: true } }));
        return ok();
      }
      return ok(args.join(' ') === 'buildx version' ? 'github.com/docker/buildx v0.17.1' : '');
    },
  };
  return { docker, calls };
}

function inputs(change: Partial<EcrBuildPushInputs> = {}): EcrBuildPushInputs {
  return {
    target: { type: 'private', region: 'eu-west-1', accountIds: [] },
    repository: 'shop/web',
    createRepository: false,
    imageTagMutability: 'MUTABLE',
    context: '/work/app',
    platforms: ['linux/amd64', 'linux/arm64'],
    tags: [SHA, 'latest'],
    labels: [],
    buildArgs: [],
    secrets: [{ key: 'npm', value: 'npm-secret-value' }],
    cacheFrom: [],
    cacheTo: [],
    registryCache: true,
    noCache: false,
    pull: false,
    provenance: false,
    sbom: false,
    setupBuilder: true,
    skipLogout: false,
    workspace: '/work',
    git: { sha: SHA, ref: 'refs/heads/main', repository: 'octo-org/octo-service', serverUrl: 'https://github.com' },
    ...change,
  };
}

function deps(docker: DockerCli, registry: MemoryRegistry) {
  const outputs: Record<string, string> = {};
  const state: Record<string, string> = {};
  const lines: string[] = [];
  const value: EcrBuildPushDeps = {
    docker,
    ecr: new ECRClient({ region: 'eu-west-1' }),
    // Only config blobs are read through the registry API (the manifests come from BatchGetImage).
    registryApi: () => ({
      getManifest: async () => undefined,
      getBlob: async (_repository, digest) => Buffer.from(JSON.stringify(registry.configs.get(digest) ?? {})),
    }),
    tempDir: mkdtempSync(join(tmpdir(), 'ecr-build-push-run-')),
    runId: '42-1-build',
    ...fakeRunner().runner,
    log: {
      info: (line) => lines.push(line),
      warning: (line) => lines.push(`warning: ${line}`),
      error: (line) => lines.push(`error: ${line}`),
    },
    saveState: (name, v) => (state[name] = v),
    setOutput: (name, v) => (outputs[name] = v),
    summary: { append: async () => undefined },
  };
  return { deps: value, outputs, state, lines };
}

function serveEcr(registry: MemoryRegistry, mutability = 'MUTABLE') {
  ecr.on(GetAuthorizationTokenCommand).resolves({
    authorizationData: [{ authorizationToken: Buffer.from(`AWS:${PASSWORD}`).toString('base64'), proxyEndpoint: `https://${HOST}` }],
  });
  ecr
    .on(DescribeRepositoriesCommand)
    .resolves({ repositories: [{ repositoryName: 'shop/web', imageTagMutability: mutability as 'MUTABLE' }] });
  ecr.on(BatchGetImageCommand).callsFake(async (input: { imageIds: { imageDigest?: string; imageTag?: string }[] }) => {
    const id = input.imageIds[0] ?? {};
    const found = await registry.reader().manifest('shop/web', id.imageDigest ?? id.imageTag ?? '');
    if (!found) return { images: [], failures: [{ imageId: id, failureCode: 'ImageNotFound' }] };
    return {
      images: [{ imageId: { imageDigest: found.digest }, imageManifest: found.body, imageManifestMediaType: found.mediaType }],
      failures: [],
    };
  });
}

afterEach(() => ecr.reset());

describe('runEcrBuildPush', () => {
  it('logs in with the password on stdin only, builds, reads back and outputs the image by digest', async () => {
    const registry = new MemoryRegistry();
    serveEcr(registry);
    const { docker, calls } = fakeDocker(registry);
    const { deps: d, outputs, state } = deps(docker, registry);
    const report = await runEcrBuildPush(inputs(), d);

    const login = calls.find((call) => call.args[0] === 'login');
    expect(login).toEqual({ args: ['login', '--username', 'AWS', '--password-stdin', HOST], input: PASSWORD });
    for (const call of calls) expect(call.args.join(' ')).not.toMatch(/ecr-password-planted|npm-secret-value/);
    expect(report.image).toMatch(new RegExp(`^${HOST}/shop/web@sha256:[0-9a-f]{64}$`));
    expect(outputs).toMatchObject({
      registry: HOST,
      image: report.image,
      digest: report.digest,
      platforms: 'linux/amd64,linux/arm64',
      pushed: 'true',
    });
    expect(outputs.tags).toBe(`${HOST}/shop/web:${SHA}\n${HOST}/shop/web:latest`);
    expect(JSON.parse(outputs.metadata ?? '{}')).toEqual({ 'containerimage.digest': report.digest });
    expect(state).toEqual({ 'skip-logout': 'false', registries: JSON.stringify([HOST]) });
    const build = calls.find((call) => call.args[1] === 'build')?.args ?? [];
    expect(build).toContain(`type=registry,ref=${HOST}/shop/web:buildcache,mode=max,image-manifest=true,oci-mediatypes=true`);
  });

  it('fails before docker login when the repository is missing, with its name and the fix', async () => {
    const registry = new MemoryRegistry();
    serveEcr(registry);
    ecr.on(DescribeRepositoriesCommand).rejects(new RepositoryNotFoundException({ message: 'not found', $metadata: {} }));
    const { docker, calls } = fakeDocker(registry);
    const run = runEcrBuildPush(inputs(), deps(docker, registry).deps);
    await expect(run).rejects.toBeInstanceOf(NotFoundError);
    await expect(run).rejects.toThrow(/ECR repository 'shop\/web' does not exist: create it .*or set create-repository: true/);
    expect(calls.map((call) => call.args[0])).toEqual(['buildx']);
  });

  it('creates a missing repository with scan on push, the mutability and the lifecycle policy', async () => {
    const registry = new MemoryRegistry();
    serveEcr(registry);
    ecr.on(DescribeRepositoriesCommand).rejects(new RepositoryNotFoundException({ message: 'not found', $metadata: {} }));
    ecr.on(CreateRepositoryCommand).resolves({ repository: { repositoryName: 'shop/web', imageTagMutability: 'IMMUTABLE' } });
    const { docker } = fakeDocker(registry);
    await runEcrBuildPush(
      inputs({ createRepository: true, imageTagMutability: 'IMMUTABLE', lifecyclePolicy: '{"rules":[]}' }),
      deps(docker, registry).deps,
    );
    expect(ecr.commandCalls(CreateRepositoryCommand)[0]?.args[0].input).toEqual({
      repositoryName: 'shop/web',
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
    });
    expect(ecr.commandCalls(PutLifecyclePolicyCommand)[0]?.args[0].input).toEqual({
      repositoryName: 'shop/web',
      lifecyclePolicyText: '{"rules":[]}',
    });
  });

  it('on an IMMUTABLE re-run verifies the existing image, adds only missing tags and builds nothing', async () => {
    const registry = new MemoryRegistry();
    const existing = indexOf(registry, ['linux/amd64', 'linux/arm64'], { tag: SHA });
    serveEcr(registry, 'IMMUTABLE');
    ecr.on(PutImageCommand).resolves({});
    const { docker, calls } = fakeDocker(registry);
    const { deps: d, outputs, lines } = deps(docker, registry);
    await runEcrBuildPush(inputs(), d);
    expect(calls.some((call) => call.args[1] === 'build')).toBe(false);
    expect(outputs).toMatchObject({ digest: existing, pushed: 'false' });
    expect(lines.join('\n')).toMatch(/already exists and the tag is immutable: verified it and did not build or push again/);
    expect(ecr.commandCalls(PutImageCommand).map((call) => call.args[0].input)).toEqual([
      expect.objectContaining({ repositoryName: 'shop/web', imageTag: 'latest', imageDigest: existing }),
    ]);
  });

  it('only reads the cache in an IMMUTABLE repository on a first build', async () => {
    const registry = new MemoryRegistry();
    serveEcr(registry, 'IMMUTABLE');
    const { docker, calls } = fakeDocker(registry);
    await runEcrBuildPush(inputs(), deps(docker, registry).deps);
    const build = calls.find((call) => call.args[1] === 'build')?.args ?? [];
    expect(build).toContain('--cache-from');
    expect(build).not.toContain('--cache-to');
  });

  it('sets up a docker-container builder with QEMU when the docker driver cannot build the platforms', async () => {
    const registry = new MemoryRegistry();
    serveEcr(registry);
    const { docker, calls } = fakeDocker(registry, { driver: 'docker', platforms: 'linux/amd64' });
    const { deps: d, state } = deps(docker, registry);
    await runEcrBuildPush(inputs(), d);
    expect(calls.map((call) => call.args.join(' '))).toEqual(
      expect.arrayContaining([
        'run --privileged --rm docker.io/tonistiigi/binfmt:latest --install arm64',
        'buildx create --name ecs-delivery-42-1-build --driver docker-container --bootstrap',
      ]),
    );
    expect(calls.find((call) => call.args[1] === 'build')?.args.slice(0, 4)).toEqual([
      'buildx',
      'build',
      '--builder',
      'ecs-delivery-42-1-build',
    ]);
    expect(state.builder).toBe('ecs-delivery-42-1-build');
  });

  it('with setup-builder false explains what the builder lacks instead of building', async () => {
    const registry = new MemoryRegistry();
    serveEcr(registry);
    const { docker } = fakeDocker(registry, { driver: 'docker', platforms: 'linux/amd64' });
    await expect(runEcrBuildPush(inputs({ setupBuilder: false }), deps(docker, registry).deps)).rejects.toThrow(
      /builder 'default' \(driver docker\) is not enough: it cannot build linux\/arm64; .*Set setup-builder: true/,
    );
  });

  it('fails when buildx is missing, saying what to install', async () => {
    const registry = new MemoryRegistry();
    const docker: DockerCli = { run: async () => ({ exitCode: 1, stdout: '', stderr: "docker: 'buildx' is not a docker command." }) };
    await expect(runEcrBuildPush(inputs(), deps(docker, registry).deps)).rejects.toThrow(
      /docker buildx is not available: install the buildx plugin/,
    );
  });
});
