import type { Sandbox } from '../../sandbox/index.js';
import { runAction, type ActionResult } from '../../sandbox/runner/run-action.js';
import { pausingService } from './ecs-promote-helpers.js';
import { CLUSTER, deployInputs, primaryOf, renderedFile, runDeploy, startDeploySandbox } from './ecs-deploy-helpers.js';
import { newestDeployment } from './ecs-deploy-strategies-helpers.js';

/**
 * The bundled ecs-promote against the sandbox: ecs-deploy (bundled too) stops at a PAUSE hook with
 * `wait-until: paused`, then ecs-promote continues or rolls the deployment back and follows it to
 * its end; and the refusals when nothing waits (never deployed, or the hook expired and ECS rolled back).
 */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startDeploySandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

/** ecs-deploy of `<name>:v2` that stops at the pause: its outputs. */
async function deployUntilPaused(name: string): Promise<Record<string, string>> {
  const { workspace, file } = renderedFile(name, `${name}:v2`);
  const result = await runDeploy(sandbox, deployInputs(file, name, { 'wait-until': 'paused' }), { workspace });
  expect({ errors: result.errors, status: result.outputs.status }).toEqual({ errors: [], status: 'paused' });
  return result.outputs;
}

function runPromote(inputs: Record<string, string>): Promise<ActionResult> {
  return runAction('ecs-promote', {
    inputs: { cluster: CLUSTER, 'poll-interval-seconds': '1', 'wait-for-minutes': '5', ...inputs },
    env: sandbox.env,
    timeoutMs: 45_000,
  });
}

test('paused, then continued: followed through the bake to completion and verified; the new revision runs', async () => {
  await pausingService(sandbox, 'promote-go');
  const deployed = await deployUntilPaused('promote-go');
  const result = await runPromote({
    service: 'promote-go',
    decision: 'continue',
    'hook-id': deployed['hook-id'] ?? '',
    reason: 'approved by octocat',
  });
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  expect(result.outputs).toEqual({
    status: 'succeeded',
    'service-deployment-arn': deployed['service-deployment-arn'],
    'hook-id': '',
    'task-definition-arn': deployed['task-definition-arn'],
  });
  expect(result.log).toContain(`is paused at PAUSE hook ${deployed['hook-id'] ?? ''} (stage POST_TEST_TRAFFIC_SHIFT)`);
  expect(result.log).toContain('Lifecycle stage BAKE_TIME');
  expect(result.log).toMatch(/Target groups and container health checks report 2 new task\(s\) healthy/);
  expect(result.summary).toMatch(/^## ecs-promote: ✅ Continued; the deployment completed — promote-go in prod/);
  expect(await primaryOf(sandbox, 'promote-go')).toEqual({ taskDefinition: deployed['task-definition-arn'], rolloutState: 'COMPLETED' });
  expect(await newestDeployment(sandbox, 'promote-go')).toMatchObject({ status: 'SUCCESSFUL' });
});

test('paused, then rolled back (no hook-id: the one paused hook): ECS goes back to the old revision, and the step succeeds', async () => {
  const service = await pausingService(sandbox, 'promote-no', 'LINEAR');
  const deployed = await deployUntilPaused('promote-no');
  const result = await runPromote({ service: 'promote-no', decision: 'rollback' });
  expect(result.errors).toEqual([]);
  expect(result.outputs).toMatchObject({ status: 'rolled-back', 'task-definition-arn': service.taskDefinitionArn });
  expect(result.log).toContain(`Asked ECS to roll back deployment`);
  expect(await primaryOf(sandbox, 'promote-no')).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
  expect(await newestDeployment(sandbox, 'promote-no')).toMatchObject({
    serviceDeploymentArn: deployed['service-deployment-arn'],
    status: 'ROLLBACK_SUCCESSFUL',
  });
});

test('no deployment paused: refused with what ECS is doing, nothing changed', async () => {
  await pausingService(sandbox, 'promote-idle');
  sandbox.admin.requests.clear();
  const result = await runPromote({ service: 'promote-idle', decision: 'continue' });
  expect(result.exitCode).toBe(1);
  expect(result.outputs.status).toBe('refused');
  expect(result.errors).toEqual([
    expect.stringMatching(
      /^Service promote-idle has no deployment in progress, so nothing waits at a PAUSE hook\. Of its newest deployment \S+, it is SUCCESSFUL/,
    ),
  ]);
  expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'ContinueServiceDeployment' })).toBe(0);
});

test('the hook expired before the approval: ECS rolled back by its timeout, and the error says so with the time', async () => {
  const service = await pausingService(sandbox, 'promote-late');
  const deployed = await deployUntilPaused('promote-late');
  const hookId = deployed['hook-id'] ?? '';
  const before = await newestDeployment(sandbox, 'promote-late');
  const expiresAt = before?.lifecycleHookDetails?.find((hook) => hook.hookId === hookId)?.expiresAt?.toISOString() ?? 'missing';
  // Nobody acts: the sandbox runs on past the 30-minute timeout until ECS's rollback settles.
  sandbox.admin.settle(CLUSTER, 'promote-late');
  expect(await primaryOf(sandbox, 'promote-late')).toMatchObject({ taskDefinition: service.taskDefinitionArn });

  const named = await runPromote({ service: 'promote-late', decision: 'continue', 'hook-id': hookId });
  expect(named.exitCode).toBe(1);
  expect(named.outputs.status).toBe('refused');
  expect(named.errors).toHaveLength(1);
  expect(named.errors[0]).toContain(
    `PAUSE hook ${hookId} of service promote-late no longer awaits a decision: the PAUSE hook ${hookId} at stage POST_TEST_TRAFFIC_SHIFT ` +
      `timed out at ${expiresAt} and ECS rolled the deployment back, its timeout action (the deployment is now ROLLBACK_SUCCESSFUL`,
  );
  expect(named.errors[0]).toMatch(/Nothing was changed$/);

  const unnamed = await runPromote({ service: 'promote-late', decision: 'rollback' });
  expect(unnamed.errors).toEqual([
    expect.stringMatching(
      /^Service promote-late has no deployment in progress, so nothing waits at a PAUSE hook\. Of its newest deployment /,
    ),
  ]);
  expect(unnamed.errors[0]).toContain(`timed out at ${expiresAt} and ECS rolled the deployment back`);
});

test('bad input fails before any AWS call, naming the input', async () => {
  sandbox.admin.requests.clear();
  const result = await runPromote({ service: 'promote-go', decision: 'approve' });
  expect(result.errors).toEqual(["Input 'decision': 'approve' is not allowed. Use one of: continue, rollback"]);
  expect(sandbox.admin.requests.list()).toEqual([]);
});
