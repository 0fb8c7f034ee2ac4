import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { clientsFor, fargateTaskDefinition } from './helpers.js';

let sandbox: Sandbox;
let clients: ReturnType<typeof clientsFor>;

beforeEach(async () => {
  sandbox = await startSandbox({ seed: 21 });
  clients = clientsFor(sandbox);
});
afterEach(async () => {
  await sandbox.stop();
});

const describeService = async (cluster: string) =>
  (await clients.ecs.send(new DescribeServicesCommand({ cluster, services: ['web'] }))).services?.[0];

test('a rolling deployment honours minimumHealthyPercent 50 and maximumPercent 100 at every step', async () => {
  const tg = sandbox.admin.createTargetGroup({ name: 'roll', deregistrationDelaySeconds: 20 });
  const td1 = sandbox.admin.registerTaskDefinition(fargateTaskDefinition('roll', 'roll:1'));
  sandbox.admin.createService({
    cluster: 'c',
    serviceName: 'web',
    taskDefinition: td1,
    desiredCount: 4,
    loadBalancers: [{ targetGroupArn: tg, containerName: 'web', containerPort: 8080 }],
    deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 100 },
  });
  expect(sandbox.admin.settle('c', 'web')).toBe('COMPLETED');
  const td2 = sandbox.admin.registerTaskDefinition(fargateTaskDefinition('roll', 'roll:2'));
  await clients.ecs.send(new UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: td2 }));
  const service = sandbox.admin.ecs.services.get('c/web');
  let minHealthySeen = 4;
  for (let second = 0; second < 600; second += 1) {
    sandbox.admin.advance(1000);
    const tasks = sandbox.admin.ecs.serviceTasks(service!);
    const desiredRunning = tasks.filter((t) => t.desiredStatus === 'RUNNING');
    const healthy = desiredRunning.filter((t) => t.lastStatus === 'RUNNING' && t.targetState === 'healthy');
    expect(desiredRunning.length).toBeLessThanOrEqual(4);
    minHealthySeen = Math.min(minHealthySeen, healthy.length);
  }
  expect(minHealthySeen).toBe(2);
  const done = await describeService('c');
  expect(done?.deployments).toEqual([expect.objectContaining({ taskDefinition: td2, rolloutState: 'COMPLETED', runningCount: 4 })]);
});

test('failing container health checks trip a breaker without rollback: FAILED, launching stops, the old tasks stay', async () => {
  const healthCheck = { command: ['CMD-SHELL', 'curl -f http://localhost:8080/ || exit 1'], interval: 5, timeout: 2, retries: 3 };
  const withCheck = (image: string) => {
    const td = fargateTaskDefinition('hc', image);
    return { ...td, containerDefinitions: td.containerDefinitions.map((c) => ({ ...c, healthCheck })) };
  };
  const td1 = sandbox.admin.registerTaskDefinition(withCheck('hc:1'));
  sandbox.admin.createService({
    cluster: 'c',
    serviceName: 'web',
    taskDefinition: td1,
    desiredCount: 2,
    deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } },
  });
  expect(sandbox.admin.settle('c', 'web')).toBe('COMPLETED');
  const healthyTasks = await clients.ecs.send(new ListTasksCommand({ cluster: 'c', serviceName: 'web' }));
  const healthy = await clients.ecs.send(new DescribeTasksCommand({ cluster: 'c', tasks: healthyTasks.taskArns ?? [] }));
  expect(healthy.tasks?.map((t) => [t.healthStatus, t.containers?.[0]?.healthStatus])).toEqual([
    ['HEALTHY', 'HEALTHY'],
    ['HEALTHY', 'HEALTHY'],
  ]);

  sandbox.admin.setImageBehavior('hc:2', { kind: 'unhealthy-container' });
  const td2 = sandbox.admin.registerTaskDefinition(withCheck('hc:2'));
  await clients.ecs.send(new UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: td2 }));
  sandbox.admin.advance(30 * 60_000);
  const service = await describeService('c');
  const primary = service?.deployments?.find((d) => d.status === 'PRIMARY');
  expect(primary).toMatchObject({
    taskDefinition: td2,
    rolloutState: 'FAILED',
    rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
    runningCount: 0,
  });
  expect(service?.deployments?.find((d) => d.status === 'ACTIVE')).toMatchObject({ taskDefinition: td1, runningCount: 2 });
  expect(service?.events?.map((e) => e.message)).toContainEqual(
    expect.stringMatching(/^\(service web\) \(task [0-9a-f]{32}\) failed container health checks\.$/),
  );
  const stopped = await clients.ecs.send(new ListTasksCommand({ cluster: 'c', serviceName: 'web', desiredStatus: 'STOPPED' }));
  const failed = await clients.ecs.send(new DescribeTasksCommand({ cluster: 'c', tasks: stopped.taskArns?.slice(0, 1) ?? [] }));
  expect(failed.tasks?.[0]).toMatchObject({ stoppedReason: 'Task failed container health checks', healthStatus: 'UNHEALTHY' });
  const latest = (await clients.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'c', service: 'web' }))).serviceDeployments?.[0];
  const sd = (
    await clients.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [latest?.serviceDeploymentArn ?? ''] }))
  ).serviceDeployments?.[0];
  expect(sd).toMatchObject({
    status: 'STOPPED',
    statusReason: 'ECS deployment circuit breaker: tasks failed to start.',
    deploymentCircuitBreaker: { status: 'TRIGGERED', threshold: 3 },
  });
});

test('the health check grace period keeps an unhealthy target running until it ends', async () => {
  const tg = sandbox.admin.createTargetGroup({ name: 'grace' });
  sandbox.admin.setImageBehavior('grace:1', { kind: 'unhealthy-target' });
  const td = sandbox.admin.registerTaskDefinition(fargateTaskDefinition('grace', 'grace:1'));
  sandbox.admin.createService({
    cluster: 'c',
    serviceName: 'web',
    taskDefinition: td,
    desiredCount: 1,
    healthCheckGracePeriodSeconds: 300,
    loadBalancers: [{ targetGroupArn: tg, containerName: 'web', containerPort: 8080 }],
  });
  sandbox.admin.advance(4 * 60_000);
  const early = sandbox.admin.ecs.serviceTasks(sandbox.admin.ecs.services.get('c/web')!);
  expect(early.map((t) => [t.lastStatus, t.targetState])).toEqual([['RUNNING', 'unhealthy']]);
  sandbox.admin.advance(2 * 60_000);
  const service = await describeService('c');
  expect(service?.deployments?.[0]?.failedTasks).toBe(1);
  expect(service?.events?.map((e) => e.message)).toContainEqual(
    expect.stringMatching(/\(port \d+\) is unhealthy in \(target-group .*\) due to \(reason Health checks failed\)\.$/),
  );
});

test('a cluster that cannot place tasks says so once, in ECS’s words', async () => {
  const td = sandbox.admin.registerTaskDefinition(fargateTaskDefinition('place', 'place:1'));
  sandbox.admin.setPlacementFailure('c', "You've reached the limit on the number of tasks you can run concurrently");
  sandbox.admin.createService({ cluster: 'c', serviceName: 'web', taskDefinition: td, desiredCount: 1 });
  sandbox.admin.advance(5 * 60_000);
  const service = await describeService('c');
  expect(service?.events?.map((e) => e.message)).toEqual([
    "(service web) was unable to place a task. Reason: You've reached the limit on the number of tasks you can run concurrently.",
  ]);
  expect(service?.pendingCount).toBe(0);
  sandbox.admin.setPlacementFailure('c', undefined);
  expect(sandbox.admin.settle('c', 'web')).toBe('COMPLETED');
});

test('a placement failure limited to one revision leaves the others placeable', async () => {
  const td1 = sandbox.admin.registerTaskDefinition(fargateTaskDefinition('fit', 'fit:1'));
  const td2 = sandbox.admin.registerTaskDefinition(fargateTaskDefinition('fit', 'fit:2'));
  sandbox.admin.setPlacementFailure('c', 'Capacity is unavailable at this time', { taskDefinition: 'fit:2' });
  sandbox.admin.createService({ cluster: 'c', serviceName: 'web', taskDefinition: td1, desiredCount: 1 });
  expect(sandbox.admin.settle('c', 'web')).toBe('COMPLETED');
  await clients.ecs.send(new UpdateServiceCommand({ cluster: 'c', service: 'web', taskDefinition: td2 }));
  sandbox.admin.advance(5 * 60_000);
  const service = await describeService('c');
  expect(service?.events?.[0]?.message).toBe('(service web) was unable to place a task. Reason: Capacity is unavailable at this time.');
  expect(service?.deployments?.find((d) => d.taskDefinition === td2)).toMatchObject({ rolloutState: 'IN_PROGRESS', runningCount: 0 });
  expect(service?.deployments?.find((d) => d.taskDefinition === td1)?.runningCount).toBe(1);
});
