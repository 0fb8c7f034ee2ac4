import type { Deployment, Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import {
  breakerThreshold,
  failedHook,
  followsStages,
  goalReached,
  inFlightState,
  productionTrafficShifted,
} from '../../../../src/lib/ecs/strategy-state.js';
import { deploymentController } from '../../../../src/lib/ecs/service-state.js';
import { SD_ARN } from './fakes.js';

/** ServiceDeployment records shaped as DescribeServiceDeployments returns them (ECS model, 2026). */
const sd = (extra: Partial<ServiceDeployment>): ServiceDeployment => ({
  serviceDeploymentArn: SD_ARN,
  status: 'IN_PROGRESS',
  targetServiceRevision: { arn: 'rev/2', requestedTaskCount: 4, runningTaskCount: 4, pendingTaskCount: 0 },
  ...extra,
});
const PAUSE = { hookId: 'h-pause', targetType: 'PAUSE', status: 'AWAITING_ACTION', timeoutAction: 'ROLLBACK' } as const;
const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:smoke';

describe('productionTrafficShifted', () => {
  test.each([
    ['SCALE_UP', 0, false],
    ['TEST_TRAFFIC_SHIFT', 0, false],
    ['PRODUCTION_TRAFFIC_SHIFT', 30, false],
    ['PRODUCTION_TRAFFIC_SHIFT', 100, true],
    ['POST_PRODUCTION_TRAFFIC_SHIFT', 100, true],
    ['BAKE_TIME', 100, true],
    ['CLEAN_UP', 100, true],
  ] as const)('stage %s with %i%% production traffic: %s', (stage, weight, shifted) => {
    const record = sd({
      lifecycleStage: stage,
      targetServiceRevision: { arn: 'rev/2', requestedProductionTrafficWeight: weight },
    });
    expect(productionTrafficShifted(record)).toBe(shifted);
  });
});

describe('goalReached', () => {
  test('paused: a PAUSE hook awaiting action, with its id', () => {
    const record = sd({ lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT', lifecycleHookDetails: [PAUSE] });
    expect(goalReached('paused', record)).toEqual({ goal: 'paused', hook: PAUSE, stage: 'POST_TEST_TRAFFIC_SHIFT' });
    expect(goalReached('traffic-shifted', record)).toBeUndefined();
    expect(goalReached('completed', record)).toBeUndefined();
  });

  test('a Lambda hook in progress is not a pause, and nothing is reached once ECS rolls back', () => {
    const lambda = sd({ lifecycleHookDetails: [{ hookId: 'h1', targetType: 'AWS_LAMBDA', targetArn: LAMBDA, status: 'IN_PROGRESS' }] });
    expect(goalReached('paused', lambda)).toBeUndefined();
    expect(goalReached('paused', sd({ status: 'ROLLBACK_IN_PROGRESS', lifecycleHookDetails: [PAUSE] }))).toBeUndefined();
    expect(goalReached('traffic-shifted', sd({ status: 'ROLLBACK_REQUESTED', lifecycleStage: 'BAKE_TIME' }))).toBeUndefined();
  });

  test('traffic-shifted: reached in the bake time', () => {
    expect(goalReached('traffic-shifted', sd({ lifecycleStage: 'BAKE_TIME' }))).toEqual({ goal: 'traffic-shifted', stage: 'BAKE_TIME' });
  });
});

test('failedHook: FAILED, or TIMED_OUT with ROLLBACK; TIMED_OUT with CONTINUE is not a failure', () => {
  const failed = { hookId: 'h1', targetType: 'AWS_LAMBDA', targetArn: LAMBDA, status: 'FAILED' } as const;
  expect(failedHook(sd({ lifecycleHookDetails: [{ ...failed, status: 'SUCCEEDED' }, failed] }))).toBe(failed);
  expect(failedHook(sd({ lifecycleHookDetails: [{ ...PAUSE, status: 'TIMED_OUT' }] }))).toMatchObject({ hookId: 'h-pause' });
  expect(failedHook(sd({ lifecycleHookDetails: [{ ...PAUSE, status: 'TIMED_OUT', timeoutAction: 'CONTINUE' }] }))).toBeUndefined();
});

describe('inFlightState: what a timeout leaves', () => {
  const service: Service = { serviceName: 'web', deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 60 } };
  const ours: Deployment = { id: 'ecs-svc/2', desiredCount: 4, runningCount: 4 };

  test('baking is healthy and says how long the bake is', () => {
    const state = inFlightState(
      service,
      ours,
      sd({ lifecycleStage: 'BAKE_TIME', deploymentConfiguration: service.deploymentConfiguration }),
    );
    expect(state).toEqual({ healthy: true, doing: 'is in its bake time (60 min) with production traffic on the new revision' });
  });

  test('a paused hook is healthy and names the hook, its expiry and timeout action', () => {
    const state = inFlightState(
      service,
      ours,
      sd({ lifecycleStage: 'TEST_TRAFFIC_SHIFT', lifecycleHookDetails: [{ ...PAUSE, expiresAt: new Date('2026-05-04T11:00:00Z') }] }),
    );
    expect(state.healthy).toBe(true);
    expect(state.doing).toBe(
      'is paused at PAUSE hook h-pause (stage TEST_TRAFFIC_SHIFT), waiting for ContinueServiceDeployment until 2026-05-04T11:00:00.000Z, then ROLLBACK',
    );
  });

  test('no poll ever answered is not healthy and says so, not "0 of 0 new tasks running"', () => {
    expect(inFlightState(undefined, undefined, undefined)).toEqual({
      healthy: false,
      doing: 'is in an unknown state: ECS answered none of our polls',
    });
  });

  test('a bake whose alarm fired is not healthy', () => {
    const state = inFlightState(
      service,
      ours,
      sd({ lifecycleStage: 'BAKE_TIME', alarms: { status: 'TRIGGERED', triggeredAlarmNames: ['5xx'] } }),
    );
    expect(state.healthy).toBe(false);
  });

  test('a LINEAR step with every new task running is healthy; a scale-up with tasks missing is stuck', () => {
    const step = sd({
      lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT',
      targetServiceRevision: { requestedTaskCount: 4, runningTaskCount: 4, requestedProductionTrafficWeight: 30 },
    });
    expect(inFlightState(service, ours, step)).toEqual({
      healthy: true,
      doing: 'is shifting production traffic (30% on the new revision; 4 of 4 new tasks running)',
    });
    const stuck = sd({ lifecycleStage: 'SCALE_UP', targetServiceRevision: { requestedTaskCount: 4, runningTaskCount: 1 } });
    expect(inFlightState(service, ours, stuck)).toEqual({ healthy: false, doing: 'is in stage SCALE_UP (1 of 4 new tasks running)' });
  });

  test('ROLLING without a record: healthy only when every new task runs', () => {
    const rolling: Service = { serviceName: 'web' };
    expect(inFlightState(rolling, { ...ours, runningCount: 2 }, undefined)).toEqual({
      healthy: false,
      doing: 'is rolling out (2 of 4 new tasks running)',
    });
    expect(inFlightState(rolling, ours, undefined).healthy).toBe(true);
    expect(inFlightState(rolling, { ...ours, desiredCount: 0, runningCount: 0 }, undefined).healthy).toBe(false);
  });
});

test('followsStages: every strategy but ROLLING, and ROLLING with lifecycle hooks', () => {
  expect(followsStages({ deploymentConfiguration: { strategy: 'ROLLING' } })).toBe(false);
  expect(followsStages({})).toBe(false);
  for (const strategy of ['BLUE_GREEN', 'LINEAR', 'CANARY'] as const)
    expect(followsStages({ deploymentConfiguration: { strategy } })).toBe(true);
  expect(
    followsStages({ deploymentConfiguration: { lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'] }] } }),
  ).toBe(true);
});

describe("breakerThreshold: the circuit breaker's own formula", () => {
  test.each([
    [1, 3],
    [6, 3],
    [7, 4],
    [10, 5],
    [25, 13],
    [400, 200],
    [1000, 200],
  ])('BOUNDED_PERCENT 50 (the default) for %i desired tasks is %i', (desired, threshold) => {
    expect(breakerThreshold(desired)).toBe(threshold);
    expect(
      breakerThreshold(desired, { enable: true, rollback: true, thresholdConfiguration: { type: 'BOUNDED_PERCENT', value: 50 } }),
    ).toBe(threshold);
  });

  test('COUNT is the value itself; UNBOUNDED_PERCENT has no 3-to-200 bounds', () => {
    expect(breakerThreshold(10, { enable: true, rollback: false, thresholdConfiguration: { type: 'COUNT', value: 2 } })).toBe(2);
    expect(
      breakerThreshold(1000, { enable: true, rollback: false, thresholdConfiguration: { type: 'UNBOUNDED_PERCENT', value: 50 } }),
    ).toBe(500);
    expect(breakerThreshold(2, { enable: true, rollback: false, thresholdConfiguration: { type: 'UNBOUNDED_PERCENT', value: 50 } })).toBe(
      1,
    );
  });
});

test('deploymentController names every ECS strategy in log lines; CODE_DEPLOY and EXTERNAL are not the ECS kind', () => {
  const label = (strategy?: 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY') =>
    deploymentController({ deploymentConfiguration: strategy ? { strategy } : undefined }).label;
  expect([label(), label('ROLLING'), label('BLUE_GREEN'), label('LINEAR'), label('CANARY')]).toEqual([
    'rolling',
    'rolling',
    'blue/green',
    'linear',
    'canary',
  ]);
  expect(deploymentController({ deploymentController: { type: 'EXTERNAL' } }).kind).toBe('unsupported');
  expect(deploymentController({ deploymentController: { type: 'ECS' } }).kind).toBe('ecs');
});
