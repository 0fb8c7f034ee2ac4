import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  type Service,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import type { EcsPromoteInputs } from '../../../src/ecs-promote/inputs.js';
import { runEcsPromote } from '../../../src/ecs-promote/run.js';
import { awsError, fakeDeps, TD1, TD2 } from '../lib/ecs/fakes.js';

/** ecs-promote's select → decide → follow against stubbed ECS answers, including the races the sandbox cannot time. */

const SD = (n: number) => `arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web/sd${n}`;
const REV = (n: number) => `arn:aws:ecs:us-east-1:123456789012:service-revision/prod/web/${n}`;
const EXPIRES = new Date(Date.UTC(2026, 4, 5, 10, 0));
const INPUTS: EcsPromoteInputs = {
  region: 'us-east-1',
  cluster: 'prod',
  service: 'web',
  decision: 'continue',
  waitMs: 10 * 60_000,
  pollIntervalMs: 5_000,
  maxRetries: 0,
};
const paused = (n: number, hookId: string, extra: Partial<ServiceDeployment> = {}): ServiceDeployment => ({
  serviceDeploymentArn: SD(n),
  status: 'IN_PROGRESS',
  lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
  targetServiceRevision: { arn: REV(2) },
  sourceServiceRevisions: [{ arn: REV(1) }],
  lifecycleHookDetails: [{ hookId, targetType: 'PAUSE', status: 'AWAITING_ACTION', expiresAt: EXPIRES, timeoutAction: 'ROLLBACK' }],
  ...extra,
});
const service = (primary: string, rolloutState: 'IN_PROGRESS' | 'COMPLETED'): Service => ({
  serviceName: 'web',
  status: 'ACTIVE',
  desiredCount: 2,
  deploymentConfiguration: {
    strategy: 'BLUE_GREEN',
    bakeTimeInMinutes: 1,
    lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
  },
  deployments: [
    {
      id: primary === TD2 ? 'ecs-svc/2' : 'ecs-svc/3',
      status: 'PRIMARY',
      taskDefinition: primary,
      rolloutState,
      desiredCount: 2,
      runningCount: 2,
    },
  ],
  events: [],
});

function setUp(inProgress: ServiceDeployment[]) {
  const fake = fakeDeps();
  const outputs: Record<string, string> = {};
  const summaries: string[] = [];
  const deps = {
    ...fake.deps,
    setOutput: (name: string, value: string) => void (outputs[name] = value),
    summary: { append: async (markdown: string) => void summaries.push(markdown) },
    destroy: () => undefined,
  };
  const { ecs } = fake.mocks;
  ecs.on(ListServiceDeploymentsCommand).resolves({ serviceDeployments: [] });
  ecs.on(ListServiceDeploymentsCommand, { status: ['IN_PROGRESS'] }).resolves({
    serviceDeployments: inProgress.map((d, i) => ({
      serviceDeploymentArn: d.serviceDeploymentArn,
      status: 'IN_PROGRESS',
      createdAt: new Date(Date.UTC(2026, 4, 4, 10, i)),
    })),
  });
  ecs.on(DescribeServiceDeploymentsCommand).resolves({ serviceDeployments: inProgress });
  ecs.on(DescribeServiceRevisionsCommand).resolves({
    serviceRevisions: [
      { serviceRevisionArn: REV(1), taskDefinition: TD1 },
      { serviceRevisionArn: REV(2), taskDefinition: TD2 },
    ],
  });
  ecs.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: { status: 'ACTIVE', containerDefinitions: [] } });
  return { ...fake, deps, outputs, summaries };
}

/**
 * After the decision: the service, in progress on TD2, completes on `runs`; the paused service
 * deployment ends as `ended` says; and `runs` has the tasks the health checks read.
 */
function decisionEnds(ecs: ReturnType<typeof fakeDeps>['mocks']['ecs'], runs: string, ended: Partial<ServiceDeployment>) {
  ecs
    .on(DescribeServicesCommand)
    .resolvesOnce({ services: [service(TD2, 'IN_PROGRESS')] })
    .resolves({ services: [service(runs, 'COMPLETED')] });
  ecs
    .on(DescribeServiceDeploymentsCommand)
    .resolvesOnce({ serviceDeployments: [paused(2, 'h2')] })
    .resolves({ serviceDeployments: [{ ...paused(2, 'h2'), ...ended }] });
  tasksOf(ecs, runs);
}

/** Two running tasks of `taskDefinitionArn`: what the health checks read after ECS finished. */
function tasksOf(ecs: ReturnType<typeof fakeDeps>['mocks']['ecs'], taskDefinitionArn: string) {
  const arns = ['t1', 't2'].map((id) => `arn:aws:ecs:us-east-1:123456789012:task/prod/${id}`);
  ecs.on(ListTasksCommand).resolves({ taskArns: arns });
  ecs
    .on(DescribeTasksCommand)
    .resolves({ tasks: arns.map((taskArn) => ({ taskArn, taskDefinitionArn, lastStatus: 'RUNNING', containers: [] })) });
}

test('continue: ContinueServiceDeployment CONTINUE on the one paused hook, followed to completion, verified', async () => {
  const { deps, mocks, outputs, summaries, text } = setUp([paused(2, 'h2')]);
  decisionEnds(mocks.ecs, TD2, { status: 'SUCCESSFUL', lifecycleStage: 'CLEAN_UP', lifecycleHookDetails: [] });
  await runEcsPromote({ ...INPUTS, reason: 'approved by octocat' }, deps);
  expect(mocks.ecs.commandCalls(ContinueServiceDeploymentCommand).map((c) => c.args[0].input)).toEqual([
    { serviceDeploymentArn: SD(2), hookId: 'h2', action: 'CONTINUE' },
  ]);
  expect(outputs).toEqual({ status: 'succeeded', 'service-deployment-arn': SD(2), 'hook-id': '', 'task-definition-arn': TD2 });
  expect(text()).toContain(
    'Deployment ecs-svc/2 of web:2 is paused at PAUSE hook h2 (stage POST_TEST_TRAFFIC_SHIFT) until 2026-05-05T10:00:00.000Z (then ROLLBACK)',
  );
  expect(summaries[0]).toMatch(/^## ecs-promote: ✅ Continued; the deployment completed — web in prod/);
  expect(summaries[0]).toContain('**Reason:** approved by octocat');
});

test('rollback: ContinueServiceDeployment ROLLBACK, ECS rolls back, the previous revision is verified; the step succeeds', async () => {
  const { deps, mocks, outputs, summaries } = setUp([paused(2, 'h2')]);
  decisionEnds(mocks.ecs, TD1, { status: 'ROLLBACK_SUCCESSFUL', rollback: { reason: 'rolled back at the hook' } });
  await runEcsPromote({ ...INPUTS, decision: 'rollback' }, deps);
  expect(mocks.ecs.commandCalls(ContinueServiceDeploymentCommand)[0]?.args[0].input).toMatchObject({ action: 'ROLLBACK', hookId: 'h2' });
  expect(outputs).toMatchObject({ status: 'rolled-back', 'task-definition-arn': TD1 });
  expect(summaries[0]).toMatch(/^## ecs-promote: ↩️ Rolled back/);
});

test('continue, then ECS rolls back on its own (an alarm in the bake): rolled-back, and the step fails with ECS reason', async () => {
  const { deps, mocks, outputs } = setUp([paused(2, 'h2')]);
  decisionEnds(mocks.ecs, TD1, { status: 'ROLLBACK_SUCCESSFUL', rollback: { reason: 'alarm web-5xx went into ALARM' } });
  await expect(runEcsPromote(INPUTS, deps)).rejects.toThrow(
    /^ECS rolled deployment ecs-svc\/2 back after it was continued: .*alarm web-5xx/,
  );
  expect(outputs.status).toBe('rolled-back');
});

test('nothing in progress: refused before any change, saying the hook expired at its time and ECS rolled back', async () => {
  const { deps, mocks, outputs } = setUp([]);
  const expired = paused(1, 'h1', {
    status: 'ROLLBACK_SUCCESSFUL',
    lifecycleHookDetails: [{ hookId: 'h1', targetType: 'PAUSE', status: 'TIMED_OUT', expiresAt: EXPIRES, timeoutAction: 'ROLLBACK' }],
  });
  mocks.ecs
    .on(ListServiceDeploymentsCommand)
    .resolves({ serviceDeployments: [{ serviceDeploymentArn: SD(1), status: 'ROLLBACK_SUCCESSFUL' }] });
  mocks.ecs.on(ListServiceDeploymentsCommand, { status: ['IN_PROGRESS'] }).resolves({ serviceDeployments: [] });
  mocks.ecs.on(DescribeServiceDeploymentsCommand).resolves({ serviceDeployments: [expired] });
  await expect(runEcsPromote(INPUTS, deps)).rejects.toThrow(
    `Service web has no deployment in progress, so nothing waits at a PAUSE hook. Of its newest deployment ${SD(1)}, ` +
      'the PAUSE hook h1 at stage POST_TEST_TRAFFIC_SHIFT timed out at 2026-05-05T10:00:00.000Z and ECS rolled the deployment back',
  );
  expect(mocks.ecs.commandCalls(ContinueServiceDeploymentCommand)).toHaveLength(0);
  expect(outputs.status).toBe('refused');
});

test('two paused hooks and no hook-id: refused naming both, pointing at hook-id', async () => {
  const { deps, mocks, outputs } = setUp([paused(2, 'h2'), paused(3, 'h3')]);
  await expect(runEcsPromote(INPUTS, deps)).rejects.toThrow(
    /^Input 'hook-id': is empty, but 2 PAUSE hooks of service web await a decision: h\w \(stage POST_TEST_TRAFFIC_SHIFT, .*\); h\w .*Set hook-id/,
  );
  expect(mocks.ecs.commandCalls(ContinueServiceDeploymentCommand)).toHaveLength(0);
  expect(outputs.status).toBe('refused');
});

test('hook-id picks one of two paused deployments', async () => {
  const { deps, mocks } = setUp([paused(2, 'h2'), paused(3, 'h3')]);
  mocks.ecs.on(DescribeServicesCommand).resolves({ services: [service(TD2, 'IN_PROGRESS')] });
  mocks.ecs
    .on(ContinueServiceDeploymentCommand)
    .rejects(awsError('AccessDeniedException', 'not authorized to perform ecs:ContinueServiceDeployment'));
  await expect(runEcsPromote({ ...INPUTS, hookId: 'h3' }, deps)).rejects.toThrow(/ecs:ContinueServiceDeployment/);
  expect(mocks.ecs.commandCalls(ContinueServiceDeploymentCommand)[0]?.args[0].input).toMatchObject({
    serviceDeploymentArn: SD(3),
    hookId: 'h3',
  });
});

test('the hook times out between the look and the call: ECS refusal explained by what ECS did', async () => {
  const { deps, mocks, outputs } = setUp([paused(2, 'h2')]);
  mocks.ecs.on(DescribeServicesCommand).resolves({ services: [service(TD2, 'IN_PROGRESS')] });
  const timedOut = paused(2, 'h2', {
    status: 'ROLLBACK_IN_PROGRESS',
    lifecycleHookDetails: [{ hookId: 'h2', targetType: 'PAUSE', status: 'TIMED_OUT', expiresAt: EXPIRES, timeoutAction: 'ROLLBACK' }],
  });
  mocks.ecs
    .on(DescribeServiceDeploymentsCommand)
    .resolvesOnce({ serviceDeployments: [paused(2, 'h2')] })
    .resolves({ serviceDeployments: [timedOut] });
  mocks.ecs
    .on(ListServiceDeploymentsCommand)
    .resolves({ serviceDeployments: [{ serviceDeploymentArn: SD(2), status: 'ROLLBACK_IN_PROGRESS' }] });
  mocks.ecs
    .on(ListServiceDeploymentsCommand, { status: ['IN_PROGRESS'] })
    .resolvesOnce({ serviceDeployments: [{ serviceDeploymentArn: SD(2) }] })
    .resolves({ serviceDeployments: [] });
  mocks.ecs
    .on(ContinueServiceDeploymentCommand)
    .rejects(awsError('InvalidParameterException', 'The lifecycle hook h2 is in status TIMED_OUT'));
  await expect(runEcsPromote(INPUTS, deps)).rejects.toThrow(
    /^PAUSE hook h2 of service web no longer awaits a decision: the PAUSE hook h2 at stage POST_TEST_TRAFFIC_SHIFT timed out at 2026-05-05T10:00:00.000Z and ECS rolled the deployment back, its timeout action \(the deployment is now ROLLBACK_IN_PROGRESS\)\. Nothing was changed \(ECS refused ContinueServiceDeployment: /,
  );
  expect(outputs.status).toBe('refused');
});

test('continue, and the deployment pauses again at a later hook: status paused with the new hook id; the step succeeds', async () => {
  const { deps, mocks, outputs } = setUp([paused(2, 'h2')]);
  mocks.ecs.on(DescribeServicesCommand).resolves({ services: [service(TD2, 'IN_PROGRESS')] });
  const later = paused(2, 'h9', { lifecycleStage: 'POST_PRODUCTION_TRAFFIC_SHIFT' });
  later.lifecycleHookDetails = [{ hookId: 'h2', targetType: 'PAUSE', status: 'SUCCEEDED' }, ...(later.lifecycleHookDetails ?? [])];
  mocks.ecs
    .on(DescribeServiceDeploymentsCommand)
    .resolvesOnce({ serviceDeployments: [paused(2, 'h2')] })
    .resolvesOnce({ serviceDeployments: [paused(2, 'h2')] })
    .resolves({ serviceDeployments: [later] });
  await runEcsPromote(INPUTS, deps);
  expect(outputs).toMatchObject({ status: 'paused', 'hook-id': 'h9' });
});

test('continue, and the bake outlasts wait-for-minutes: timed-out, saying what ECS does, and left to ECS', async () => {
  const { deps, mocks, outputs } = setUp([paused(2, 'h2')]);
  mocks.ecs.on(DescribeServicesCommand).resolves({ services: [service(TD2, 'IN_PROGRESS')] });
  const baking = paused(2, 'h2', { lifecycleStage: 'BAKE_TIME', lifecycleHookDetails: [] });
  mocks.ecs
    .on(DescribeServiceDeploymentsCommand)
    .resolvesOnce({ serviceDeployments: [paused(2, 'h2')] })
    .resolves({ serviceDeployments: [baking] });
  await expect(runEcsPromote({ ...INPUTS, waitMs: 60_000 }, deps)).rejects.toThrow(
    /^Deployment ecs-svc\/2 of service web did not finish within wait-for-minutes \(1 min\): it is in its bake time .*\. It is left to ECS$/,
  );
  expect(outputs.status).toBe('timed-out');
  expect(mocks.ecs.commandCalls(ContinueServiceDeploymentCommand)).toHaveLength(1);
});
