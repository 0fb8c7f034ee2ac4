import { FilterLogEventsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTasksCommand, RegisterTaskDefinitionCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { DescribeTargetGroupsCommand, DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { clientsFor, fargateTaskDefinition, NETWORK } from './helpers.js';

let sandbox: Sandbox;
let clients: ReturnType<typeof clientsFor>;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 1, seed: 11 });
  clients = clientsFor(sandbox);
  sandbox.admin.createCluster('jobs');
});
afterAll(async () => {
  await sandbox.stop();
});

describe('CloudWatch Logs', () => {
  let taskId: string;

  beforeAll(async () => {
    sandbox.admin.setImageBehavior('migrate:2', {
      kind: 'exit',
      exitCode: 1,
      logLines: ['applying 0042_add_index', 'ERROR: relation "users" does not exist', 'exiting'],
    });
    const td = await clients.ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition('migrate', 'migrate:2')));
    const run = await clients.ecs.send(
      new RunTaskCommand({ cluster: 'jobs', taskDefinition: td.taskDefinition?.taskDefinitionArn, networkConfiguration: NETWORK }),
    );
    taskId = run.tasks?.[0]?.taskArn?.split('/').pop() ?? '';
    sandbox.admin.advance(120_000);
    const task = (await clients.ecs.send(new DescribeTasksCommand({ cluster: 'jobs', tasks: [taskId] }))).tasks?.[0];
    expect(task?.lastStatus).toBe('STOPPED');
  });

  test('GetLogEvents reads the task stream named <prefix>/<container>/<taskId>', async () => {
    const out = await clients.logs.send(
      new GetLogEventsCommand({ logGroupName: '/ecs/migrate', logStreamName: `ecs/web/${taskId}`, startFromHead: true }),
    );
    expect(out.events?.map((e) => e.message)).toEqual(['applying 0042_add_index', 'ERROR: relation "users" does not exist', 'exiting']);
    for (const event of out.events ?? []) {
      expect(typeof event.timestamp).toBe('number');
      expect(typeof event.ingestionTime).toBe('number');
    }
    expect(out.nextForwardToken).toMatch(/^f\//);
    expect(out.nextBackwardToken).toMatch(/^b\//);
    const tail = await clients.logs.send(
      new GetLogEventsCommand({ logGroupName: '/ecs/migrate', logStreamName: `ecs/web/${taskId}`, limit: 1 }),
    );
    expect(tail.events?.map((e) => e.message)).toEqual(['exiting']);
    const again = await clients.logs.send(
      new GetLogEventsCommand({
        logGroupName: '/ecs/migrate',
        logStreamName: `ecs/web/${taskId}`,
        nextToken: out.nextForwardToken,
        startFromHead: true,
      }),
    );
    expect(again.events).toEqual([]);
  });

  test('FilterLogEvents searches streams by prefix and pattern', async () => {
    const out = await clients.logs.send(
      new FilterLogEventsCommand({ logGroupName: '/ecs/migrate', logStreamNamePrefix: 'ecs/web/', filterPattern: 'ERROR' }),
    );
    expect(out.events).toHaveLength(1);
    expect(out.events?.[0]).toMatchObject({
      logStreamName: `ecs/web/${taskId}`,
      message: 'ERROR: relation "users" does not exist',
      eventId: expect.any(String),
      timestamp: expect.any(Number),
    });
    expect(out.searchedLogStreams).toEqual([{ logStreamName: `ecs/web/${taskId}`, searchedCompletely: true }]);
  });

  test('unknown groups and streams are ResourceNotFoundException', async () => {
    await expect(clients.logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/none', logStreamName: 'x' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
    await expect(clients.logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/migrate', logStreamName: 'x' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
    });
  });
});

describe('Elastic Load Balancing v2', () => {
  test('DescribeTargetHealth follows a service task from initial to healthy, and asks about unknown targets', async () => {
    const tg = sandbox.admin.createTargetGroup({ name: 'api', port: 8080 });
    const td = sandbox.admin.registerTaskDefinition(fargateTaskDefinition('api', 'api:1'));
    sandbox.admin.createService({
      cluster: 'jobs',
      serviceName: 'api',
      taskDefinition: td,
      desiredCount: 1,
      loadBalancers: [{ targetGroupArn: tg, containerName: 'web', containerPort: 8080 }],
    });
    sandbox.admin.advance(13_000);
    const initial = await clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    expect(initial.TargetHealthDescriptions?.[0]?.TargetHealth).toEqual({
      State: 'initial',
      Reason: 'Elb.RegistrationInProgress',
      Description: 'Target registration is in progress',
    });
    expect(initial.TargetHealthDescriptions?.[0]?.HealthCheckPort).toBe('8080');
    sandbox.admin.advance(30_000);
    const healthy = await clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    expect(healthy.TargetHealthDescriptions?.[0]?.TargetHealth).toEqual({ State: 'healthy' });
    const ip = healthy.TargetHealthDescriptions?.[0]?.Target?.Id ?? '';
    const tasks = await clients.ecs.send(
      new DescribeTasksCommand({
        cluster: 'jobs',
        tasks: [...sandbox.admin.ecs.tasks.values()].filter((t) => t.serviceName === 'api').map((t) => t.arn),
      }),
    );
    expect(tasks.tasks?.[0]?.containers?.[0]?.networkInterfaces?.[0]?.privateIpv4Address).toBe(ip);

    const asked = await clients.elbv2.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: tg, Targets: [{ Id: '10.9.9.9', Port: 8080 }] }),
    );
    expect(asked.TargetHealthDescriptions?.[0]?.TargetHealth).toMatchObject({ State: 'unused', Reason: 'Target.NotRegistered' });
    const groups = await clients.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [tg] }));
    expect(groups.TargetGroups?.[0]).toMatchObject({ TargetGroupArn: tg, TargetGroupName: 'api', Port: 8080, TargetType: 'ip' });
  });

  test('an unknown target group is TargetGroupNotFound', async () => {
    await expect(
      clients.elbv2.send(
        new DescribeTargetHealthCommand({
          TargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/none/0000000000000000',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'TargetGroupNotFoundException',
      message: 'One or more target groups not found',
    });
  });
});
