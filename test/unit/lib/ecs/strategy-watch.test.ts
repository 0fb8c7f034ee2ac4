import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ListTasksCommand,
  type Deployment,
  type DeploymentConfiguration,
  type Service,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { watchDeployment, type WatchRequest } from '../../../../src/lib/ecs/deployment-watcher.js';
import { fakeDeps, SD_ARN, stoppedTasksOfNewRevision, TD2, watchRequest } from './fakes.js';

/**
 * The watcher following BLUE_GREEN, LINEAR and CANARY through DescribeServiceDeployments, with
 * records shaped as the ECS model says (lifecycleStage, lifecycleHookDetails, targetServiceRevision
 * weights), and ROLLING's failedTasks reset.
 */

const OURS = 'ecs-svc/2';
const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:smoke';
const ours = (extra: Partial<Deployment> = {}): Deployment => ({
  id: OURS,
  status: 'PRIMARY',
  taskDefinition: TD2,
  rolloutState: 'IN_PROGRESS',
  desiredCount: 2,
  runningCount: 2,
  pendingCount: 0,
  failedTasks: 0,
  ...extra,
});
const service = (config: DeploymentConfiguration, deployment: Deployment = ours()): Service => ({
  serviceName: 'web',
  status: 'ACTIVE',
  deployments: [deployment],
  events: [],
  deploymentConfiguration: config,
});
const record = (config: DeploymentConfiguration, extra: Partial<ServiceDeployment>): ServiceDeployment => ({
  serviceDeploymentArn: SD_ARN,
  status: 'IN_PROGRESS',
  deploymentConfiguration: config,
  targetServiceRevision: {
    arn: 'rev/2',
    requestedTaskCount: 2,
    runningTaskCount: 2,
    pendingTaskCount: 0,
    requestedProductionTrafficWeight: 0,
  },
  updatedAt: new Date(Date.UTC(2026, 4, 4, 10, 1)),
  ...extra,
});
const weight = (requestedProductionTrafficWeight: number) => ({
  targetServiceRevision: { arn: 'rev/2', requestedTaskCount: 2, runningTaskCount: 2, requestedProductionTrafficWeight },
});

const request = (deps: ReturnType<typeof fakeDeps>['deps'], extra: Partial<WatchRequest> = {}) =>
  watchRequest(deps, { deploymentId: OURS, serviceDeploymentArn: SD_ARN, ...extra });

/** DescribeServices answers `service`, DescribeServiceDeployments the records in turn (the last one from then on). */
function follow(fake: ReturnType<typeof fakeDeps>, svc: Service, records: ServiceDeployment[]): void {
  fake.mocks.ecs.on(DescribeServicesCommand).resolves({ services: [svc] });
  fake.mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [] });
  let call = 0;
  fake.mocks.ecs.on(DescribeServiceDeploymentsCommand).callsFake(() => ({
    serviceDeployments: [records[Math.min(call++, records.length - 1)]],
  }));
}

const LINEAR: DeploymentConfiguration = {
  strategy: 'LINEAR',
  bakeTimeInMinutes: 5,
  linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 2 },
};

test('LINEAR: each stage and each traffic step printed once, as it happens, then success', async () => {
  const fake = fakeDeps();
  const steps = [
    record(LINEAR, { lifecycleStage: 'SCALE_UP' }),
    record(LINEAR, { lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT', ...weight(50) }),
    record(LINEAR, { lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT', ...weight(50) }),
    record(LINEAR, { lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT', ...weight(100) }),
    record(LINEAR, { lifecycleStage: 'BAKE_TIME', ...weight(100) }),
    record(LINEAR, { status: 'SUCCESSFUL', lifecycleStage: 'CLEAN_UP', ...weight(100) }),
  ];
  follow(fake, service(LINEAR), steps);
  const req = request(fake.deps);
  const result = await watchDeployment(req, fake.deps);
  expect(result.verdict).toEqual({ state: 'succeeded' });
  const text = fake.text();
  for (const line of [
    'Lifecycle stage SCALE_UP',
    'Lifecycle stage PRODUCTION_TRAFFIC_SHIFT',
    'Production traffic: 50% on the new revision (step 1 of 2)',
    'Production traffic: 100% on the new revision (step 2 of 2)',
    'Lifecycle stage BAKE_TIME',
    'Lifecycle stage CLEAN_UP',
  ]) {
    expect(text.split(line)).toHaveLength(2);
  }
  expect(text.indexOf('step 1 of 2')).toBeLessThan(text.indexOf('step 2 of 2'));
  expect(req.timeline.entries.map((e) => e.text)).toContain('Production traffic: 50% on the new revision (step 1 of 2)');
  expect(fake.mocks.ecs.commandCalls(DescribeServiceDeploymentsCommand)).toHaveLength(6);
});

test('BLUE_GREEN: a failing Lambda hook names the hook, its stage and ECS’s reason', async () => {
  const fake = fakeDeps();
  const config: DeploymentConfiguration = { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 10 };
  const hook = { hookId: 'h1', targetType: 'AWS_LAMBDA', targetArn: LAMBDA } as const;
  follow(fake, service(config), [
    record(config, { lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT', lifecycleHookDetails: [{ ...hook, status: 'IN_PROGRESS' }] }),
    record(config, {
      status: 'ROLLBACK_IN_PROGRESS',
      lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
      statusReason: 'Lifecycle hook returned FAILED',
      rollback: { reason: 'Lifecycle hook returned FAILED' },
      lifecycleHookDetails: [{ ...hook, status: 'FAILED' }],
    }),
  ]);
  const result = await watchDeployment(request(fake.deps), fake.deps);
  expect(result.verdict).toEqual({
    state: 'failed',
    reason: `lifecycle Lambda hook ${LAMBDA} FAILED at stage POST_TEST_TRAFFIC_SHIFT: Lifecycle hook returned FAILED`,
    rollback: 'ecs-in-progress',
    inFlight: true,
  });
  expect(fake.text()).toContain(`Lambda hook ${LAMBDA} at stage POST_TEST_TRAFFIC_SHIFT: IN_PROGRESS`);
  expect(fake.text()).toContain(`Lambda hook ${LAMBDA} at stage POST_TEST_TRAFFIC_SHIFT: FAILED`);
});

test('CANARY: an alarm during the bake names the alarm and the stage', async () => {
  const fake = fakeDeps();
  const config: DeploymentConfiguration = {
    strategy: 'CANARY',
    bakeTimeInMinutes: 10,
    canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 },
    alarms: { enable: true, rollback: true, alarmNames: ['web-5xx'] },
  };
  follow(fake, service(config), [
    record(config, { lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT', ...weight(10) }),
    record(config, { lifecycleStage: 'BAKE_TIME', ...weight(100) }),
    record(config, {
      status: 'ROLLBACK_REQUESTED',
      lifecycleStage: 'BAKE_TIME',
      rollback: { reason: 'Deployment alarm triggered' },
      alarms: { status: 'TRIGGERED', alarmNames: ['web-5xx'], triggeredAlarmNames: ['web-5xx'] },
    }),
  ]);
  const result = await watchDeployment(request(fake.deps), fake.deps);
  expect(result.verdict).toMatchObject({
    state: 'failed',
    reason: 'CloudWatch alarm web-5xx went into ALARM at stage BAKE_TIME: Deployment alarm triggered',
    rollback: 'ecs-in-progress',
  });
  expect(fake.text()).toContain('Production traffic: 10% on the new revision (canary, step 1 of 2; 5 min bake)');
  expect(fake.text()).toContain('Production traffic: 100% on the new revision (step 2 of 2)');
});

test('wait-until paused: the watch ends at a PAUSE hook awaiting action, with its id', async () => {
  const fake = fakeDeps();
  const config: DeploymentConfiguration = {
    strategy: 'BLUE_GREEN',
    bakeTimeInMinutes: 10,
    lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
  };
  const pause = { hookId: 'h-pause', targetType: 'PAUSE', timeoutAction: 'ROLLBACK', expiresAt: new Date('2026-05-04T12:00:00Z') } as const;
  follow(fake, service(config), [
    record(config, { lifecycleStage: 'TEST_TRAFFIC_SHIFT' }),
    record(config, { lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT', lifecycleHookDetails: [{ ...pause, status: 'AWAITING_ACTION' }] }),
  ]);
  const result = await watchDeployment(request(fake.deps, { goal: 'paused' }), fake.deps);
  expect(result.verdict).toMatchObject({
    state: 'goal-reached',
    goal: 'paused',
    stage: 'POST_TEST_TRAFFIC_SHIFT',
    hook: { hookId: 'h-pause' },
  });
  expect(fake.text()).toContain('PAUSE hook h-pause at stage POST_TEST_TRAFFIC_SHIFT is AWAITING_ACTION');
  expect(result.polls).toBe(2);
});

test('wait-until traffic-shifted: the watch ends when production traffic is wholly on the new revision', async () => {
  const fake = fakeDeps();
  const config: DeploymentConfiguration = {
    strategy: 'CANARY',
    bakeTimeInMinutes: 60,
    canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 },
  };
  follow(fake, service(config), [
    record(config, { lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT', ...weight(10) }),
    record(config, { lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT', ...weight(100) }),
    record(config, { lifecycleStage: 'BAKE_TIME', ...weight(100) }),
  ]);
  const result = await watchDeployment(request(fake.deps, { goal: 'traffic-shifted' }), fake.deps);
  expect(result.verdict).toEqual({ state: 'goal-reached', goal: 'traffic-shifted', stage: 'PRODUCTION_TRAFFIC_SHIFT' });
  expect(result.polls).toBe(2);
});

test('a bake longer than the wait times out; the watch itself never rolls anything back', async () => {
  const fake = fakeDeps();
  const config: DeploymentConfiguration = { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 120 };
  follow(fake, service(config), [record(config, { lifecycleStage: 'BAKE_TIME', ...weight(100) })]);
  const result = await watchDeployment(request(fake.deps, { deadline: fake.deps.clock.now() + 60_000 }), fake.deps);
  expect(result.verdict).toEqual({ state: 'timed-out' });
  expect(result.serviceDeployment?.lifecycleStage).toBe('BAKE_TIME');
});

test('ROLLING with the breaker on: tasks that stop after the first one ran fail at the threshold though failedTasks stays 0', async () => {
  const fake = fakeDeps();
  let poll = 0;
  // failedTasks was reset (a task ran), so it never rises; the running count drops each time a task of ours stops.
  fake.mocks.ecs.on(DescribeServicesCommand).callsFake(() => {
    poll += 1;
    const deployment = ours({ desiredCount: 2, runningCount: poll % 2 === 1 ? 2 : 1, failedTasks: 0 });
    return { services: [service({ deploymentCircuitBreaker: { enable: true, rollback: true } }, deployment)] };
  });
  fake.mocks.ecs
    .on(DescribeServiceDeploymentsCommand)
    .resolves({ serviceDeployments: [{ serviceDeploymentArn: SD_ARN, status: 'IN_PROGRESS' }] });
  const stopped = () => Array.from({ length: Math.floor(poll / 2) }, (_, i) => `arn:aws:ecs:us-east-1:123456789012:task/prod/late${i}`);
  stoppedTasksOfNewRevision(fake, stopped, 'Task failed container health checks');
  const result = await watchDeployment(request(fake.deps), fake.deps);
  expect(result.verdict).toMatchObject({
    state: 'failed',
    rollback: 'none',
    inFlight: true,
    reason: expect.stringMatching(/^3 tasks of the new revision stopped \(the circuit breaker has not tripped: .*threshold of 3\)/),
  });
  expect(result.polls).toBe(6);
});
