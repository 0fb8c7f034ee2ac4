import type { Sandbox } from '../../sandbox/index.js';
import { existingService, primaryOf, startDeploySandbox } from '../e2e/ecs-deploy-helpers.js';
import { DEPLOY_ROLE, claimsFollowJob, deployCall, machineEnv, stepLines } from './workflow-helpers.js';
import { runWorkflowCall, type WorkflowCall } from '../../sandbox/runner/workflow-runner.js';

/**
 * .github/workflows/rollback.yml after a bad release: two releases through deploy.yml, the second
 * one healthy to ECS but wrong for the business (the 3 a.m. case), then the rollback workflow as the
 * workflow_dispatch starter calls it.
 */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startDeploySandbox();
  sandbox.admin.identity.createRole({ arn: DEPLOY_ROLE, trust: { subjects: ['repo:acme/web:environment:staging'] } });
});
afterAll(async () => {
  await sandbox.stop();
});

function rollbackCall(inputs: Partial<WorkflowCall['inputs']>): WorkflowCall {
  const call = {
    file: '.github/workflows/rollback.yml',
    eventName: 'workflow_dispatch',
    event: { inputs: { environment: 'staging', service: 'api' } },
    inputs: {
      environment: 'staging',
      'aws-region': 'us-east-1',
      'role-to-assume': DEPLOY_ROLE,
      cluster: 'prod',
      service: 'api',
      reason: 'v3 charges twice\n::warning::injected',
      'poll-interval-seconds': 1,
      'wait-for-minutes': 3,
      ...inputs,
    },
    env: machineEnv(sandbox),
    workspace: '/tmp',
  };
  return { ...call, onJobStart: claimsFollowJob(sandbox, call) };
}

test('rollback.yml takes the service back to the release before the bad one', async () => {
  existingService(sandbox, 'api');
  const good = await runWorkflowCall(deployCall(sandbox, 'api', 'api:v2'));
  const bad = await runWorkflowCall(deployCall(sandbox, 'api', 'api:v3'));
  expect([good.outputs.status, bad.outputs.status]).toEqual(['succeeded', 'succeeded']);

  const dry = await runWorkflowCall(rollbackCall({ 'dry-run': true }));
  expect(dry.outputs).toEqual({
    'from-task-definition-arn': bad.outputs['task-definition-arn'],
    'to-task-definition-arn': good.outputs['task-definition-arn'],
    status: 'dry-run',
  });
  expect(await primaryOf(sandbox, 'api')).toMatchObject({ taskDefinition: bad.outputs['task-definition-arn'] });

  const run = await runWorkflowCall(rollbackCall({}));
  const job = run.jobs.rollback;
  expect(stepLines(job)).toEqual([
    'success: AWS credentials (aws-credentials)',
    'success: Roll back (ecs-rollback)',
    'success: Record the rollback',
  ]);
  expect(job?.environment).toBe('staging');
  // The same group as deploy.yml: a rollback queues behind a running release instead of racing it.
  expect(job?.concurrency).toEqual({ group: 'ecs-staging-prod-api', cancelInProgress: false });
  expect(job?.permissions).toEqual({ 'id-token': 'write' });
  expect(run.outputs).toEqual({
    'from-task-definition-arn': bad.outputs['task-definition-arn'],
    'to-task-definition-arn': good.outputs['task-definition-arn'],
    status: 'rolled-back',
  });
  expect(job?.steps[1]?.result?.summary).toMatch(/\*\*Reason:\*\* v3 charges twice/);
  // The reason reaches the shell through env and cannot start a workflow command on its own line.
  expect(job?.steps[2]?.log).toBe('octocat rolled api back (rolled-back): v3 charges twice ::warning::injected\n');
  expect(await primaryOf(sandbox, 'api')).toEqual({ taskDefinition: good.outputs['task-definition-arn'], rolloutState: 'COMPLETED' });
});
