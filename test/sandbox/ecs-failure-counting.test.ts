import { DescribeServicesCommand, StopServiceDeploymentCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { startSandbox } from '../../sandbox/index.js';
import { clientsFor } from './helpers.js';
import { advanceUntil, deploy, describe1, finished, primaryDeployment, settledService, type StrategyRig } from './strategy-helpers.js';

/** What ECS counts during a rolling deployment: failedTasks and the breaker after a healthy task, thresholds, early success, stops. */

let rig: StrategyRig;

beforeEach(async () => {
  const sandbox = await startSandbox({ timeScale: 1, seed: 16 });
  rig = { sandbox, clients: clientsFor(sandbox) };
});
afterEach(async () => {
  await rig.sandbox.stop();
});

const advance = (ms: number) => rig.sandbox.admin.advance(ms);

/** app:2 crashes, then one of its tasks runs healthy, then it crashes again: what ECS counts on the way. */
async function failThenRunThenFail(resetOnHealthyTask: boolean) {
  await settledService(
    rig,
    {
      maximumPercent: 125,
      minimumHealthyPercent: 100,
      deploymentCircuitBreaker: { enable: true, rollback: true, resetOnHealthyTask, thresholdConfiguration: { type: 'COUNT', value: 3 } },
    },
    4,
  );
  rig.sandbox.admin.setImageBehavior('app:2', { kind: 'exit', exitCode: 1 });
  const arn = await deploy(rig, 'app:2');
  for (let i = 0; i < 120 && ((await primaryDeployment(rig))?.failedTasks ?? 0) < 1; i++) advance(1000);
  expect((await primaryDeployment(rig))?.failedTasks).toBe(1);
  expect((await describe1(rig, arn)).deploymentCircuitBreaker).toMatchObject({ failureCount: 1, threshold: 3 });
  rig.sandbox.admin.setImageBehavior('app:2', { kind: 'healthy' });
  for (let i = 0; i < 300 && (await describe1(rig, arn)).targetServiceRevision?.runningTaskCount !== 1; i++) advance(1000);
  advance(60_000); // the new task turns healthy behind the load balancer
  rig.sandbox.admin.setImageBehavior('app:2', { kind: 'exit', exitCode: 1 });
  advance(10 * 60_000);
  return arn;
}

test('failedTasks and the breaker count reset once a task ran healthy, and stop counting (resetOnHealthyTask default)', async () => {
  const arn = await failThenRunThenFail(true);
  const sd = await describe1(rig, arn);
  // Tasks kept crashing for ten minutes, yet ECS counts none of it: only an outside watcher can tell.
  expect(sd).toMatchObject({ status: 'IN_PROGRESS', deploymentCircuitBreaker: { status: 'MONITORING', failureCount: 0, threshold: 3 } });
  expect((await primaryDeployment(rig))?.failedTasks).toBe(0);
  const service = (await rig.clients.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }))).services?.[0];
  expect(service?.events?.filter((e) => /has started 1 tasks/.test(e.message ?? '')).length).toBeGreaterThan(5);
});

test('resetOnHealthyTask false: failedTasks still resets, but the breaker keeps counting and trips at its COUNT threshold', async () => {
  const arn = await failThenRunThenFail(false);
  const sd = await advanceUntil(rig, arn, 'the rollback', finished);
  expect(sd).toMatchObject({ status: 'ROLLBACK_SUCCESSFUL', deploymentCircuitBreaker: { status: 'TRIGGERED', threshold: 3 } });
  expect(sd.deploymentCircuitBreaker?.failureCount).toBeGreaterThanOrEqual(3);
});

test('thresholdConfiguration: UNBOUNDED_PERCENT is not held to at least 3, BOUNDED_PERCENT is', async () => {
  await settledService(rig, {
    deploymentCircuitBreaker: { enable: true, rollback: true, thresholdConfiguration: { type: 'UNBOUNDED_PERCENT', value: 50 } },
  });
  expect((await describe1(rig, await deploy(rig, 'app:2'))).deploymentCircuitBreaker?.threshold).toBe(1);
  await rig.clients.ecs.send(
    new UpdateServiceCommand({
      cluster: 'prod',
      service: 'web',
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: true, rollback: true, thresholdConfiguration: { type: 'BOUNDED_PERCENT', value: 50 } },
      },
    }),
  );
  expect((await describe1(rig, await deploy(rig, 'app:3'))).deploymentCircuitBreaker?.threshold).toBe(3);
});

test.each(['DEFERRED', 'BLOCKING'] as const)(
  'early success criteria (%s): the deployment completes once healthyPercent of the new revision is healthy',
  async (cleanup) => {
    await settledService(
      rig,
      {
        maximumPercent: 100,
        minimumHealthyPercent: 50,
        earlySuccessCriteria: { enable: true, healthyPercent: 50, sourceServiceRevisionCleanup: cleanup },
      },
      4,
    );
    // The new revision takes long to start after its first two tasks, as on scarce capacity.
    const arn = await deploy(rig, 'app:2');
    const started = async () => {
      const target = (await describe1(rig, arn)).targetServiceRevision;
      return (target?.runningTaskCount ?? 0) + (target?.pendingTaskCount ?? 0);
    };
    for (let i = 0; i < 300 && (await started()) < 2; i++) advance(1000);
    expect(await started()).toBe(2);
    rig.sandbox.admin.setImageBehavior('app:2', { kind: 'slow-start', startSeconds: 1800 });
    const sd = await advanceUntil(rig, arn, 'early success', finished, { maxMs: 10 * 60_000 });
    expect(sd.status).toBe('SUCCESSFUL');
    expect(sd.targetServiceRevision?.runningTaskCount).toBe(2);
    const live = rig.sandbox.admin.ecs.serviceTasks(rig.sandbox.admin.ecs.services.get('prod/web')!);
    // BLOCKING completes once the old tasks are gone; DEFERRED while they still drain.
    const oldAlive = live.filter((t) => t.taskDefinitionArn.endsWith(':1')).length;
    if (cleanup === 'BLOCKING') expect(oldAlive).toBe(0);
    else expect(oldAlive).toBeGreaterThan(0);
    // Completed: the remaining tasks still come, outside the deployment.
    advance(40 * 60_000);
    expect(await primaryDeployment(rig)).toMatchObject({ rolloutState: 'COMPLETED', runningCount: 4 });
  },
);

test('StopServiceDeployment is accepted again while the rollback it asked for is requested or in progress', async () => {
  await settledService(rig, { deploymentCircuitBreaker: { enable: false, rollback: false } });
  rig.sandbox.admin.setImageBehavior('app:2', { kind: 'slow-start', startSeconds: 600 });
  const arn = await deploy(rig, 'app:2');
  advance(5000);
  const stop = () => rig.clients.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
  await stop();
  // Requested, or already rolling back when the sandbox clock moved a step meanwhile: both accept another stop.
  await expect(stop()).resolves.toMatchObject({ serviceDeploymentArn: arn });
  advance(1000);
  expect((await describe1(rig, arn)).status).toBe('ROLLBACK_IN_PROGRESS');
  await expect(stop()).resolves.toMatchObject({ serviceDeploymentArn: arn });
  const sd = await advanceUntil(rig, arn, 'the rollback', finished);
  expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
  // One rollback, however many stops.
  const service = (await rig.clients.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }))).services?.[0];
  expect(service?.events?.filter((e) => /rolling back to deployment/.test(e.message ?? '')).length).toBe(1);
  await expect(stop()).rejects.toMatchObject({ name: 'ConflictException' });
});
