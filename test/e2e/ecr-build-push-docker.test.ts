import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { runAction, type ActionResult } from '../../sandbox/runner/run-action.js';
import { linesShowing } from '../../sandbox/runner/workflow-commands.js';
import {
  DOCKER_TESTS,
  dockerSandbox,
  freshRepository,
  registryManifest,
  testRegistry,
  type DockerSandbox,
  type TestRegistry,
} from './ecr-build-push-helpers.js';

/**
 * ecr-build-push end to end against a real Docker engine and a real registry with basic auth
 * (.ci/docker-setup.sh). buildx is the documented test double in test/fixtures/docker-buildx; the
 * registry side is real. Runs only with ECS_DELIVERY_DOCKER_TESTS=1.
 */
const describeDocker = DOCKER_TESTS ? describe : describe.skip;
const SHA = '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c';

/**
 * The secret is nowhere: not in docker's argv, not in the log as a runner shows it (masked only from
 * each mask line on, so a print before the mask shows), not even in a raw output line outside its own
 * mask command, nor in the summary, outputs, saved state or exported environment, main or post.
 */
function expectNoSecret(result: ActionResult, docker: DockerSandbox, secret: string): void {
  for (const line of docker.argv()) expect(line).not.toContain(secret);
  expect(result.summary).not.toContain(secret);
  for (const step of result.post ? [result, result.post] : [result]) {
    expect(step.log).not.toContain(secret);
    expect(linesShowing(step, secret)).toEqual([]);
    expect(JSON.stringify([step.outputs, step.state, step.env])).not.toContain(secret);
  }
}

describeDocker('ecr-build-push against a real registry (generic)', () => {
  let registry: TestRegistry;
  let docker: DockerSandbox;
  beforeAll(() => {
    registry = testRegistry();
    docker = dockerSandbox();
  });

  it('pushes a two-platform image, reads the manifest list back, and logs out in the post step', async () => {
    const repository = freshRepository('octo/multi');
    const result = await runAction('ecr-build-push', {
      inputs: {
        'registry-type': 'generic',
        registry: registry.address,
        username: registry.user,
        password: registry.password,
        repository,
        platforms: 'linux/amd64,linux/arm64',
        tags: 'latest',
        'build-args': 'GREETING=hi',
      },
      env: docker.env,
      workspace: docker.workspace,
      timeoutMs: 300_000,
    });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ registry: registry.address, platforms: 'linux/amd64,linux/arm64', pushed: 'true' });
    expect(result.outputs.image).toBe(`${registry.address}/${repository}@${result.outputs.digest}`);
    expect(result.outputs.tags).toBe(`${registry.address}/${repository}:${SHA}\n${registry.address}/${repository}:latest`);

    const list = await registryManifest(registry, repository, SHA);
    expect(list?.mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json');
    const platforms = (list?.body.manifests as { platform: { os: string; architecture: string } }[]).map(
      (m) => `${m.platform.os}/${m.platform.architecture}`,
    );
    expect(platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(result.summary).toContain(result.outputs.digest);

    const login = docker.argv().find((line) => line.startsWith('docker login'));
    expect(login).toBe(`docker login --username ${registry.user} --password-stdin ${registry.address}`);
    expect(result.post?.exitCode).toBe(0);
    expect(docker.argv()).toContain(`docker logout ${registry.address}`);
    expectNoSecret(result, docker, registry.password);
  });

  it('verifies a single-platform image by the platform in its config blob', async () => {
    const repository = freshRepository('octo/single');
    const result = await runAction('ecr-build-push', {
      inputs: {
        'registry-type': 'generic',
        registry: registry.address,
        username: registry.user,
        password: registry.password,
        repository,
        platforms: 'linux/arm64',
        'skip-logout': 'true',
      },
      env: docker.env,
      workspace: docker.workspace,
      timeoutMs: 300_000,
    });
    expect(result.errors).toEqual([]);
    expect(result.outputs.platforms).toBe('linux/arm64');
    expect((await registryManifest(registry, repository, SHA))?.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    expect(result.post?.log).toMatch(/skip-logout is true/);
    expectNoSecret(result, docker, registry.password);
  });

  it("fails with docker's reason when the password is wrong, and never shows it", async () => {
    const wrong = 'wrong-password-planted-42424242';
    const result = await runAction('ecr-build-push', {
      inputs: {
        'registry-type': 'generic',
        registry: registry.address,
        username: registry.user,
        password: wrong,
        repository: 'octo/denied',
      },
      env: docker.env,
      workspace: docker.workspace,
      timeoutMs: 120_000,
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([expect.stringMatching(/^docker login to 127\.0\.0\.1:\d+ failed/)]);
    expectNoSecret(result, docker, wrong);
  });
});

describeDocker('ecr-build-push through the sandbox ECR whose proxyEndpoint is the real registry', () => {
  let registry: TestRegistry;
  let docker: DockerSandbox;
  let sandbox: Sandbox;
  beforeAll(async () => {
    registry = testRegistry();
    docker = dockerSandbox();
    sandbox = await startSandbox();
    // ECR hands out the registry's htpasswd password and reads images back from that registry.
    sandbox.admin.setEcrPassword(registry.password);
    sandbox.admin.setEcrProxyEndpoint(`http://${registry.address}`);
  });
  afterAll(async () => sandbox?.stop());

  const run = (repository: string, extra: Record<string, string> = {}) =>
    runAction('ecr-build-push', {
      inputs: { repository, platforms: 'linux/amd64,linux/arm64', ...extra },
      env: { ...sandbox.env, ...docker.env },
      workspace: docker.workspace,
      timeoutMs: 300_000,
    });

  it('fails before any login or build when the repository is missing, naming it and the fix', async () => {
    const result = await run('shop/missing');
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(/^ECR repository 'shop\/missing' does not exist: create it .*create-repository: true/),
    ]);
    expect(docker.argv().filter((line) => /^docker (login|buildx build)/.test(line) && line.includes('missing'))).toEqual([]);
  });

  it('logs in through ECR, pushes, verifies by BatchGetImage, and on an IMMUTABLE re-run outputs the same digest without pushing', async () => {
    const repository = freshRepository('shop/web');
    sandbox.admin.createRepository(repository, { imageTagMutability: 'IMMUTABLE' });
    const first = await run(repository);
    expect(first.errors).toEqual([]);
    expect(first.outputs).toMatchObject({ registry: registry.address, pushed: 'true', platforms: 'linux/amd64,linux/arm64' });
    expect(docker.argv()).toContain(`docker login --username AWS --password-stdin ${registry.address}`);

    // ECR's BatchGetImage answered from the registry: the digest docker pushed, not a sandbox invention.
    expect((await registryManifest(registry, repository, SHA))?.digest).toBe(first.outputs.digest);
    const batchGets = () => sandbox.admin.requests.list({ service: 'ecr', operation: 'BatchGetImage' });
    expect(
      batchGets().filter((e) => (e.params as { repositoryName?: string }).repositoryName === repository && e.status === 200).length,
    ).toBeGreaterThan(0);

    // The re-run brings a tag the first run did not have: ECR PutImage adds it in the registry.
    const second = await run(repository, { tags: 'stable' });
    expect(second.errors).toEqual([]);
    expect(second.outputs).toMatchObject({ pushed: 'false', digest: first.outputs.digest, image: first.outputs.image });
    expect(second.log).toMatch(/already exists and the tag is immutable: verified it and did not build or push again/);
    expect((await registryManifest(registry, repository, 'stable'))?.digest).toBe(first.outputs.digest);
    expect(sandbox.admin.requests.list({ service: 'ecr', operation: 'PutImage' }).map((e) => e.status)).toEqual([200]);
    for (const password of [registry.password, ...sandbox.admin.ecrPasswords()]) {
      expectNoSecret(first, docker, password);
      expectNoSecret(second, docker, password);
    }
  });
});
