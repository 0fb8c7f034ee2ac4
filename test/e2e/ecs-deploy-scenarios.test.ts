import type { Sandbox } from '../../sandbox/index.js';
import { waitFor } from '../wait-for.js';
import {
  behave,
  CLUSTER,
  deployInputs,
  existingService,
  primaryOf,
  renderedFile,
  runDeploy,
  startDeploySandbox,
} from './ecs-deploy-helpers.js';

/**
 * The bundled ecs-deploy against conditions the sandbox models besides crashing images: tasks that
 * never find room, CloudWatch alarms that go off mid-deployment, ECS native blue/green.
 */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startDeploySandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

test('"unable to place" that persists fails the deployment with ECS reason, and the old revision stays', async () => {
  const service = existingService(sandbox, 'noroom');
  // Only the new revision does not fit (say it asks for a size there is no capacity for): the rollback can still place the old one.
  const reason = 'Capacity is unavailable at this time. Please try again later or in a different availability zone';
  sandbox.admin.setPlacementFailure(CLUSTER, reason, { taskDefinition: 'noroom:2' });
  const { workspace, file } = renderedFile('noroom', 'noroom:v2');
  sandbox.admin.requests.clear();
  const result = await runDeploy(sandbox, deployInputs(file, 'noroom'), { workspace });
  expect(result.exitCode).toBe(1);
  expect(result.outputs.status).toBe('rolled-back');
  expect(result.outputs['rollback-task-definition-arn']).toBe(service.taskDefinitionArn);
  expect(result.errors[0]).toContain(`ECS cannot place the new tasks: (service noroom) was unable to place a task. Reason: ${reason}`);
  expect(result.log).toMatch(/Asking ECS to stop deployment .* and roll it back/);
  expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'StopServiceDeployment' })).toBe(1);
  expect(await primaryOf(sandbox, 'noroom')).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
  sandbox.admin.setPlacementFailure(CLUSTER, undefined);
});

test('a CloudWatch alarm that goes into ALARM mid-deployment: reported by name, ECS rolls back, status rolled-back', async () => {
  const service = existingService(sandbox, 'alarmed', {
    alarms: { alarmNames: ['alarmed-5xx', 'alarmed-latency'], enable: true, rollback: true },
  });
  // The new tasks take a while to start, so the deployment is still in progress when the alarm fires.
  behave(sandbox, 'alarmed:v2', { kind: 'slow-start', startSeconds: 600 });
  const { workspace, file } = renderedFile('alarmed', 'alarmed:v2');
  sandbox.admin.requests.clear();
  const running = runDeploy(sandbox, deployInputs(file, 'alarmed'), { workspace });
  await waitFor(() => sandbox.admin.requests.count({ service: 'ecs', operation: 'UpdateService' }) > 0, {
    timeoutMs: 30_000,
    label: 'ecs-deploy to call UpdateService',
  });
  sandbox.admin.setAlarmState('alarmed-5xx', 'ALARM');
  const result = await running;
  sandbox.admin.setAlarmState('alarmed-5xx', 'OK');

  expect(result.exitCode).toBe(1);
  expect(result.outputs.status).toBe('rolled-back');
  expect(result.outputs['rollback-task-definition-arn']).toBe(service.taskDefinitionArn);
  // Only the alarm that fired is named; the announcement comes first, the rollback's outcome last.
  expect(result.errors[0]).toMatch(/of service alarmed failed: ECS deployment failed: alarm\(s\) alarmed-5xx went into ALARM state$/);
  expect(result.errors.at(-1)).toMatch(/Rolled back: service alarmed runs alarmed:1 again$/);
  // ECS rolls back on its own: nobody needs to ask it to.
  expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'StopServiceDeployment' })).toBe(0);
  expect(await primaryOf(sandbox, 'alarmed')).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
});

describe('ECS native blue/green', () => {
  test('a healthy image goes through the lifecycle stages and the bake time to success', async () => {
    const service = existingService(sandbox, 'bluegreen', { strategy: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 } });
    const { workspace, file } = renderedFile('bluegreen', 'bluegreen:v2');
    const result = await runDeploy(sandbox, deployInputs(file, 'bluegreen'), { workspace });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.status).toBe('succeeded');
    expect(result.log).toMatch(/Service bluegreen runs bluegreen:1 \(blue\/green\)/);
    // Blue stays up through the traffic shifts and the bake time; the deployment ends in its last stage.
    expect(result.log).toMatch(/Deployment ecs-svc\/\d+: SUCCESSFUL \(stage CLEAN_UP\)/);
    // Each lifecycle stage is reported as the deployment passes it, not only the last one.
    const stages = [...result.log.matchAll(/\(stage ([A-Z_]+)\)/g)].map((match) => match[1]);
    expect(new Set(stages).size).toBeGreaterThanOrEqual(3);
    expect(await primaryOf(sandbox, 'bluegreen')).toEqual({
      taskDefinition: result.outputs['task-definition-arn'],
      rolloutState: 'COMPLETED',
    });
    expect(service.taskDefinitionArn).not.toBe(result.outputs['task-definition-arn']);
  });

  test('a crashing green revision: the circuit breaker sends the service back to blue, status rolled-back', async () => {
    const service = existingService(sandbox, 'bgcrash', { strategy: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 } });
    behave(sandbox, 'bgcrash:v2', { kind: 'exit', exitCode: 1, logLines: ['booting', 'panic: missing REDIS_URL'] });
    const { workspace, file } = renderedFile('bgcrash', 'bgcrash:v2');
    const result = await runDeploy(sandbox, deployInputs(file, 'bgcrash'), { workspace });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('rolled-back');
    expect(result.errors[0]).toMatch(
      /failed: ECS deployment circuit breaker: tasks failed to start\. Last stopped task: .*panic: missing REDIS_URL$/,
    );
    expect(result.log).toMatch(/\| panic: missing REDIS_URL/);
    expect(await primaryOf(sandbox, 'bgcrash')).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
  });
});
