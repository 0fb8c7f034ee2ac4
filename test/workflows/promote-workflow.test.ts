import type { Sandbox } from '../../sandbox/index.js';
import { runWorkflowCall, type WorkflowCall } from '../../sandbox/runner/workflow-runner.js';
import { CLUSTER, primaryOf, startDeploySandbox, taskDefinition } from '../e2e/ecs-deploy-helpers.js';
import { newestDeployment } from '../e2e/ecs-deploy-strategies-helpers.js';
import { pausingService } from '../e2e/ecs-promote-helpers.js';
import { DEPLOY_ROLE, claimsFollowJob, machineEnv, stepLines, workspaceWith } from './workflow-helpers.js';

/**
 * .github/workflows/promote.yml, the approval gate: the deploy job stops at the service's PAUSE hook,
 * the approve job runs in an environment with required reviewers (the runner models the review), and
 * the rollback job runs when they reject. An approval that comes after the hook expired finds that
 * ECS already rolled back on its own.
 */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startDeploySandbox();
  sandbox.admin.identity.createRole({
    arn: DEPLOY_ROLE,
    trust: { subjects: ['repo:acme/web:environment:production', 'repo:acme/web:environment:production-approval'] },
  });
});
afterAll(async () => {
  await sandbox.stop();
});

function promoteCall(service: string, reviews: WorkflowCall['reviews']): WorkflowCall {
  const call = {
    file: '.github/workflows/promote.yml',
    eventName: 'push',
    event: { ref: 'refs/heads/main', after: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c' },
    inputs: {
      environment: 'production',
      'approval-environment': 'production-approval',
      'aws-region': 'us-east-1',
      'role-to-assume': DEPLOY_ROLE,
      cluster: CLUSTER,
      service,
      'task-definition': 'deploy/task-definition.json',
      'container-name': 'web',
      image: `${service}:v2`,
      'pass-roles': 'ecsTaskExecutionRole',
      'wait-for-minutes': 3,
      'poll-interval-seconds': 1,
    },
    env: machineEnv(sandbox),
    workspace: workspaceWith({ 'deploy/task-definition.json': JSON.stringify(taskDefinition(service, 'placeholder:latest'), null, 2) }),
    reviews,
  };
  return { ...call, onJobStart: claimsFollowJob(sandbox, call) };
}

const DEPLOY_STEPS = [
  'success: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 (checkout)',
  'success: AWS credentials (aws-credentials)',
  'success: Render the task definition (ecs-render)',
  'success: Deploy until the approval (ecs-deploy)',
];

test('approved: the paused deployment continues and is followed to its end; nothing is rolled back', async () => {
  await pausingService(sandbox, 'gate-yes');
  const run = await runWorkflowCall(promoteCall('gate-yes', { 'production-approval': 'approved' }));
  expect(stepLines(run.jobs.deploy)).toEqual(DEPLOY_STEPS);
  expect(run.jobs.approve).toMatchObject({ environment: 'production-approval', review: 'approved', result: 'success' });
  expect(run.jobs.approve?.permissions).toEqual({ 'id-token': 'write' });
  expect(run.jobs.approve?.concurrency).toEqual({ group: 'ecs-production-prod-gate-yes', cancelInProgress: false });
  expect(stepLines(run.jobs.approve)).toEqual([
    'success: AWS credentials (aws-credentials)',
    'success: Continue the deployment (ecs-promote)',
  ]);
  expect(run.jobs.approve?.steps[1]?.inputs).toMatchObject({ decision: 'continue', 'hook-id': run.outputs['hook-id'] });
  expect(run.jobs.rollback?.result).toBe('skipped');
  expect(run.outputs).toMatchObject({ status: 'succeeded', 'hook-id': expect.stringMatching(/^ecs-pause-/) });
  expect(await primaryOf(sandbox, 'gate-yes')).toEqual({ taskDefinition: run.outputs['task-definition-arn'], rolloutState: 'COMPLETED' });
});

test('rejected: the approve job fails without a step, and the rollback job rolls the deployment back at the hook', async () => {
  const service = await pausingService(sandbox, 'gate-no');
  const run = await runWorkflowCall(promoteCall('gate-no', { 'production-approval': 'rejected' }));
  expect(run.jobs.approve).toMatchObject({ review: 'rejected', result: 'failure', steps: [] });
  expect(run.jobs.rollback).toMatchObject({ environment: 'production', result: 'success' });
  expect(stepLines(run.jobs.rollback)).toEqual([
    'success: AWS credentials (aws-credentials)',
    'success: Roll the deployment back (ecs-promote)',
  ]);
  expect(run.jobs.rollback?.steps[1]?.inputs).toMatchObject({ decision: 'rollback', 'hook-id': run.outputs['hook-id'] });
  // The reason as the summary shows it (markdown-escaped): who did not approve, and how the approval job ended.
  expect(run.jobs.rollback?.steps[1]?.result?.summary).toContain(
    '**Reason:** not approved in production-approval \\(approval job failure, run 1658821493\\)',
  );
  expect(run.outputs.status).toBe('rolled-back');
  expect(await primaryOf(sandbox, 'gate-no')).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
  expect(await newestDeployment(sandbox, 'gate-no')).toMatchObject({
    serviceDeploymentArn: run.outputs['service-deployment-arn'],
    status: 'ROLLBACK_SUCCESSFUL',
  });
});

test('approved after the hook expired: ECS had rolled back by its timeout; the approval fails saying so, and no second rollback runs', async () => {
  const service = await pausingService(sandbox, 'gate-late');
  // The reviewers take longer than the hook's 30 minutes: the sandbox runs on until ECS's timeout rollback settles.
  const lateApproval = async () => {
    sandbox.admin.settle(CLUSTER, 'gate-late');
    return Promise.resolve('approved' as const);
  };
  const run = await runWorkflowCall(promoteCall('gate-late', { 'production-approval': lateApproval }));
  expect(run.jobs.approve).toMatchObject({ review: 'approved', result: 'failure' });
  const promote = run.jobs.approve?.steps[1];
  expect(promote?.outcome).toBe('failure');
  expect(promote?.result?.errors).toEqual([
    expect.stringMatching(
      /^PAUSE hook ecs-pause-\w+ of service gate-late no longer awaits a decision: the PAUSE hook \S+ at stage POST_TEST_TRAFFIC_SHIFT timed out at \S+ and ECS rolled the deployment back, its timeout action/,
    ),
  ]);
  expect(run.jobs.rollback?.result).toBe('skipped');
  expect(run.outputs.status).toBe('refused');
  expect(await primaryOf(sandbox, 'gate-late')).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
});
