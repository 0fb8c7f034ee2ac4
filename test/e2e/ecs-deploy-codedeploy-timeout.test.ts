import type { Sandbox } from '../../sandbox/index.js';
import { runAction } from '../../sandbox/runner/run-action.js';
import { behave, deployInputs, startDeploySandbox } from './ecs-deploy-helpers.js';
import { blueGreenService, codeDeployWorkspace, productionTaskDefinition } from './ecs-deploy-codedeploy-helpers.js';

/**
 * on-timeout on a CODE_DEPLOY service, as for ECS strategies: when our wait ends while CodeDeploy's
 * deployment is healthy (here in its termination wait, production traffic already on the
 * replacement) it is reported timed-out and left to CodeDeploy — not stopped — unless on-timeout is
 * rollback; a deployment whose replacement tasks are not running is a failure, rolled back as
 * rollback-on-failure says.
 */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startDeploySandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

/** The StopDeployment requests for one deployment, as the sandbox received them. */
function stopsOf(deploymentId: string): unknown[] {
  return sandbox.admin.requests
    .list({ service: 'codedeploy', operation: 'StopDeployment' })
    .filter((entry) => (entry.params as { deploymentId?: string }).deploymentId === deploymentId)
    .map((entry) => entry.params);
}

// Real time: wait-for-minutes is at least one runner minute, so the three runs share that minute.
test('a wait that ends in the termination wait: timed-out and left; on-timeout: rollback stops it; replacement tasks not running are a failure', async () => {
  // 120 sandbox minutes of termination wait are three real minutes at TIME_SCALE 40: well past the one-minute wait.
  const left = blueGreenService(sandbox, 'cd-terminating', { terminationWaitMinutes: 120 });
  const impatient = blueGreenService(sandbox, 'cd-impatient', { terminationWaitMinutes: 120 });
  // Ten sandbox hours to start: the replacement is still 0 of 2 when the wait ends, before CodeDeploy's own 60-minute Install timeout.
  const stuck = blueGreenService(sandbox, 'cd-stuck');
  behave(sandbox, 'cd-stuck:v2', { kind: 'slow-start', startSeconds: 36_000 });
  sandbox.admin.requests.clear();
  const run = (name: string, extra: Record<string, string> = {}) => {
    const { workspace, file } = codeDeployWorkspace(name, `${name}:v2`);
    const inputs = deployInputs(file, name, { 'wait-for-minutes': '1', 'poll-interval-seconds': '2', ...extra });
    return runAction('ecs-deploy', { inputs, env: sandbox.env, workspace, timeoutMs: 110_000 });
  };
  const [leftResult, impatientResult, stuckResult] = await Promise.all([
    run(left.name),
    run(impatient.name, { 'on-timeout': 'rollback' }),
    run(stuck.name),
  ]);

  // on-timeout: leave (the default) and a healthy deployment: reported, left to CodeDeploy, production on v2.
  const leftId = leftResult.outputs['deployment-id'] ?? '';
  expect(leftResult.exitCode).toBe(1);
  expect(leftResult.outputs.status).toBe('timed-out');
  expect(leftResult.errors).toEqual([
    `CodeDeploy deployment ${leftId} of service cd-terminating did not finish within wait-for-minutes (1 min), but it is healthy: it is in its termination wait (120 min) with production traffic on the replacement. ` +
      'It is left to CodeDeploy, not stopped or rolled back (on-timeout: leave); CodeDeploy finishes it, or rolls it back if an alarm or hook fails. ' +
      'Wait longer with wait-for-minutes, stop earlier with wait-until, or set on-timeout to rollback',
  ]);
  expect(stopsOf(leftId)).toEqual([]);
  expect(sandbox.admin.codedeploy.deployment(leftId)?.status).toBe('InProgress');
  expect(await productionTaskDefinition(sandbox, 'cd-terminating')).toBe(leftResult.outputs['task-definition-arn']);

  // on-timeout: rollback: the same healthy deployment is stopped with CodeDeploy's rollback, production back on v1.
  const impatientId = impatientResult.outputs['deployment-id'] ?? '';
  expect(impatientResult.exitCode).toBe(1);
  expect(impatientResult.outputs.status).toBe('timed-out');
  expect(impatientResult.errors[0]).toBe(
    `CodeDeploy deployment ${impatientId} of service cd-impatient timed out: it did not finish within wait-for-minutes (1 min); it is in its termination wait (120 min) with production traffic on the replacement`,
  );
  expect(impatientResult.errors.at(-1)).toMatch(/Rolled back: production runs cd-impatient:1 again$/);
  expect(stopsOf(impatientId)).toEqual([{ deploymentId: impatientId, autoRollbackEnabled: true }]);
  expect(await productionTaskDefinition(sandbox, 'cd-impatient')).toBe(impatient.taskDefinitionArn);

  // Not healthy (no replacement task running): on-timeout: leave does not apply; rollback-on-failure rolls it back.
  const stuckId = stuckResult.outputs['deployment-id'] ?? '';
  expect(stuckResult.exitCode).toBe(1);
  expect(stuckResult.outputs.status).toBe('timed-out');
  expect(stuckResult.errors[0]).toBe(
    `CodeDeploy deployment ${stuckId} of service cd-stuck timed out: it did not finish within wait-for-minutes (1 min); it is at Install (0 of 2 replacement tasks running)`,
  );
  expect(stuckResult.errors.at(-1)).toMatch(/Rolled back: production runs cd-stuck:1 again$/);
  expect(stopsOf(stuckId)).toEqual([{ deploymentId: stuckId, autoRollbackEnabled: true }]);
  expect(await productionTaskDefinition(sandbox, 'cd-stuck')).toBe(stuck.taskDefinitionArn);
}, 150_000);
