/**
 * The read operations a person tries first against `npm run sandbox -- --config sandbox/config.default.yml`,
 * each through the real SDK client, with pagination driven by the SDK's own paginators.
 */
import { readFileSync } from 'node:fs';
import {
  DescribeDestinationsCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  paginateDescribeLogStreams,
} from '@aws-sdk/client-cloudwatch-logs';
import { DescribeRepositoriesCommand, ListImagesCommand, paginateDescribeRepositories } from '@aws-sdk/client-ecr';
import {
  CreateClusterCommand,
  DescribeClustersCommand,
  ListClustersCommand,
  ListContainerInstancesCommand,
  ListServicesCommand,
  ListTaskDefinitionFamiliesCommand,
  ListTaskDefinitionsCommand,
  paginateListClusters,
} from '@aws-sdk/client-ecs';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { applyConfig } from '../../sandbox/config/apply-config.js';
import { loadConfigFile } from '../../sandbox/config/load-config.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { clientsFor } from './helpers.js';

let sandbox: Sandbox;
let clients: ReturnType<typeof clientsFor>;
let sts: STSClient;
const ACCOUNT = 'arn:aws:ecs:us-east-1:123456789012';

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
  applyConfig(sandbox, loadConfigFile('sandbox/config.default.yml'));
  clients = clientsFor(sandbox, 1);
  sts = new STSClient({
    endpoint: sandbox.endpoints.sts,
    region: 'us-east-1',
    credentials: { accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY ?? '' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  for (const client of [...Object.values(clients), sts]) client.destroy();
  await sandbox.stop();
});

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe('ECS', () => {
  test('ListClusters pages with maxResults and the SDK paginator, DescribeClusters counts the service and its tasks', async () => {
    expect((await clients.ecs.send(new ListClustersCommand({}))).clusterArns).toEqual([`${ACCOUNT}:cluster/sandbox`]);
    for (const name of ['alpha', 'beta'])
      await clients.ecs.send(new CreateClusterCommand({ clusterName: name, tags: [{ key: 'team', value: name }] }));
    const pages = await collect(paginateListClusters({ client: clients.ecs, pageSize: 2 }, {}));
    expect(pages.map((p) => p.clusterArns?.length)).toEqual([2, 1]);
    expect(pages.flatMap((p) => p.clusterArns)).toEqual(['sandbox', 'alpha', 'beta'].map((c) => `${ACCOUNT}:cluster/${c}`));

    const described = await clients.ecs.send(
      new DescribeClustersCommand({ clusters: ['sandbox', 'alpha', 'nope'], include: ['STATISTICS', 'TAGS'] }),
    );
    expect(described.clusters?.map((c) => [c.clusterName, c.status, c.activeServicesCount, c.runningTasksCount])).toEqual([
      ['sandbox', 'ACTIVE', 1, 2],
      ['alpha', 'ACTIVE', 0, 0],
    ]);
    expect(described.clusters?.[0]?.statistics).toEqual(expect.arrayContaining([{ name: 'runningFargateTasksCount', value: '2' }]));
    expect(described.clusters?.[1]?.tags).toEqual([{ key: 'team', value: 'alpha' }]);
    expect(described.failures).toEqual([{ arn: `${ACCOUNT}:cluster/nope`, reason: 'MISSING' }]);
  });

  test('ListServices, ListTaskDefinitions and ListTaskDefinitionFamilies list what the config created', async () => {
    expect((await clients.ecs.send(new ListServicesCommand({ cluster: 'sandbox' }))).serviceArns).toEqual([
      `${ACCOUNT}:service/sandbox/web`,
    ]);
    expect((await clients.ecs.send(new ListServicesCommand({ cluster: 'sandbox', launchType: 'EC2' }))).serviceArns).toEqual([]);
    await expect(clients.ecs.send(new ListServicesCommand({ cluster: 'missing' }))).rejects.toMatchObject({
      name: 'ClusterNotFoundException',
    });
    expect((await clients.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'web' }))).taskDefinitionArns).toEqual([
      `${ACCOUNT}:task-definition/web:1`,
    ]);
    expect((await clients.ecs.send(new ListTaskDefinitionFamiliesCommand({}))).families).toEqual(['web']);
    expect((await clients.ecs.send(new ListTaskDefinitionFamiliesCommand({ status: 'INACTIVE' }))).families).toEqual([]);
    await expect(clients.ecs.send(new ListClustersCommand({ maxResults: 101 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('maxResults must be between 1 and 100'),
    });
  });
});

describe('CloudWatch Logs', () => {
  test('DescribeLogGroups finds the awslogs group the service writes to, DescribeLogStreams pages its streams', async () => {
    const groups = await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs/' }));
    expect(groups.logGroups?.map((g) => [g.logGroupName, g.logGroupArn, g.logGroupClass])).toEqual([
      ['/ecs/web', 'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web', 'STANDARD'],
    ]);
    expect(groups.logGroups?.[0]?.arn).toBe('arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:*');
    expect((await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePattern: 'nothing' }))).logGroups).toEqual([]);

    const pages = await collect(paginateDescribeLogStreams({ client: clients.logs, pageSize: 1 }, { logGroupName: '/ecs/web' }));
    const streams = pages.flatMap((p) => p.logStreams ?? []);
    expect(pages).toHaveLength(2);
    expect(streams.map((s) => s.logStreamName)).toEqual([
      expect.stringMatching(/^ecs\/web\/[0-9a-f]{32}$/),
      expect.stringMatching(/^ecs\/web\//),
    ]);
    expect(streams[0]?.lastEventTimestamp).toBeGreaterThanOrEqual(streams[0]?.firstEventTimestamp ?? Infinity);
    await expect(
      clients.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/ecs/web', orderBy: 'LastEventTime', logStreamNamePrefix: 'ecs' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(clients.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/ecs/none' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('ELBv2, ECR and STS', () => {
  test('DescribeTargetGroups pages with PageSize, and the service has registered its two tasks as healthy targets', async () => {
    sandbox.admin.createTargetGroup({ name: 'api', port: 9000 });
    const pages = await collect(paginateDescribeTargetGroups({ client: clients.elbv2, pageSize: 1 }, {}));
    expect(pages.flatMap((p) => p.TargetGroups ?? []).map((g) => [g.TargetGroupName, g.Port])).toEqual([
      ['web', 8080],
      ['api', 9000],
    ]);
    const web = (await clients.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['web'] }))).TargetGroups?.[0];
    const health = await clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: web?.TargetGroupArn }));
    expect(health.TargetHealthDescriptions?.map((d) => d.TargetHealth?.State)).toEqual(['healthy', 'healthy']);
    await expect(
      clients.elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: 'arn:aws:elasticloadbalancing:x' })),
    ).rejects.toMatchObject({
      name: 'LoadBalancerNotFoundException',
    });
  });

  test('DescribeRepositories pages with maxResults; GetCallerIdentity names the bootstrap identity', async () => {
    sandbox.admin.createRepository('api');
    const pages = await collect(paginateDescribeRepositories({ client: clients.ecr, pageSize: 1 }, {}));
    expect(pages.flatMap((p) => p.repositories ?? []).map((r) => [r.repositoryName, r.imageTagMutability])).toEqual([
      ['web', 'MUTABLE'],
      ['api', 'MUTABLE'],
    ]);
    await expect(clients.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['web'], maxResults: 5 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe('123456789012');
  });
});

test('an operation the sandbox does not serve names the ones it does', async () => {
  const ecsError = await clients.ecs.send(new ListContainerInstancesCommand({})).catch((error: unknown) => error);
  expect(ecsError).toMatchObject({ name: 'UnknownOperationException' });
  expect((ecsError as Error).message).toMatch(
    /ListContainerInstances is not supported .* answers only: .*DescribeClusters, .*ListClusters, .*ListServices/,
  );
  const elbError = await clients.elbv2.send(new DescribeLoadBalancersCommand({})).catch((error: unknown) => error);
  expect((elbError as Error).message).toMatch(/elasticloadbalancing endpoint answers only: DescribeTargetGroups, DescribeTargetHealth\.$/);
});

test("the README's table of operations is what each endpoint says it answers", async () => {
  const readme = readFileSync('README.md', 'utf8');
  const documented = (service: string) =>
    new RegExp(`^\\| ${service} \\| (.*) \\|$`, 'm').exec(readme)?.[1]?.split(', ') ?? [`(no README row for ${service})`];
  const answered = async (send: () => Promise<unknown>) => {
    const error = (await send().catch((e: unknown) => e)) as Error;
    return /answers only: (.*)\.$/.exec(error.message)?.[1]?.split(', ') ?? [error.message];
  };
  expect(await answered(() => clients.ecs.send(new ListContainerInstancesCommand({})))).toEqual(documented('ECS'));
  expect(await answered(() => clients.ecr.send(new ListImagesCommand({ repositoryName: 'web' })))).toEqual(documented('ECR'));
  expect(await answered(() => clients.logs.send(new DescribeDestinationsCommand({})))).toEqual(documented('CloudWatch Logs'));
  expect(await answered(() => clients.elbv2.send(new DescribeLoadBalancersCommand({})))).toEqual(documented('Elastic Load Balancing v2'));
  expect(await answered(() => sts.send(new GetSessionTokenCommand({})))).toEqual(documented('STS'));
});

test.each(['Bearer', 'bearer', 'BEARER'])('the OIDC token endpoint accepts the %s scheme (RFC 7235: case-insensitive)', async (scheme) => {
  const { ACTIONS_ID_TOKEN_REQUEST_URL: url = '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: token = '' } = sandbox.env;
  const response = await fetch(`${url}&audience=sts.amazonaws.com`, { headers: { authorization: `${scheme} ${token}` } });
  expect(response.status).toBe(200);
  expect(((await response.json()) as { value: string }).value.split('.')).toHaveLength(3);
});

test('the OIDC token endpoint still refuses another scheme or another token', async () => {
  const { ACTIONS_ID_TOKEN_REQUEST_URL: url = '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: token = '' } = sandbox.env;
  for (const authorization of [`Basic ${token}`, 'Bearer not-the-token', `Bearer${token}`])
    expect((await fetch(url, { headers: { authorization } })).status).toBe(401);
});
