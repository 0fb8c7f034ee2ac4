import type { Sandbox } from '../../sandbox/index.js';
import { CLUSTER, behave, primaryOf, settled, startDeploySandbox } from './ecs-deploy-helpers.js';
import { deregister, mutatingCalls, release, runRollback, serviceWithHistory } from './ecs-rollback-helpers.js';

/** The bundled ecs-rollback against the sandbox: every way back, the refusals, the dry run and a rollback that fails. */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startDeploySandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

test('previous: back to the task definition of the last SUCCESSFUL deployment, verified, with a summary', async () => {
  const [v1, v2] = await serviceWithHistory(sandbox, 'prev');
  const result = await runRollback(sandbox, { service: 'prev', reason: 'v2 returns 500 on /checkout' });
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  expect(result.outputs).toEqual({ 'from-task-definition-arn': v2, 'to-task-definition-arn': v1, status: 'rolled-back' });
  expect(result.log).toMatch(/Rolling service prev back from prev:2 to prev:1/);
  expect(result.log).toMatch(/Reason: v2 returns 500 on \/checkout/);
  expect(await primaryOf(sandbox, 'prev')).toEqual({ taskDefinition: v1, rolloutState: 'COMPLETED' });
  expect(result.summary).toMatch(/## ecs-rollback: ↩️ Rolled back — prev in prod/);
  expect(result.summary).toMatch(/\*\*Reason:\*\* v2 returns 500 on \/checkout/);
  expect(result.summary).toMatch(/\| from \| `prev:2` \|\n\| to \| `prev:1` \|/);
  // The history after the rollback: the rollback's own deployment first, with images by digest.
  expect(result.summary).toMatch(/### Last 3 deployments/);
  expect(result.summary).toMatch(/\| `prev:1` \| web: `prev@sha256:[0-9a-f]{64}` \| `SUCCESSFUL`/);
  expect(result.summary.indexOf('`prev:1`', result.summary.indexOf('### Last'))).toBeLessThan(
    result.summary.indexOf('`prev:2`', result.summary.indexOf('### Last')),
  );
});

test('a named revision: to: 1 goes back two releases', async () => {
  const [v1, , v3] = await serviceWithHistory(sandbox, 'named', ['v2', 'v3']);
  const result = await runRollback(sandbox, { service: 'named', to: '1' });
  expect(result.exitCode).toBe(0);
  expect(result.outputs).toEqual({ 'from-task-definition-arn': v3, 'to-task-definition-arn': v1, status: 'rolled-back' });
  expect(await primaryOf(sandbox, 'named')).toEqual({ taskDefinition: v1, rolloutState: 'COMPLETED' });
});

test('a deployment in flight is stopped with StopServiceDeployment ROLLBACK and followed to its end', async () => {
  const [v1] = await serviceWithHistory(sandbox, 'inflight', []);
  behave(sandbox, 'inflight:slow', { kind: 'slow-start', startSeconds: 3600 });
  const slow = await release(sandbox, 'inflight', 'slow', { settle: false });
  sandbox.admin.requests.clear();
  const result = await runRollback(sandbox, { service: 'inflight' });
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  expect(result.outputs).toEqual({ 'from-task-definition-arn': slow, 'to-task-definition-arn': v1, status: 'rolled-back' });
  expect(result.log).toMatch(/still in flight; rolling back with StopServiceDeployment \(ROLLBACK\)/);
  expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'StopServiceDeployment' })).toBe(1);
  expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'UpdateService' })).toBe(0);
  expect(result.summary).toMatch(/`ROLLBACK_SUCCESSFUL`/);
  expect(await settled(sandbox, 'inflight')).toEqual({ taskDefinition: v1, rolloutState: 'COMPLETED' });
});

test('an INACTIVE (deregistered) target is refused before anything changes', async () => {
  const [v1, v2] = await serviceWithHistory(sandbox, 'inactive');
  await deregister(sandbox, v1 ?? '');
  sandbox.admin.requests.clear();
  const result = await runRollback(sandbox, { service: 'inactive', to: '1' });
  expect(result.exitCode).toBe(1);
  expect(result.outputs.status).toBe('refused');
  expect(result.errors).toEqual([expect.stringMatching(/Refusing to roll back: inactive:1 is INACTIVE \(deregistered\).*force: true/)]);
  expect(mutatingCalls(sandbox)).toEqual([]);
  expect(result.summary).toMatch(/⛔ Refused/);
  expect(await primaryOf(sandbox, 'inactive')).toEqual({ taskDefinition: v2, rolloutState: 'COMPLETED' });
});

test('a revision that never reached steady state is refused unless force is true', async () => {
  const [, v2] = await serviceWithHistory(sandbox, 'never');
  const unused = sandbox.admin.registerTaskDefinition({
    family: 'never',
    containerDefinitions: [{ name: 'web', image: 'never:unused', essential: true }],
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
  });
  const refused = await runRollback(sandbox, { service: 'never', to: unused });
  expect(refused.exitCode).toBe(1);
  expect(refused.errors).toEqual([expect.stringMatching(/never:3 never completed a deployment of this service/)]);
  expect(await primaryOf(sandbox, 'never')).toEqual({ taskDefinition: v2, rolloutState: 'COMPLETED' });

  const forced = await runRollback(sandbox, { service: 'never', to: unused, force: 'true' });
  expect(forced.exitCode).toBe(0);
  expect(forced.warnings).toEqual([expect.stringMatching(/force is true: rolling back although never:3 never completed/)]);
  expect(forced.outputs.status).toBe('rolled-back');
});

test('dry run: reads, prints the plan and changes nothing', async () => {
  const [v1, v2] = await serviceWithHistory(sandbox, 'dry');
  sandbox.admin.requests.clear();
  const result = await runRollback(sandbox, { service: 'dry', 'dry-run': 'true' });
  expect(result.exitCode).toBe(0);
  expect(result.outputs).toEqual({ 'from-task-definition-arn': v2, 'to-task-definition-arn': v1, status: 'dry-run' });
  expect(result.log).toMatch(/Dry run: would roll back with UpdateService to dry:1; nothing was changed/);
  expect(sandbox.admin.requests.count()).toBeGreaterThan(0);
  expect(mutatingCalls(sandbox)).toEqual([]);
  expect(result.summary).toMatch(/Dry run: nothing changed/);
  expect(result.summary).toMatch(/### Last 2 deployments/);
  expect(await primaryOf(sandbox, 'dry')).toEqual({ taskDefinition: v2, rolloutState: 'COMPLETED' });
});

test('a rollback that fails ends the step with the reason', async () => {
  await serviceWithHistory(sandbox, 'broken');
  // The old image no longer starts (a deleted secret, say): going back cannot succeed.
  behave(sandbox, 'broken:v1', { kind: 'exit', exitCode: 1, logLines: ['Error: secret db-password not found'] });
  const result = await runRollback(sandbox, { service: 'broken' });
  expect(result.exitCode).toBe(1);
  expect(result.outputs.status).toBe('failed');
  expect(result.errors).toEqual([
    expect.stringMatching(
      /^The rollback of service broken did not succeed: the rollback deployment ecs-svc\/\d+ failed: .*secret db-password not found/,
    ),
  ]);
  expect(result.summary).toMatch(/❌ Rollback failed/);
  expect(result.summary).toMatch(/Stopped tasks/);
});

test('nothing to do when the service already runs the named revision', async () => {
  const [, v2] = await serviceWithHistory(sandbox, 'same');
  sandbox.admin.requests.clear();
  const result = await runRollback(sandbox, { service: 'same', to: `same:2` });
  expect(result.exitCode).toBe(0);
  expect(result.outputs).toEqual({ 'from-task-definition-arn': v2, 'to-task-definition-arn': v2, status: 'unchanged' });
  expect(mutatingCalls(sandbox)).toEqual([]);
  expect(CLUSTER).toBe('prod');
});
