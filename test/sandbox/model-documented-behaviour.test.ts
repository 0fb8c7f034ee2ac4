import { CreateRepositoryCommand, DescribeRepositoriesCommand, PutImageCommand, PutImageTagMutabilityCommand } from '@aws-sdk/client-ecr';
import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
} from '@aws-sdk/client-ecs';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsOperationContext } from '../../sandbox/core/contract.js';
import type { TargetFailure } from '../../sandbox/elbv2/target-groups.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { createLogsService } from '../../sandbox/logs/index.js';
import { LogStore } from '../../sandbox/logs/log-store.js';
import { clientsFor, fargateTaskDefinition, NETWORK } from './helpers.js';

/**
 * Behaviour the AWS documentation states and the sandbox once differed from (issue 14): ECR's tag
 * mutability exclusions, ECS's batch limits, ALB target-health reasons and ECS's unhealthy-target
 * event, FilterLogEvents' inclusive endTime.
 */

let sandbox: Sandbox;
let clients: ReturnType<typeof clientsFor>;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 1, seed: 21 });
  clients = clientsFor(sandbox, 1);
  sandbox.admin.createCluster('docs');
});
afterAll(async () => {
  await sandbox.stop();
});

describe('ECR image tag mutability with exclusion filters', () => {
  const manifest = (n: number) =>
    JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', layers: [{ size: n }] });
  const push = (repositoryName: string, imageTag: string, n: number) =>
    clients.ecr.send(new PutImageCommand({ repositoryName, imageTag, imageManifest: manifest(n) }));

  test('IMMUTABLE_WITH_EXCLUSION: every tag is immutable except those a filter matches', async () => {
    const created = await clients.ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'imm-ex',
        imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
        imageTagMutabilityExclusionFilters: [
          { filterType: 'WILDCARD', filter: 'latest' },
          { filterType: 'WILDCARD', filter: 'dev-*' },
        ],
      }),
    );
    expect(created.repository?.imageTagMutabilityExclusionFilters).toEqual([
      { filterType: 'WILDCARD', filter: 'latest' },
      { filterType: 'WILDCARD', filter: 'dev-*' },
    ]);
    for (const tag of ['v1', 'latest', 'dev-a']) await push('imm-ex', tag, 1);
    await expect(push('imm-ex', 'v1', 2)).rejects.toMatchObject({ name: 'ImageTagAlreadyExistsException' });
    await expect(push('imm-ex', 'latest', 2)).resolves.toBeDefined();
    await expect(push('imm-ex', 'dev-a', 2)).resolves.toBeDefined();
  });

  test('MUTABLE_WITH_EXCLUSION: only tags a filter matches are immutable; PutImageTagMutability switches and reports it', async () => {
    await clients.ecr.send(new CreateRepositoryCommand({ repositoryName: 'mut-ex' }));
    const put = await clients.ecr.send(
      new PutImageTagMutabilityCommand({
        repositoryName: 'mut-ex',
        imageTagMutability: 'MUTABLE_WITH_EXCLUSION',
        imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'release-*' }],
      }),
    );
    expect(put).toMatchObject({
      imageTagMutability: 'MUTABLE_WITH_EXCLUSION',
      imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'release-*' }],
    });
    for (const tag of ['release-1', 'main']) await push('mut-ex', tag, 1);
    await expect(push('mut-ex', 'release-1', 2)).rejects.toMatchObject({ name: 'ImageTagAlreadyExistsException' });
    await expect(push('mut-ex', 'main', 2)).resolves.toBeDefined();
    const described = await clients.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['mut-ex'] }));
    expect(described.repositories?.[0]).toMatchObject({ imageTagMutability: 'MUTABLE_WITH_EXCLUSION' });
    await clients.ecr.send(new PutImageTagMutabilityCommand({ repositoryName: 'mut-ex', imageTagMutability: 'MUTABLE' }));
    await expect(push('mut-ex', 'release-1', 3)).resolves.toBeDefined();
  });

  test.each([
    [
      { imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION' as const },
      /imageTagMutabilityExclusionFilters are required when imageTagMutability is IMMUTABLE_WITH_EXCLUSION/,
    ],
    [
      { imageTagMutability: 'IMMUTABLE' as const, imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD' as const, filter: 'x' }] },
      /can only be used with IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION, not IMMUTABLE/,
    ],
    [
      {
        imageTagMutability: 'MUTABLE_WITH_EXCLUSION' as const,
        imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD' as const, filter: 'a/b' }],
      },
      /filter' failed to satisfy constraint/,
    ],
    [
      {
        imageTagMutability: 'MUTABLE_WITH_EXCLUSION' as const,
        imageTagMutabilityExclusionFilters: Array.from({ length: 6 }, (_, i) => ({ filterType: 'WILDCARD' as const, filter: `t${i}` })),
      },
      /Member must have length between 1 and 5/,
    ],
  ])('refused as ECR refuses it: %j', async (setting, message) => {
    await expect(clients.ecr.send(new PutImageTagMutabilityCommand({ repositoryName: 'mut-ex', ...setting }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(message),
    });
  });
});

describe('ECS batch limits', () => {
  const many = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  const arn = (kind: string) => (i: string) => `arn:aws:ecs:us-east-1:123456789012:${kind}/docs/web/${i}`;

  test.each([
    [
      'DescribeServices',
      10,
      (n: number) => new DescribeServicesCommand({ cluster: 'docs', services: many(n, 's') }),
      'service names can have at most 10 items.',
    ],
    [
      'DescribeTasks',
      100,
      (n: number) => new DescribeTasksCommand({ cluster: 'docs', tasks: many(n, 't') }),
      'taskIds can have at most 100 items.',
    ],
    [
      'DescribeServiceDeployments',
      20,
      (n: number) => new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: many(n, 'd').map(arn('service-deployment')) }),
      'serviceDeploymentArns can have at most 20 items.',
    ],
    [
      'DescribeServiceRevisions',
      20,
      (n: number) => new DescribeServiceRevisionsCommand({ serviceRevisionArns: many(n, 'r').map(arn('service-revision')) }),
      'serviceRevisionArns can have at most 20 items.',
    ],
  ] as const)('%s takes %i and refuses one more', async (_operation, max, command, message) => {
    const send = (n: number) => clients.ecs.send(command(n) as never) as Promise<{ failures?: unknown[] }>;
    expect((await send(max)).failures).toHaveLength(max);
    await expect(send(max + 1)).rejects.toMatchObject({ name: 'InvalidParameterException', message });
  });
});

describe('ALB target health and the unhealthy-target service event', () => {
  async function unhealthyService(name: string, failure: TargetFailure | undefined) {
    const tg = sandbox.admin.createTargetGroup({ name, port: 8080 });
    sandbox.admin.setImageBehavior(`${name}:1`, { kind: 'unhealthy-target', ...(failure ? { targetFailure: failure } : {}) });
    sandbox.admin.createService({
      cluster: 'docs',
      serviceName: name,
      taskDefinition: sandbox.admin.registerTaskDefinition(fargateTaskDefinition(name, `${name}:1`)),
      desiredCount: 1,
      networkConfiguration: NETWORK,
      loadBalancers: [{ targetGroupArn: tg, containerName: 'web', containerPort: 8080 }],
      healthCheckGracePeriodSeconds: 60,
    });
    const health = async () =>
      (await clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }))).TargetHealthDescriptions?.[0]?.TargetHealth;
    return { tg, health };
  }

  test('a target registers, is health-checked, then fails with the reason ELB gives; ECS names task and port in its event', async () => {
    const { tg, health } = await unhealthyService('codes', { reason: 'Target.ResponseCodeMismatch', httpCode: 502 });
    sandbox.admin.advance(13_000);
    expect(await health()).toEqual({
      State: 'initial',
      Reason: 'Elb.RegistrationInProgress',
      Description: 'Target registration is in progress',
    });
    sandbox.admin.advance(6_000);
    expect(await health()).toEqual({
      State: 'initial',
      Reason: 'Elb.InitialHealthChecking',
      Description: 'Initial health checking in progress',
    });
    sandbox.admin.advance(10_000);
    expect(await health()).toEqual({
      State: 'unhealthy',
      Reason: 'Target.ResponseCodeMismatch',
      Description: 'Health checks failed with these codes: [502]',
    });
    sandbox.admin.advance(60_000);
    const events =
      (await clients.ecs.send(new DescribeServicesCommand({ cluster: 'docs', services: ['codes'] }))).services?.[0]?.events ?? [];
    const escaped = tg.replace(/[/.]/g, '\\$&');
    expect(events.map((e) => e.message)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^\\(service codes\\) \\(task [0-9a-f]{32}\\) \\(port 8080\\) is unhealthy in \\(target-group ${escaped}\\) due to \\(reason Health checks failed with these codes: \\[502\\]\\)\\.$`,
        ),
      ),
    );
  });

  test.each([
    [{ reason: 'Target.Timeout' as const }, { Reason: 'Target.Timeout', Description: 'Request timed out' }],
    [undefined, { Reason: 'Target.FailedHealthChecks', Description: 'Health checks failed' }],
  ])('an unhealthy target failing with %j', async (failure, expected) => {
    const { health } = await unhealthyService(failure ? 'timeout' : 'failed', failure);
    sandbox.admin.advance(30_000);
    expect(await health()).toEqual({ State: 'unhealthy', ...expected });
  });
});

describe('CloudWatch Logs time windows', () => {
  const store = new LogStore();
  store.append(
    '/g',
    's',
    [1000, 2000, 3000].map((timestamp) => ({ timestamp, message: `at ${timestamp}` })),
  );
  const service = createLogsService(store, () => undefined, 'us-east-1', '123456789012');
  const call = (operation: string, params: Record<string, unknown>) =>
    service.operations[operation]?.(params, {} as AwsOperationContext) as { events: { message: string }[] };

  test('FilterLogEvents returns an event at endTime (only later ones are left out); GetLogEvents does not', () => {
    const window = { logGroupName: '/g', startTime: 1000, endTime: 2000 };
    expect(call('FilterLogEvents', window).events.map((e) => e.message)).toEqual(['at 1000', 'at 2000']);
    expect(call('GetLogEvents', { ...window, logStreamName: 's', startFromHead: true }).events.map((e) => e.message)).toEqual(['at 1000']);
  });
});
