import type { Sandbox } from '../../sandbox/index.js';
import { behave, existingService, primaryOf, startDeploySandbox } from '../e2e/ecs-deploy-helpers.js';
import { DEPLOY_ROLE, deployCall, stepLines } from './workflow-helpers.js';
import { runWorkflowCall } from '../../sandbox/runner/workflow-runner.js';

/**
 * .github/workflows/deploy.yml run step by step against the sandbox: credentials (the deploy role,
 * trusted only from the staging environment), render and deploy with health checks. The build is
 * skipped by giving `image` (the ecr-build-push Docker tests cover the build itself).
 */

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startDeploySandbox();
  sandbox.admin.identity.createRole({ arn: DEPLOY_ROLE, trust: { subjects: ['repo:acme/web:environment:staging'] } });
});
afterAll(async () => {
  await sandbox.stop();
});

test('deploy.yml: credentials, render and deploy in the staging environment; outputs the image and revision', async () => {
  existingService(sandbox, 'shop');
  const run = await runWorkflowCall(deployCall(sandbox, 'shop', 'shop:v2'));
  const job = run.jobs.deploy;
  expect(stepLines(job)).toEqual([
    'success: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 (checkout)',
    'skipped: AWS credentials for the push (aws-credentials)',
    'skipped: Build and push (ecr-build-push)',
    'skipped: Build and push the worker image (ecr-build-push)',
    'success: AWS credentials for the deploy (aws-credentials)',
    'success: Render the task definition (ecs-render)',
    'success: Deploy (ecs-deploy)',
    'success: Record the release',
  ]);
  expect(job?.environment).toBe('staging');
  expect(job?.concurrency).toEqual({ group: 'ecs-staging-prod-shop', cancelInProgress: false });
  expect(job?.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  expect(run.outputs).toEqual({
    image: 'shop:v2',
    'worker-image': '',
    images: expect.stringMatching(/^\{"web":"shop@sha256:[0-9a-f]{64}"\}$/),
    'migration-task-arn': '',
    'deployment-id': expect.stringMatching(/^ecs-svc\/\d+$/),
    'rollback-task-definition-arn': '',
    'task-definition-arn': expect.stringMatching(/:task-definition\/shop:2$/),
    status: 'succeeded',
    'service-deployment-arn': expect.stringMatching(/:service-deployment\/prod\/shop\/\w+$/),
    'hook-id': '',
  });
  // The deploy step ran with the ecs-deploy session policy and the rendered file; no migration.
  expect(job?.steps[4]?.inputs).toMatchObject({ 'session-policy': 'ecs-deploy', 'ecs-cluster': 'prod', 'ecs-services': 'shop' });
  expect(job?.steps[6]?.inputs).toMatchObject({ 'task-definition': job?.steps[5]?.outputs['task-definition'], 'run-task': 'false' });
  expect(job?.steps[6]?.inputs['run-task-container-overrides']).toBe('');
  expect(job?.steps[7]?.log).toBe(`Release of shop to staging: succeeded (${run.outputs['task-definition-arn']})\n`);
  expect(await primaryOf(sandbox, 'shop')).toEqual({ taskDefinition: run.outputs['task-definition-arn'], rolloutState: 'COMPLETED' });
});

test('deploy.yml: a crashing release fails the job, ECS rolls it back, the always() step still reports', async () => {
  const before = existingService(sandbox, 'cart');
  behave(sandbox, 'cart:v2', { kind: 'exit', exitCode: 1, logLines: ['panic: nil map'] });
  const run = await runWorkflowCall(deployCall(sandbox, 'cart', 'cart:v2'));
  expect(run.jobs.deploy?.result).toBe('failure');
  expect(stepLines(run.jobs.deploy).slice(-2)).toEqual(['failure: Deploy (ecs-deploy)', 'success: Record the release']);
  expect(run.outputs.status).toBe('rolled-back');
  expect(run.jobs.deploy?.steps[6]?.result?.errors[0]).toMatch(/panic: nil map/);
  expect(await primaryOf(sandbox, 'cart')).toEqual({ taskDefinition: before.taskDefinitionArn, rolloutState: 'COMPLETED' });
});

test('deploy.yml: outside the environment the role trusts, the job cannot get credentials', async () => {
  existingService(sandbox, 'blog');
  const run = await runWorkflowCall(deployCall(sandbox, 'blog', 'blog:v2', { environment: 'production' }));
  expect(run.jobs.deploy?.result).toBe('failure');
  expect(stepLines(run.jobs.deploy).slice(4)).toEqual([
    'failure: AWS credentials for the deploy (aws-credentials)',
    'skipped: Render the task definition (ecs-render)',
    'skipped: Deploy (ecs-deploy)',
    'skipped: Record the release',
  ]);
  expect(run.jobs.deploy?.steps[4]?.result?.errors.join('\n')).toMatch(/repo:acme\/web:environment:production/);
});

test('deploy.yml: the strategy and CodeDeploy inputs reach their steps; empty ones reach ecs-deploy as not given', async () => {
  const before = existingService(sandbox, 'lab');
  const run = await runWorkflowCall(
    deployCall(sandbox, 'lab', 'lab:v2', {
      'wait-until': 'soon',
      'on-timeout': 'rollback',
      'codedeploy-application': 'lab-app',
      'codedeploy-deployment-group': 'lab-staging',
    }),
  );
  const [credentials, , deploy] = run.jobs.deploy?.steps.slice(4) ?? [];
  expect(credentials?.inputs).toMatchObject({ 'codedeploy-application': 'lab-app', 'codedeploy-deployment-group': 'lab-staging' });
  expect(deploy?.inputs).toMatchObject({
    'wait-until': 'soon',
    'on-timeout': 'rollback',
    'codedeploy-application': 'lab-app',
    'codedeploy-deployment-group': 'lab-staging',
    'codedeploy-appspec': '',
    'codedeploy-config': '',
  });
  // ecs-deploy checks them before any change: the service stays where it was.
  expect(deploy?.result?.errors[0]).toMatch(/^Input 'wait-until': 'soon' is not allowed/);
  expect(await primaryOf(sandbox, 'lab')).toEqual({ taskDefinition: before.taskDefinitionArn, rolloutState: 'COMPLETED' });
});
