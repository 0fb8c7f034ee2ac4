import { ContinueServiceDeploymentCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { startSandbox } from '../../sandbox/index.js';
import type { DeploymentConfigurationInput } from '../../sandbox/ecs/strategy-admin.js';
import { clientsFor } from './helpers.js';
import {
  advanceUntil,
  awaitingHook,
  deploy,
  finished,
  LAMBDA,
  primaryDeployment,
  settledService,
  type StrategyRig,
} from './strategy-helpers.js';

/** Lambda and PAUSE lifecycle hooks, for every strategy that runs them, through the real ECS client. */

let rig: StrategyRig;

beforeEach(async () => {
  const sandbox = await startSandbox({ timeScale: 1, seed: 15 });
  rig = { sandbox, clients: clientsFor(sandbox) };
});
afterEach(async () => {
  await rig.sandbox.stop();
});

const STRATEGIES: [string, DeploymentConfigurationInput][] = [
  ['BLUE_GREEN', { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 }],
  ['LINEAR', { strategy: 'LINEAR', bakeTimeInMinutes: 1, linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 1 } }],
  ['CANARY', { strategy: 'CANARY', bakeTimeInMinutes: 1, canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 1 } }],
];

const pauseAt = (
  stage: 'POST_TEST_TRAFFIC_SHIFT' | 'POST_SCALE_UP',
  timeoutInMinutes = 30,
  action: 'CONTINUE' | 'ROLLBACK' = 'ROLLBACK',
) => ({
  targetType: 'PAUSE' as const,
  lifecycleStages: [stage],
  timeoutConfiguration: { timeoutInMinutes, action },
});

const continueHook = (arn: string, hookId: string, action?: 'CONTINUE' | 'ROLLBACK') =>
  rig.clients.ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId, ...(action ? { action } : {}) }));

describe.each(STRATEGIES)('%s', (_name, configuration) => {
  test('a Lambda hook answering FAILED rolls back to blue, naming the hook and its reason', async () => {
    const td1 = await settledService(rig, {
      ...configuration,
      lifecycleHooks: [{ targetType: 'AWS_LAMBDA', hookTargetArn: LAMBDA, lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
    });
    rig.sandbox.admin.setLifecycleHookBehavior(LAMBDA, ['IN_PROGRESS', 'FAILED'], { reason: 'smoke test got 500' });
    const arn = await deploy(rig, 'app:2');
    let sawInProgress = false;
    const sd = await advanceUntil(rig, arn, 'the rollback', finished, {
      seen: (view) => (sawInProgress ||= view.lifecycleHookDetails?.[0]?.status === 'IN_PROGRESS'),
    });
    expect(sawInProgress).toBe(true);
    expect(sd).toMatchObject({ status: 'ROLLBACK_SUCCESSFUL', lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT' });
    expect(sd.lifecycleHookDetails).toEqual([expect.objectContaining({ targetType: 'AWS_LAMBDA', targetArn: LAMBDA, status: 'FAILED' })]);
    expect(sd.rollback?.reason).toBe(`Lifecycle hook ${LAMBDA} at POST_TEST_TRAFFIC_SHIFT returned FAILED: smoke test got 500.`);
    expect(await primaryDeployment(rig)).toMatchObject({ taskDefinition: td1, rolloutState: 'COMPLETED' });
  });

  test('a PAUSE hook waits in AWAITING_ACTION until ContinueServiceDeployment CONTINUE', async () => {
    await settledService(rig, { ...configuration, lifecycleHooks: [pauseAt('POST_TEST_TRAFFIC_SHIFT')] });
    const arn = await deploy(rig, 'app:2');
    const paused = await advanceUntil(rig, arn, 'the pause', (sd) => awaitingHook(sd) !== undefined);
    const hook = awaitingHook(paused);
    expect(hook).toMatchObject({ targetType: 'PAUSE', timeoutAction: 'ROLLBACK', hookId: expect.stringMatching(/^ecs-pause-/) });
    expect(hook?.targetArn).toBeUndefined();
    expect((hook?.expiresAt?.getTime() ?? 0) - rig.sandbox.admin.clock.now()).toBeGreaterThan(29 * 60_000);
    // It stays paused however long nobody acts (short of the timeout).
    rig.sandbox.admin.advance(20 * 60_000);
    const still = await advanceUntil(rig, arn, 'the pause', (sd) => awaitingHook(sd) !== undefined, { maxMs: 0 });
    expect(still).toMatchObject({ status: 'IN_PROGRESS', lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT' });
    expect(still.targetServiceRevision?.requestedTestTrafficWeight).toBe(100);
    expect(still.targetServiceRevision?.requestedProductionTrafficWeight).toBe(0);
    await continueHook(arn, hook?.hookId ?? '');
    const sd = await advanceUntil(rig, arn, 'the deployment to finish', finished);
    expect(sd.status).toBe('SUCCESSFUL');
  });

  test('a PAUSE hook and ContinueServiceDeployment ROLLBACK', async () => {
    await settledService(rig, { ...configuration, lifecycleHooks: [pauseAt('POST_SCALE_UP')] });
    const arn = await deploy(rig, 'app:2');
    const hook = awaitingHook(await advanceUntil(rig, arn, 'the pause', (sd) => awaitingHook(sd) !== undefined));
    await continueHook(arn, hook?.hookId ?? '', 'ROLLBACK');
    const sd = await advanceUntil(rig, arn, 'the rollback', finished);
    expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(sd.rollback?.reason).toMatch(
      new RegExp(`PAUSE hook ${hook?.hookId} at POST_SCALE_UP: ContinueServiceDeployment asked for a rollback`),
    );
  });

  test('a PAUSE hook nobody acts on takes its timeout action: ROLLBACK, or CONTINUE', async () => {
    await settledService(rig, { ...configuration, lifecycleHooks: [pauseAt('POST_SCALE_UP', 3, 'ROLLBACK')] });
    const arn = await deploy(rig, 'app:2');
    await advanceUntil(rig, arn, 'the pause', (sd) => awaitingHook(sd) !== undefined);
    const sd = await advanceUntil(rig, arn, 'the timeout', finished, { maxMs: 10 * 60_000 });
    expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(sd.lifecycleHookDetails?.[0]?.status).toBe('TIMED_OUT');
    expect(sd.rollback?.reason).toMatch(/timed out after 3 minutes; timeout action ROLLBACK/);

    await rig.clients.ecs.send(
      new UpdateServiceCommand({
        cluster: 'prod',
        service: 'web',
        deploymentConfiguration: { lifecycleHooks: [pauseAt('POST_SCALE_UP', 2, 'CONTINUE')] },
      }),
    );
    const second = await deploy(rig, 'app:3');
    const ended = await advanceUntil(rig, second, 'the deployment past its timed-out pause', finished, { maxMs: 30 * 60_000 });
    expect(ended.status).toBe('SUCCESSFUL');
  });
});

test('LINEAR runs a PRODUCTION_TRAFFIC_SHIFT Lambda hook at every traffic step', async () => {
  await settledService(rig, {
    strategy: 'LINEAR',
    bakeTimeInMinutes: 0,
    linearConfiguration: { stepPercent: 34, stepBakeTimeInMinutes: 1 },
    lifecycleHooks: [{ hookTargetArn: LAMBDA, lifecycleStages: ['PRODUCTION_TRAFFIC_SHIFT'] }],
  });
  const arn = await deploy(rig, 'app:2');
  const hookIds = new Set<string>();
  const sd = await advanceUntil(rig, arn, 'the deployment to finish', finished, {
    seen: (view) => view.lifecycleHookDetails?.forEach((h) => hookIds.add(h.hookId ?? '')),
  });
  expect(sd.status).toBe('SUCCESSFUL');
  expect(hookIds.size).toBe(3); // 34, 68, 100
});

test('ContinueServiceDeployment refuses an unknown hook, a Lambda hook and a hook no longer waiting', async () => {
  await settledService(rig, {
    strategy: 'BLUE_GREEN',
    bakeTimeInMinutes: 0,
    lifecycleHooks: [{ hookTargetArn: LAMBDA, lifecycleStages: ['PRE_SCALE_UP'] }, pauseAt('POST_SCALE_UP')],
  });
  rig.sandbox.admin.setLifecycleHookBehavior(LAMBDA, 'IN_PROGRESS');
  const arn = await deploy(rig, 'app:2');
  const lambda = await advanceUntil(rig, arn, 'the Lambda hook', (sd) => sd.lifecycleHookDetails?.[0]?.status === 'IN_PROGRESS');
  await expect(continueHook(arn, lambda.lifecycleHookDetails?.[0]?.hookId ?? '')).rejects.toMatchObject({
    name: 'InvalidParameterException',
    message: expect.stringMatching(/not a PAUSE hook/),
  });
  await expect(continueHook(arn, 'ecs-pause-nope')).rejects.toMatchObject({
    name: 'InvalidParameterException',
    message: expect.stringMatching(/was not found/),
  });
  await expect(continueHook(`${arn}x`, 'ecs-pause-nope')).rejects.toMatchObject({ name: 'ServiceDeploymentNotFoundException' });
  rig.sandbox.admin.setLifecycleHookBehavior(LAMBDA, 'SUCCEEDED');
  const hook = awaitingHook(await advanceUntil(rig, arn, 'the pause', (sd) => awaitingHook(sd) !== undefined));
  await continueHook(arn, hook?.hookId ?? '', 'CONTINUE');
  await expect(continueHook(arn, hook?.hookId ?? '')).rejects.toMatchObject({
    message: expect.stringMatching(/in status SUCCEEDED, not AWAITING_ACTION/),
  });
  expect((await advanceUntil(rig, arn, 'the deployment to finish', finished)).status).toBe('SUCCESSFUL');
});
