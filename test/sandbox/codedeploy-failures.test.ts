import {
  CreateDeploymentCommand,
  GetDeploymentCommand,
  PutLifecycleEventHookExecutionStatusCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import { DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { appSpecText, blueGreenWorld, deploy, lifecycle, modelViolations, type CodeDeployWorld } from './codedeploy-helpers.js';

/** How CodeDeploy deployments end badly in the sandbox: a failing hook, crashing replacement tasks, an alarm, a stop; with and without rollback. */

let world: CodeDeployWorld;

afterEach(async () => {
  await world.sandbox.stop();
});

const ROLLBACK = { enabled: true, events: ['DEPLOYMENT_FAILURE' as const, 'DEPLOYMENT_STOP_ON_ALARM' as const] };

const info = async (deploymentId: string) =>
  (await world.clients.codedeploy.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo;
const taskSets = async () =>
  (await world.clients.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }))).services?.[0]?.taskSets ?? [];

/** Steps the clock a second at a time until `done` holds (at most `seconds`). */
async function until(done: () => Promise<boolean>, seconds: number): Promise<void> {
  for (let i = 0; i < seconds && !(await done()); i++) world.sandbox.admin.advance(1000);
  expect(await done()).toBe(true);
}

/** After a rollback: production on the original target group, the original task set PRIMARY and alone once green drained. */
async function expectBackOnBlue(): Promise<void> {
  const [blueTg] = world.targetGroupArns;
  world.sandbox.admin.advance(60_000);
  expect(world.sandbox.admin.codedeploy.listenerWeights(world.prodListenerArn)).toEqual({ [blueTg]: 100 });
  expect(world.sandbox.admin.codedeploy.listenerWeights(world.testListenerArn)).toEqual({ [blueTg]: 100 });
  expect((await taskSets()).map((ts) => [ts.status, ts.taskDefinition])).toEqual([['PRIMARY', world.blueTd]]);
}

async function expectRolledBack(failedId: string): Promise<void> {
  const failed = await info(failedId);
  const rollbackId = failed?.rollbackInfo?.rollbackDeploymentId ?? '';
  expect(rollbackId).toMatch(/^d-/);
  expect(world.sandbox.admin.codedeploy.settle(rollbackId)).toBe('Succeeded');
  expect(await info(rollbackId)).toMatchObject({
    creator: 'codeDeployRollback',
    rollbackInfo: { rollbackTriggeringDeploymentId: failedId },
  });
  await expectBackOnBlue();
}

test('a failing AfterAllowTestTraffic hook fails the deployment with the hook diagnostics, and auto-rollback goes back to the original', async () => {
  world = await blueGreenWorld(21, { autoRollback: ROLLBACK });
  world.sandbox.admin.codedeploy.setHookResponse('SmokeTest', { status: 'Failed', afterSeconds: 20 });
  const id = await deploy(world, 'app:2', { AfterAllowTestTraffic: 'SmokeTest' });
  expect(world.sandbox.admin.codedeploy.settle(id)).toBe('Failed');
  expect((await info(id))?.errorInformation).toEqual({
    code: 'HOOK_EXECUTION_FAILURE',
    message: 'The deployment failed because one or more of the lifecycle event validation functions failed.',
  });
  const events = (await lifecycle(world, id))?.lifecycleEvents ?? [];
  expect(events.map((e) => [e.lifecycleEventName, e.status])).toEqual([
    ['BeforeInstall', 'Succeeded'],
    ['Install', 'Succeeded'],
    ['AfterInstall', 'Succeeded'],
    ['AllowTestTraffic', 'Succeeded'],
    ['AfterAllowTestTraffic', 'Failed'],
    ['BeforeAllowTraffic', 'Skipped'],
    ['AllowTraffic', 'Skipped'],
    ['AfterAllowTraffic', 'Skipped'],
  ]);
  expect(events[4]?.diagnostics).toMatchObject({ errorCode: 'ScriptFailed', scriptName: 'SmokeTest' });
  await expectRolledBack(id);
  expect(modelViolations(world)).toEqual([]);
});

test('replacement tasks that crash keep being replaced until Install times out after 60 minutes, as in CodeDeploy', async () => {
  world = await blueGreenWorld(22, { autoRollback: ROLLBACK });
  world.sandbox.admin.setImageBehavior('app:bad', { kind: 'exit', exitCode: 3 });
  const id = await deploy(world, 'app:bad');
  world.sandbox.admin.advance(5 * 60_000);
  expect((await info(id))?.status).toBe('InProgress');
  // ECS shows the crashes while CodeDeploy waits: stopped tasks of the replacement with their reason.
  const stopped = await world.clients.ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'web', desiredStatus: 'STOPPED' }));
  const tasks =
    (await world.clients.ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: (stopped.taskArns ?? []).slice(0, 5) }))).tasks ?? [];
  expect(tasks.length).toBeGreaterThan(0);
  expect(tasks.every((t) => t.stoppedReason === 'Essential container in task exited' && t.containers?.[0]?.exitCode === 3)).toBe(true);
  expect(world.sandbox.admin.codedeploy.settle(id)).toBe('Failed');
  const failed = await info(id);
  expect(failed?.errorInformation?.code).toBe('TIMEOUT');
  expect(failed?.errorInformation?.message).toContain('replacement task set to become healthy');
  expect(failed?.completeTime?.getTime()).toBeGreaterThanOrEqual((failed?.startTime?.getTime() ?? 0) + 60 * 60_000);
  await expectRolledBack(id);
  expect(modelViolations(world)).toEqual([]);
});

test('an alarm going into ALARM stops the deployment (ALARM_ACTIVE) and rolls back, even after production traffic moved', async () => {
  world = await blueGreenWorld(23, { alarms: ['web-5xx'], autoRollback: ROLLBACK, terminationWaitTimeInMinutes: 10 });
  const id = await deploy(world, 'app:2');
  await until(async () => (await info(id))?.instanceTerminationWaitTimeStarted === true, 600);
  world.sandbox.admin.setAlarmState('web-5xx', 'ALARM');
  world.sandbox.admin.advance(1000);
  expect(await info(id)).toMatchObject({
    status: 'Stopped',
    errorInformation: { code: 'ALARM_ACTIVE', message: expect.stringContaining('web-5xx') },
  });
  await expectRolledBack(id);
  expect(modelViolations(world)).toEqual([]);
});

test('StopDeployment with autoRollbackEnabled stops (MANUAL_STOP) and rolls back; without it, an unshifted replacement is removed', async () => {
  world = await blueGreenWorld(24);
  const id = await deploy(world, 'app:2', { BeforeAllowTraffic: 'Gate' });
  world.sandbox.admin.codedeploy.setHookResponse('Gate', { status: 'none' });
  await until(async () => (await lifecycle(world, id))?.lifecycleEvents?.[5]?.status === 'InProgress', 600);
  const stop = await world.clients.codedeploy.send(new StopDeploymentCommand({ deploymentId: id, autoRollbackEnabled: true }));
  expect(stop.status).toBe('Pending');
  expect(await info(id)).toMatchObject({ status: 'Stopped', errorInformation: { code: 'MANUAL_STOP' } });
  await expect(world.clients.codedeploy.send(new StopDeploymentCommand({ deploymentId: id }))).rejects.toMatchObject({
    name: 'DeploymentAlreadyCompletedException',
  });
  await expectRolledBack(id);

  const second = await deploy(world, 'app:3', { BeforeAllowTraffic: 'Gate' });
  await until(async () => (await lifecycle(world, second))?.lifecycleEvents?.[5]?.status === 'InProgress', 600);
  expect(world.sandbox.admin.codedeploy.listenerWeights(world.testListenerArn)).toEqual({ [world.targetGroupArns[1]]: 100 });
  await world.clients.codedeploy.send(new StopDeploymentCommand({ deploymentId: second }));
  expect((await info(second))?.rollbackInfo).toBeUndefined();
  await expectBackOnBlue();
  expect(modelViolations(world)).toEqual([]);
});

test('a hook answered over the wire with PutLifecycleEventHookExecutionStatus lets the deployment go on', async () => {
  world = await blueGreenWorld(25, { terminationWaitTimeInMinutes: 0 });
  world.sandbox.admin.codedeploy.setHookResponse('Manual', { status: 'none' });
  const id = await deploy(world, 'app:2', { AfterInstall: 'Manual' });
  await until(async () => world.sandbox.admin.codedeploy.hookInvocations().length === 1, 600);
  const [hook] = world.sandbox.admin.codedeploy.hookInvocations();
  world.sandbox.admin.advance(30 * 60_000);
  expect((await lifecycle(world, id))?.lifecycleEvents?.[2]?.status).toBe('InProgress');
  await world.clients.codedeploy.send(
    new PutLifecycleEventHookExecutionStatusCommand({
      deploymentId: id,
      lifecycleEventHookExecutionId: hook?.lifecycleEventHookExecutionId,
      status: 'Succeeded',
    }),
  );
  expect(world.sandbox.admin.codedeploy.settle(id)).toBe('Succeeded');
  expect(modelViolations(world)).toEqual([]);
});

test('an AppSpec naming a task definition ECS does not have fails at Install (ECS_UPDATE_ERROR) and leaves the service as it was', async () => {
  world = await blueGreenWorld(26);
  const { deploymentId } = await world.clients.codedeploy.send(
    new CreateDeploymentCommand({
      applicationName: 'web-app',
      deploymentGroupName: 'web-dg',
      revision: { revisionType: 'AppSpecContent', appSpecContent: { content: appSpecText('web:99') } },
    }),
  );
  expect(world.sandbox.admin.codedeploy.settle(deploymentId ?? '')).toBe('Failed');
  expect((await info(deploymentId ?? ''))?.errorInformation).toMatchObject({
    code: 'ECS_UPDATE_ERROR',
    message: expect.stringContaining('web:99'),
  });
  await expectBackOnBlue();
  expect(modelViolations(world)).toEqual([]);
});
