import { CreateServiceCommand, UpdateServiceCommand, type ServiceDeployment } from '@aws-sdk/client-ecs';
import { startSandbox } from '../../sandbox/index.js';
import type { DeploymentConfigurationInput } from '../../sandbox/ecs/strategy-admin.js';
import { clientsFor, NETWORK } from './helpers.js';
import {
  advanceUntil,
  deploy,
  finished,
  primaryDeployment,
  registerTd,
  settledService,
  STAGED_LIFECYCLE_STAGES,
  type StrategyRig,
} from './strategy-helpers.js';

/** LINEAR and CANARY move production traffic in steps with bakes between; every staged strategy checks its set-up as ECS does. */

let rig: StrategyRig;

beforeEach(async () => {
  const sandbox = await startSandbox({ timeScale: 1, seed: 14 });
  rig = { sandbox, clients: clientsFor(sandbox) };
});
afterEach(async () => {
  await rig.sandbox.stop();
});

/** The production weights of the target revision as they changed (with the sandbox time each was first seen), and the stages in order. */
function recorder() {
  const weights: number[] = [];
  const stages: string[] = [];
  const firstSeen = new Map<number, number>();
  return {
    weights,
    stages,
    seen(sd: ServiceDeployment) {
      const w = sd.targetServiceRevision?.requestedProductionTrafficWeight;
      if (w !== undefined && weights.at(-1) !== w) weights.push(w);
      if (w !== undefined && !firstSeen.has(w)) firstSeen.set(w, rig.sandbox.admin.clock.now());
      if (sd.lifecycleStage && stages.at(-1) !== sd.lifecycleStage) stages.push(sd.lifecycleStage);
    },
    /** Sandbox ms from the first view with production weight `from` to the first with `to`. */
    between(from: number, to: number): number {
      const start = firstSeen.get(from);
      const end = firstSeen.get(to);
      if (start === undefined || end === undefined) throw new Error(`weights ${from} and ${to} were not both seen: ${weights.join(', ')}`);
      return end - start;
    },
  };
}

test('LINEAR shifts production traffic in stepPercent steps with a step bake between, then bakes and cleans up', async () => {
  await settledService(rig, {
    strategy: 'LINEAR',
    bakeTimeInMinutes: 1,
    linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 2 },
  });
  const arn = await deploy(rig, 'app:2');
  const seen = recorder();
  const sd = await advanceUntil(rig, arn, 'the linear deployment to finish', finished, { seen: seen.seen });
  expect(sd.status).toBe('SUCCESSFUL');
  expect(seen.weights).toEqual([0, 25, 50, 75, 100]);
  // Three step bakes of 2 minutes (none after 100%), plus the shifts themselves.
  expect(seen.between(25, 100)).toBeGreaterThanOrEqual(3 * 120_000);
  expect(seen.between(25, 100)).toBeLessThan(3 * 120_000 + 60_000);
  expect(seen.stages).toEqual(STAGED_LIFECYCLE_STAGES);
  expect(sd.sourceServiceRevisions?.[0]?.requestedProductionTrafficWeight).toBe(0);
  expect(sd.deploymentConfiguration?.linearConfiguration).toEqual({ stepPercent: 25, stepBakeTimeInMinutes: 2 });
  expect(await primaryDeployment(rig)).toMatchObject({ rolloutState: 'COMPLETED', runningCount: 2 });
});

test('CANARY shifts canaryPercent, bakes canaryBakeTimeInMinutes, then shifts the rest', async () => {
  await settledService(rig, {
    strategy: 'CANARY',
    canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 3 },
  });
  const arn = await deploy(rig, 'app:2');
  const seen = recorder();
  const sd = await advanceUntil(rig, arn, 'the canary deployment to finish', finished, { seen: seen.seen });
  expect(sd.status).toBe('SUCCESSFUL');
  expect(seen.weights).toEqual([0, 10, 100]);
  expect(seen.between(10, 100)).toBeGreaterThanOrEqual(180_000);
  // No bakeTimeInMinutes given: the deployment bake is 0 for CANARY, and the documented defaults fill the rest.
  expect(sd.deploymentConfiguration).toMatchObject({
    strategy: 'CANARY',
    canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 3 },
  });
});

test.each<[string, DeploymentConfigurationInput]>([
  ['BLUE_GREEN', { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 }],
  ['LINEAR', { strategy: 'LINEAR', bakeTimeInMinutes: 5, linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 1 } }],
  ['CANARY', { strategy: 'CANARY', bakeTimeInMinutes: 5, canaryConfiguration: { canaryPercent: 5, canaryBakeTimeInMinutes: 1 } }],
])('%s: an alarm going off during BAKE_TIME rolls back to blue, whose tasks never stopped', async (_name, configuration) => {
  const td1 = await settledService(rig, { ...configuration, alarms: { alarmNames: ['5xx'], enable: true, rollback: true } });
  const arn = await deploy(rig, 'app:2');
  await advanceUntil(rig, arn, 'BAKE_TIME', (sd) => sd.lifecycleStage === 'BAKE_TIME', { stepMs: 2000 });
  rig.sandbox.admin.setAlarmState('5xx', 'ALARM');
  const sd = await advanceUntil(rig, arn, 'the rollback', finished, { stepMs: 2000 });
  expect(sd).toMatchObject({
    status: 'ROLLBACK_SUCCESSFUL',
    lifecycleStage: 'BAKE_TIME',
    alarms: { status: 'TRIGGERED', triggeredAlarmNames: ['5xx'] },
  });
  expect(sd.rollback?.reason).toMatch(/alarm\(s\) 5xx went into ALARM/);
  expect(sd.targetServiceRevision?.requestedProductionTrafficWeight).toBe(0);
  expect(await primaryDeployment(rig)).toMatchObject({ taskDefinition: td1, rolloutState: 'COMPLETED' });
});

describe('ECS refuses a staged set-up it cannot run', () => {
  async function create(configuration: Record<string, unknown>, advanced = false) {
    const td = await registerTd(rig, 'app:1');
    const targetGroupArn = rig.sandbox.admin.createTargetGroup({ name: 'web', port: 8080 });
    const alternate = rig.sandbox.admin.createTargetGroup({ name: 'web-green', port: 8080 });
    rig.sandbox.admin.createCluster('prod');
    const advancedConfiguration = {
      alternateTargetGroupArn: alternate,
      productionListenerRule:
        'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee',
      roleArn: 'arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers',
    };
    return rig.clients.ecs.send(
      new CreateServiceCommand({
        cluster: 'prod',
        serviceName: 'web',
        taskDefinition: td,
        desiredCount: 1,
        networkConfiguration: NETWORK,
        loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 8080, ...(advanced ? { advancedConfiguration } : {}) }],
        deploymentConfiguration: configuration,
      }),
    );
  }

  test('BLUE_GREEN without bakeTimeInMinutes', async () => {
    await expect(create({ strategy: 'BLUE_GREEN' }, true)).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/bakeTimeInMinutes is required .*BLUE_GREEN/),
    });
  });

  test('a load balancer without advancedConfiguration, then the same with it', async () => {
    await expect(create({ strategy: 'LINEAR' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/advancedConfiguration is required for the LINEAR/),
    });
    const created = await create({ strategy: 'LINEAR' }, true);
    expect(created.service?.deploymentConfiguration).toMatchObject({
      strategy: 'LINEAR',
      linearConfiguration: { stepPercent: 10, stepBakeTimeInMinutes: 6 },
    });
    expect(created.service?.loadBalancers?.[0]?.advancedConfiguration?.roleArn).toMatch(/role\/ecsInfrastructureRoleForLoadBalancers$/);
  });

  test('a PAUSE hook at PRODUCTION_TRAFFIC_SHIFT, a stepPercent off the 0.1 grid, an unknown threshold type', async () => {
    const pause = { targetType: 'PAUSE', lifecycleStages: ['PRODUCTION_TRAFFIC_SHIFT'] };
    await expect(create({ strategy: 'CANARY', lifecycleHooks: [pause] }, true)).rejects.toMatchObject({
      message: expect.stringMatching(/PAUSE hooks cannot be configured at PRODUCTION_TRAFFIC_SHIFT/),
    });
    await expect(create({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 12.34 } }, true)).rejects.toMatchObject({
      message: expect.stringMatching(/stepPercent must be a multiple of 0.1 from 3 to 100/),
    });
    const breaker = { enable: true, rollback: true, thresholdConfiguration: { type: 'PERCENT', value: 10 } };
    await expect(create({ deploymentCircuitBreaker: breaker })).rejects.toMatchObject({
      message: expect.stringMatching(/thresholdConfiguration.type must be COUNT, BOUNDED_PERCENT or UNBOUNDED_PERCENT/),
    });
  });

  test('UpdateService to a staged strategy on a service whose load balancer has no advancedConfiguration leaves the service as it was', async () => {
    await settledService(rig, { strategy: 'ROLLING' });
    await expect(
      rig.clients.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', deploymentConfiguration: { strategy: 'CANARY' } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    expect(rig.sandbox.admin.ecs.services.get('prod/web')?.deploymentConfiguration.strategy).toBe('ROLLING');
  });
});
