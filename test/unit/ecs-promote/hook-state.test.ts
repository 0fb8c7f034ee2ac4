import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import { awaitingHooks, explainHook, notPausedReason } from '../../../src/ecs-promote/hook-state.js';

/** How a hook that stopped waiting is explained: what ECS did, when, and where the deployment is now. */

const EXPIRED = new Date(Date.UTC(2026, 4, 4, 12, 0));
const deployment = (extra: Partial<ServiceDeployment>): ServiceDeployment => ({
  serviceDeploymentArn: 'sd/1',
  status: 'IN_PROGRESS',
  lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
  ...extra,
});

test('a hook that timed out with ROLLBACK: when, and that ECS rolled back, with its reason', () => {
  const sd = deployment({ status: 'ROLLBACK_SUCCESSFUL', rollback: { reason: 'PAUSE hook h1 at POST_TEST_TRAFFIC_SHIFT timed out.' } });
  expect(explainHook({ hookId: 'h1', targetType: 'PAUSE', status: 'TIMED_OUT', expiresAt: EXPIRED, timeoutAction: 'ROLLBACK' }, sd)).toBe(
    'the PAUSE hook h1 at stage POST_TEST_TRAFFIC_SHIFT timed out at 2026-05-04T12:00:00.000Z and ECS rolled the deployment back, its timeout action ' +
      '(the deployment is now ROLLBACK_SUCCESSFUL: PAUSE hook h1 at POST_TEST_TRAFFIC_SHIFT timed out.)',
  );
});

test('a hook that timed out with CONTINUE: ECS continued', () => {
  const sd = deployment({ status: 'SUCCESSFUL', lifecycleStage: 'CLEAN_UP' });
  expect(
    explainHook({ hookId: 'h1', targetType: 'PAUSE', status: 'TIMED_OUT', expiresAt: EXPIRED, timeoutAction: 'CONTINUE' }, sd),
  ).toMatch(
    /timed out at 2026-05-04T12:00:00\.000Z and ECS continued the deployment, its timeout action \(the deployment is now SUCCESSFUL\)$/,
  );
});

test('a hook someone already decided on', () => {
  expect(explainHook({ hookId: 'h1', targetType: 'PAUSE', status: 'SUCCEEDED' }, deployment({}))).toBe(
    'the PAUSE hook h1 at stage POST_TEST_TRAFFIC_SHIFT was already continued (the deployment is now IN_PROGRESS at stage POST_TEST_TRAFFIC_SHIFT)',
  );
  expect(explainHook({ hookId: 'h1', targetType: 'PAUSE', status: 'FAILED' }, deployment({ status: 'ROLLBACK_IN_PROGRESS' }))).toMatch(
    /was already answered with a rollback \(the deployment is now ROLLBACK_IN_PROGRESS\)$/,
  );
});

test('only PAUSE hooks in AWAITING_ACTION await a decision; Lambda hooks in progress do not', () => {
  const sd = deployment({
    lifecycleHookDetails: [
      { hookId: 'l1', targetType: 'AWS_LAMBDA', status: 'IN_PROGRESS' },
      { hookId: 'p1', targetType: 'PAUSE', status: 'AWAITING_ACTION' },
      { hookId: 'p0', targetType: 'PAUSE', status: 'SUCCEEDED' },
    ],
  });
  expect(awaitingHooks([sd]).map(({ hook }) => hook.hookId)).toEqual(['p1']);
});

test('a deployment in progress that is not paused says where it is', () => {
  expect(notPausedReason(deployment({ lifecycleStage: 'SCALE_UP' }))).toBe(
    'it is IN_PROGRESS at stage SCALE_UP, not waiting at a PAUSE hook',
  );
});
