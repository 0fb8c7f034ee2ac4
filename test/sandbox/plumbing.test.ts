import {
  DescribeServicesCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { parseQueryParams, toXml } from '../../sandbox/core/xml.js';
import { clientsFor, fargateTaskDefinition } from './helpers.js';

let sandbox: Sandbox;
let clients: ReturnType<typeof clientsFor>;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 9 });
  clients = clientsFor(sandbox, 3);
});
afterEach(() => {
  sandbox.admin.clearFaults();
  sandbox.admin.requests.clear();
});
afterAll(async () => {
  await sandbox.stop();
});

describe('fault injection, as the SDK sees it', () => {
  test('a throttled JSON call (ThrottlingException / Rate exceeded) is retried by the SDK and succeeds', async () => {
    sandbox.admin.injectFault({ service: 'ecs', operation: 'ListTaskDefinitions', kind: 'throttle', count: 1 });
    const out = await clients.ecs.send(new ListTaskDefinitionsCommand({}));
    expect(out.$metadata.attempts).toBe(2);
    const calls = sandbox.admin.requests.list({ service: 'ecs', operation: 'ListTaskDefinitions' });
    expect(calls.map((c) => [c.status, c.errorCode])).toEqual([
      [400, 'ThrottlingException'],
      [200, undefined],
    ]);
  });

  test('throttling beyond the retry budget surfaces as ThrottlingException with message Rate exceeded', async () => {
    sandbox.admin.injectFault({ service: 'ecs', kind: 'throttle', count: 5 });
    await expect(clients.ecs.send(new ListTaskDefinitionsCommand({}))).rejects.toMatchObject({
      name: 'ThrottlingException',
      message: 'Rate exceeded',
      $metadata: { attempts: 3 },
    });
  });

  test('a throttled query call uses the query shape (Throttling) and is retried', async () => {
    sandbox.admin.injectFault({ service: 'elasticloadbalancing', kind: 'throttle', count: 1 });
    const out = await clients.elbv2.send(new DescribeTargetGroupsCommand({}));
    expect(out.$metadata.attempts).toBe(2);
    expect(sandbox.admin.requests.list({ service: 'elasticloadbalancing' })[0]?.errorCode).toBe('Throttling');
    const once = new ECSClient({ ...clientsConfig(), maxAttempts: 1 });
    sandbox.admin.injectFault({ service: 'ecs', kind: 'http503' });
    await expect(once.send(new ListTaskDefinitionsCommand({}))).rejects.toMatchObject({ $metadata: { httpStatusCode: 503 } });
  });

  test.each(['http500', 'http503', 'reset'] as const)('%s is retried by the SDK', async (kind) => {
    sandbox.admin.injectFault({ service: 'ecs', kind });
    const out = await clients.ecs.send(new ListTaskDefinitionsCommand({}));
    expect(out.$metadata.attempts).toBe(2);
  });

  test('latency delays the answer by real milliseconds', async () => {
    sandbox.admin.injectFault({ service: 'ecs', kind: 'latency', latencyMs: 300 });
    const started = Date.now();
    await clients.ecs.send(new ListTaskDefinitionsCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

function clientsConfig() {
  return {
    endpoint: sandbox.endpoints.ecs,
    region: 'us-east-1',
    credentials: { accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY ?? '' },
  };
}

test('the request log records operation, parameters, caller, status and the raw request', async () => {
  await clients.ecs.send(
    new RegisterTaskDefinitionCommand(
      fargateTaskDefinition('logged', 'app:1', {
        containerDefinitions: [{ name: 'web', image: 'app:1', environment: [{ name: 'TOKEN', value: 'planted-secret-123' }] }],
      }),
    ),
  );
  const [entry] = sandbox.admin.requests.list({ operation: 'RegisterTaskDefinition' });
  expect(entry).toMatchObject({ service: 'ecs', accessKeyId: 'AKIASANDBOXBOOTSTRAP', status: 200, params: { family: 'logged' } });
  expect(entry?.rawRequest).toContain('x-amz-target: AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition');
  expect(sandbox.admin.requests.containing('planted-secret-123')).toHaveLength(1);
});

test('unknown keys are rejected; a session policy denies what it does not allow, in the JSON protocol’s shape', async () => {
  const stranger = new ECSClient({
    ...clientsConfig(),
    credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  await expect(stranger.send(new ListTaskDefinitionsCommand({}))).rejects.toMatchObject({ name: 'UnrecognizedClientException' });

  sandbox.admin.identity.createRole({ arn: 'arn:aws:iam::123456789012:role/deploy' });
  const sts = new STSClient({ endpoint: sandbox.endpoints.sts, region: 'us-east-1', credentials: clientsConfig().credentials });
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['ecs:DescribeServices', 'ecs:RegisterTaskDefinition'], Resource: '*' }],
  });
  const assumed = await sts.send(
    new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/deploy', RoleSessionName: 'ci', Policy: policy }),
  );
  const c = assumed.Credentials;
  const session = new ECSClient({
    ...clientsConfig(),
    credentials: { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' },
    maxAttempts: 1,
  });
  sandbox.admin.createCluster('authz');
  await expect(session.send(new DescribeServicesCommand({ cluster: 'authz', services: ['web'] }))).resolves.toMatchObject({
    failures: [{ reason: 'MISSING' }],
  });
  await expect(session.send(new UpdateServiceCommand({ cluster: 'authz', service: 'web', desiredCount: 1 }))).rejects.toMatchObject({
    name: 'AccessDeniedException',
    message: expect.stringContaining(
      'is not authorized to perform: ecs:UpdateService on resource: arn:aws:ecs:us-east-1:123456789012:service/authz/web',
    ),
  });
  // Registering with an execution role also needs iam:PassRole, which this policy lacks.
  await expect(session.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition('passrole', 'app:1')))).rejects.toMatchObject({
    name: 'AccessDeniedException',
    message: expect.stringContaining('iam:PassRole'),
  });
});

describe('query protocol serialization', () => {
  test('objects become elements, lists <member>, dates ISO-8601, text escaped', () => {
    const xml = toXml({
      Credentials: { AccessKeyId: 'ASIA1', Expiration: new Date(Date.UTC(2030, 0, 1)) },
      Items: ['a<b', 'c'],
      Missing: undefined,
    });
    expect(xml).toBe(
      '<Credentials><AccessKeyId>ASIA1</AccessKeyId><Expiration>2030-01-01T00:00:00.000Z</Expiration></Credentials><Items><member>a&lt;b</member><member>c</member></Items>',
    );
  });

  test('form parameters with .member.N become arrays of objects or strings', () => {
    const form = new URLSearchParams(
      'Action=X&Version=1&TargetGroupArn=arn&Targets.member.1.Id=10.0.0.1&Targets.member.1.Port=80&Targets.member.2.Id=10.0.0.2&PolicyArns.member.1.arn=p1&Names.member.1=a',
    );
    expect(parseQueryParams(form)).toEqual({
      TargetGroupArn: 'arn',
      Targets: [{ Id: '10.0.0.1', Port: '80' }, { Id: '10.0.0.2' }],
      PolicyArns: [{ arn: 'p1' }],
      Names: ['a'],
    });
  });
});
