import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  type Deployment,
  type Service,
  type ServiceEvent,
} from '@aws-sdk/client-ecs';
import { watchDeployment } from '../../../../src/lib/ecs/deployment-watcher.js';
import { fakeDeps, SD_ARN, stoppedTasksOfNewRevision, TD1, TD2, watchRequest } from './fakes.js';

/**
 * Issue 17's call budget, pinned at the watcher: a healthy rolling deployment costs one DescribeServices
 * per poll and nothing else, so N polls stay within ceil(1.2 · N) ECS calls even with the
 * service-deployment ARN known, a circuit breaker and alarms configured, and every event a real
 * rollout prints (the whole run's budget, select to images, is measured by bench/deploy).
 */

const OLD = 'ecs-svc/1';
const NEW = 'ecs-svc/2';
const BUDGET = 1.2;

const at = (second: number) => new Date(Date.UTC(2026, 4, 4, 10, 0, second));
const event = (id: number, message: string): ServiceEvent => ({ id: `e${id}`, message: `(service web) ${message}`, createdAt: at(id) });

/** A 4-task rolling deployment, as DescribeServices shows it at poll `poll` of `total`: tasks start, old ones drain, then COMPLETED. */
function rollingAt(poll: number, total: number): Service {
  const running = Math.min(4, Math.max(0, poll - 3));
  const done = poll >= total;
  const deployments: Deployment[] = [
    {
      id: NEW,
      status: 'PRIMARY',
      taskDefinition: TD2,
      rolloutState: done ? 'COMPLETED' : 'IN_PROGRESS',
      desiredCount: 4,
      runningCount: running,
      pendingCount: 4 - running,
      failedTasks: 0,
    },
    // The old deployment drains and leaves deployments[] two polls before the end: a change that is no verdict.
    ...(poll < total - 2
      ? [{ id: OLD, status: 'ACTIVE', taskDefinition: TD1, rolloutState: 'COMPLETED' as const, runningCount: 4 - running }]
      : []),
  ];
  const events = [
    event(1, 'has started 4 tasks: (task a) (task b) (task c) (task d).'),
    ...(poll >= 5 ? [event(5, 'registered 2 targets in (target-group web)')] : []),
    ...(poll >= 7
      ? [event(7, 'has stopped 2 running tasks: (task o1) (task o2).'), event(8, 'has begun draining connections on 2 tasks.')]
      : []),
    ...(done ? [event(99, `(deployment ${NEW}) deployment completed.`), event(100, 'has reached a steady state.')] : []),
  ].reverse();
  return {
    serviceName: 'web',
    status: 'ACTIVE',
    desiredCount: 4,
    deployments,
    events,
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback: true },
      alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true },
    },
  };
}

test.each([6, 12, 30])(
  'a healthy rolling watch of %i polls makes at most ceil(1.2 · polls) ECS calls: one DescribeServices per poll',
  async (total) => {
    const fake = fakeDeps();
    let poll = 0;
    fake.mocks.ecs.on(DescribeServicesCommand).callsFake(() => ({ services: [rollingAt(++poll, total)] }));
    fake.mocks.ecs
      .on(DescribeServiceDeploymentsCommand)
      // Read only by the safety-net refresh every 30 polls, and then as ECS has it.
      .callsFake(() => ({ serviceDeployments: [{ serviceDeploymentArn: SD_ARN, status: poll >= total ? 'SUCCESSFUL' : 'IN_PROGRESS' }] }));
    const started = fake.deps.clock.now();
    const result = await watchDeployment(
      watchRequest(fake.deps, { serviceDeploymentArn: SD_ARN, firstPollAfterInterval: true }),
      fake.deps,
    );
    expect(result.verdict).toEqual({ state: 'succeeded' });
    expect(result.polls).toBe(total);
    const calls = fake.mocks.ecs.calls().length;
    expect(calls).toBeLessThanOrEqual(Math.ceil(BUDGET * total));
    expect(fake.mocks.ecs.commandCalls(DescribeServicesCommand)).toHaveLength(total);
    // Beyond the polls, only the safety-net read of the service-deployment record every 30 polls.
    expect(calls - total).toBe(Math.floor(total / 30));
    // The first poll comes one interval after UpdateService answered; the verdict at the poll that saw COMPLETED.
    expect(fake.deps.clock.now() - started).toBe(total * 10_000);
  },
);

test('with the breaker on and ECS still counting, stopped tasks are looked up at the first failure and at ECS’s verdict only', async () => {
  const fake = fakeDeps();
  let poll = 0;
  // Tasks keep failing to start (nothing of ours ever runs): failedTasks rises each poll until ECS's breaker trips at poll 6.
  fake.mocks.ecs.on(DescribeServicesCommand).callsFake(() => {
    poll += 1;
    const tripped = poll >= 6;
    const service = rollingAt(1, 100);
    const ours = service.deployments?.[0] as Deployment;
    Object.assign(ours, {
      failedTasks: Math.max(0, poll - 1),
      ...(tripped ? { rolloutState: 'FAILED', rolloutStateReason: 'circuit breaker' } : {}),
    });
    return { services: [service] };
  });
  fake.mocks.ecs.on(DescribeServiceDeploymentsCommand).callsFake(() => ({
    serviceDeployments: [
      poll >= 6
        ? { serviceDeploymentArn: SD_ARN, status: 'ROLLBACK_IN_PROGRESS', rollback: { reason: 'circuit breaker' } }
        : { serviceDeploymentArn: SD_ARN, status: 'IN_PROGRESS' },
    ],
  }));
  stoppedTasksOfNewRevision(
    fake,
    () => Array.from({ length: Math.max(0, poll - 1) }, (_, i) => `arn:aws:ecs:us-east-1:123456789012:task/prod/t${i}`),
    'Essential container in task exited',
  );
  const result = await watchDeployment(watchRequest(fake.deps, { serviceDeploymentArn: SD_ARN }), fake.deps);
  expect(result.verdict).toMatchObject({ state: 'failed', reason: 'circuit breaker' });
  expect(result.polls).toBe(6);
  expect(fake.mocks.ecs.commandCalls(ListTasksCommand)).toHaveLength(2);
  // Each stopped task described once: the verdict's lookup describes only the ones the first did not.
  const described = fake.mocks.ecs.commandCalls(DescribeTasksCommand).flatMap((call) => call.args[0].input.tasks ?? []);
  expect(described).toHaveLength(new Set(described).size);
  expect(result.stoppedTasks).toHaveLength(5);
});
