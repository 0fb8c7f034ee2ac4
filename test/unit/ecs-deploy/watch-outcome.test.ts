import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ListTasksCommand,
  StopServiceDeploymentCommand,
  type Service,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { DeployRecord } from '../../../src/ecs-deploy/deploy-record.js';
import type { EcsDeployInputs } from '../../../src/ecs-deploy/inputs.js';
import { settleWatch } from '../../../src/ecs-deploy/watch-outcome.js';
import type { WatchResult } from '../../../src/lib/ecs/deployment-watcher.js';
import { ServiceEventTracker } from '../../../src/lib/ecs/service-events.js';
import { fakeDeps, REF, SD_ARN, TD1, TD2 } from '../lib/ecs/fakes.js';

/** The timeout rule: a deployment ECS reports healthy is left to ECS unless on-timeout says rollback; a stuck one is rolled back. */

const CONFIG = { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 60 } as const;
const service = (running: number): Service => ({
  serviceName: 'web',
  status: 'ACTIVE',
  deploymentConfiguration: CONFIG,
  deployments: [
    { id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: TD2, rolloutState: 'IN_PROGRESS', desiredCount: 2, runningCount: running },
  ],
});
const record = (extra: Partial<ServiceDeployment>): ServiceDeployment => ({
  serviceDeploymentArn: SD_ARN,
  status: 'IN_PROGRESS',
  deploymentConfiguration: CONFIG,
  targetServiceRevision: { arn: 'rev/2', requestedTaskCount: 2, runningTaskCount: 2 },
  ...extra,
});

function setUp(onTimeout: 'leave' | 'rollback', watch: WatchResult) {
  const fake = fakeDeps();
  const inputs = {
    waitMs: 60_000,
    pollIntervalMs: 10_000,
    rollbackOnFailure: true,
    waitUntil: { goal: 'completed', onTimeout },
  } as unknown as EcsDeployInputs;
  const rec = new DeployRecord(fake.deps.clock);
  rec.previousTaskDefinitionArn = TD1;
  rec.serviceDeploymentArn = SD_ARN;
  const target = { deploymentId: 'ecs-svc/2', serviceDeploymentArn: SD_ARN, taskDefinitionArn: TD2, containerDefinitions: [] };
  const base = {
    ref: REF,
    pollIntervalMs: 10_000,
    events: new ServiceEventTracker(),
    seenTasks: new Set<string>(),
    timeline: rec.timeline,
  };
  const context = { inputs, ref: REF, target, base, record: rec, deadline: fake.deps.clock.now() + 60_000 };
  return { fake, rec, run: () => settleWatch(watch, context, fake.deps) };
}

const timedOut = (svc: Service, sd: ServiceDeployment): WatchResult => ({
  verdict: { state: 'timed-out' },
  service: svc,
  serviceDeployment: sd,
  stoppedTasks: [],
  polls: 6,
});

test('a bake longer than the wait: timed-out, what ECS does is said, nothing is rolled back', async () => {
  const { fake, rec, run } = setUp('leave', timedOut(service(2), record({ lifecycleStage: 'BAKE_TIME' })));
  expect(await run()).toBe(false);
  expect(rec.status).toBe('timed-out');
  expect(rec.reason).toMatch(
    /^Deployment ecs-svc\/2 of service web did not finish within wait-for-minutes \(1 min\), but ECS reports it healthy: it is in its bake time \(60 min\) with production traffic on the new revision\. It is left to ECS, not rolled back \(on-timeout: leave\)/,
  );
  expect(fake.mocks.ecs.calls()).toHaveLength(0);
});

test('on-timeout: rollback stops the healthy deployment with a rollback and follows it', async () => {
  const { fake, rec, run } = setUp('rollback', timedOut(service(2), record({ lifecycleStage: 'BAKE_TIME' })));
  fake.mocks.ecs.on(StopServiceDeploymentCommand).resolves({ serviceDeploymentArn: SD_ARN });
  fake.mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [] });
  fake.mocks.ecs.on(DescribeServicesCommand).resolves({
    services: [{ ...service(0), deployments: [{ id: 'ecs-svc/1', status: 'PRIMARY', taskDefinition: TD1, rolloutState: 'COMPLETED' }] }],
  });
  fake.mocks.ecs.on(DescribeServiceDeploymentsCommand).resolves({ serviceDeployments: [record({ status: 'ROLLBACK_SUCCESSFUL' })] });
  await run();
  expect(fake.mocks.ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(1);
  expect(rec.status).toBe('timed-out');
  expect(rec.reason).toMatch(
    /timed out: ECS did not finish the deployment within wait-for-minutes \(1 min\); it is in its bake time \(60 min\)/,
  );
  expect(rec.reason).toMatch(/Rolled back: service web runs web:1 again$/);
});

test('a stuck rollout (new tasks not running) is rolled back as before, saying so', async () => {
  const { fake, rec, run } = setUp(
    'leave',
    timedOut(service(0), record({ lifecycleStage: 'SCALE_UP', targetServiceRevision: { requestedTaskCount: 2, runningTaskCount: 0 } })),
  );
  fake.mocks.ecs.on(StopServiceDeploymentCommand).resolves({ serviceDeploymentArn: SD_ARN });
  fake.mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [] });
  fake.mocks.ecs.on(DescribeServicesCommand).resolves({ services: [service(0)] });
  fake.mocks.ecs.on(DescribeServiceDeploymentsCommand).resolves({ serviceDeployments: [record({ status: 'ROLLBACK_SUCCESSFUL' })] });
  await run();
  expect(fake.mocks.ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(1);
  expect(rec.reason).toMatch(/; it is in stage SCALE_UP \(0 of 2 new tasks running\)/);
});

test('wait-until paused: status paused with the hook id, nothing else done', async () => {
  const hook = { hookId: 'h-9', targetType: 'PAUSE', status: 'AWAITING_ACTION', timeoutAction: 'ROLLBACK' } as const;
  const watch: WatchResult = {
    verdict: { state: 'goal-reached', goal: 'paused', hook, stage: 'POST_TEST_TRAFFIC_SHIFT' },
    service: service(2),
    stoppedTasks: [],
    polls: 3,
  };
  const { fake, rec, run } = setUp('leave', watch);
  expect(await run()).toBe(false);
  expect(rec.status).toBe('paused');
  expect(rec.hookId).toBe('h-9');
  expect(fake.text()).toContain('is paused at PAUSE hook h-9 (stage POST_TEST_TRAFFIC_SHIFT)');
  expect(fake.mocks.ecs.calls()).toHaveLength(0);
});
