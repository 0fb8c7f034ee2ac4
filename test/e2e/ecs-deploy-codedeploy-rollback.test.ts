import type { Sandbox } from '../../sandbox/index.js';
import { waitFor } from '../wait-for.js';
import { startDeploySandbox } from './ecs-deploy-helpers.js';
import { blueGreenService, codeDeployRelease, productionTaskDefinition } from './ecs-deploy-codedeploy-helpers.js';
import { mutatingCalls, runRollback } from './ecs-rollback-helpers.js';

/** The bundled ecs-rollback on CODE_DEPLOY services: back through CodeDeploy, from its own deployment history. */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startDeploySandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

test('to: previous deploys the task definition of the last successful CodeDeploy deployment again, through CodeDeploy', async () => {
  blueGreenService(sandbox, 'cdr-previous');
  const v2 = await codeDeployRelease(sandbox, 'cdr-previous', 'v2');
  const v3 = await codeDeployRelease(sandbox, 'cdr-previous', 'v3');
  expect(await productionTaskDefinition(sandbox, 'cdr-previous')).toBe(v3.arn);

  const result = await runRollback(sandbox, { service: 'cdr-previous', reason: 'v3 breaks checkout' });
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  expect(result.outputs).toMatchObject({ status: 'rolled-back', 'from-task-definition-arn': v3.arn, 'to-task-definition-arn': v2.arn });
  expect(result.log).toMatch(/Deploying cdr-previous:2 again through CodeDeploy \(the revision of deployment d-\w+\)/);
  expect(result.log).toContain('CodeDeploy AllowTraffic succeeded');
  expect(await productionTaskDefinition(sandbox, 'cdr-previous')).toBe(v2.arn);
  expect(sandbox.admin.requests.count({ service: 'codedeploy', operation: 'ListDeployments' })).toBeGreaterThan(0);
  expect(sandbox.admin.requests.count({ service: 'codedeploy', operation: 'CreateDeployment' })).toBeGreaterThan(0);
});

test('a CodeDeploy deployment in flight is stopped with automatic rollback', async () => {
  const service = blueGreenService(sandbox, 'cdr-inflight');
  sandbox.admin.codedeploy.setHookResponse('NeverAnswers', { status: 'none' });
  const held = await codeDeployRelease(sandbox, 'cdr-inflight', 'v2', { settle: false });
  await waitFor(() => sandbox.admin.codedeploy.deployment(held.deploymentId)?.status === 'InProgress', {
    timeoutMs: 10_000,
    label: 'the v2 deployment in flight',
  });

  const result = await runRollback(sandbox, { service: 'cdr-inflight' });
  expect(result.errors).toEqual([]);
  expect(result.outputs.status).toBe('rolled-back');
  expect(result.log).toContain(`rolling back with CodeDeploy StopDeployment (autoRollbackEnabled) of deployment ${held.deploymentId}`);
  expect(sandbox.admin.codedeploy.deployment(held.deploymentId)?.status).toBe('Stopped');
  expect(await productionTaskDefinition(sandbox, 'cdr-inflight')).toBe(service.taskDefinitionArn);
});

test('dry-run on a CODE_DEPLOY service changes nothing', async () => {
  blueGreenService(sandbox, 'cdr-dry');
  await codeDeployRelease(sandbox, 'cdr-dry', 'v2');
  const v3 = await codeDeployRelease(sandbox, 'cdr-dry', 'v3');
  sandbox.admin.requests.clear();
  const result = await runRollback(sandbox, { service: 'cdr-dry', 'dry-run': 'true' });
  expect(result.outputs.status).toBe('dry-run');
  expect(result.log).toMatch(/Dry run: would roll back with CodeDeploy deployment of cdr-dry:2/);
  expect(sandbox.admin.requests.count({ service: 'codedeploy' })).toBeGreaterThan(0);
  expect(mutatingCalls(sandbox)).toEqual([]);
  expect(await productionTaskDefinition(sandbox, 'cdr-dry')).toBe(v3.arn);
});
