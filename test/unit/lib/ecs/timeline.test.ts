import { DescribeServicesCommand, type ServiceEvent } from '@aws-sdk/client-ecs';
import { watchDeployment } from '../../../../src/lib/ecs/deployment-watcher.js';
import { ServiceEventTracker } from '../../../../src/lib/ecs/service-events.js';
import { Timeline, timelineMarkdown } from '../../../../src/lib/ecs/timeline.js';
import { fakeDeps, REF, TD2 } from './fakes.js';

/**
 * The runner's clock and AWS's are different clocks: ECS times are shown as ECS gave them, in their
 * own column, and never measured against the runner's start. Here AWS's clock is an hour ahead and
 * runs 40 times faster, so any subtraction across the two would show up.
 */

const RUNNER_START = Date.UTC(2026, 4, 4, 10, 0, 0);
const ECS_START = Date.UTC(2026, 4, 4, 11, 0, 0);

function runnerClock() {
  let now = RUNNER_START;
  return { clock: { now: () => now }, tick: (seconds: number) => (now += seconds * 1000) };
}

function rows(markdown: string | undefined): string[][] {
  const lines = (markdown ?? '').split('\n').filter((line) => line.startsWith('| '));
  return lines.slice(2).map((line) =>
    line
      .slice(2, -2)
      .split(' | ')
      .map((cell) => cell.replace(/`/g, '')),
  );
}

test('ECS events are placed by their own timestamps, apart from when the runner recorded them', () => {
  const { clock, tick } = runnerClock();
  const timeline = new Timeline(clock);
  timeline.add('Registered task definition web:2');
  tick(1);
  timeline.addEcs('Updated service web; deployment ecs-svc/2 started', new Date(ECS_START));
  timeline.addEcs('(service web) has started 2 tasks.', new Date(ECS_START + 1000));
  tick(1);
  timeline.addEcs('(service web) deployment failed: tasks failed to start.', new Date(ECS_START + 34_000));
  timeline.add('Deployment ecs-svc/2 failed');

  const markdown = timelineMarkdown(timeline, RUNNER_START);
  expect(markdown).toMatch(/^### Timeline\n/);
  expect(markdown).toContain('| time | ECS time | event |');
  expect(rows(markdown)).toEqual([
    ['+0:00', '', 'Registered task definition web:2'],
    ['+0:01', '+0:00', 'Updated service web; deployment ecs-svc/2 started'],
    ['+0:01', '+0:01', '\\(service web\\) has started 2 tasks.'],
    // 34 ECS seconds after the deployment started, though the runner saw it one second later.
    ['+0:02', '+0:34', '\\(service web\\) deployment failed: tasks failed to start.'],
    ['+0:02', '', 'Deployment ecs-svc/2 failed'],
  ]);
});

test('entries stay in the order the action recorded them, even when ECS stamps one earlier', () => {
  const { clock, tick } = runnerClock();
  const timeline = new Timeline(clock);
  timeline.addEcs('(service web) deployment failed: tasks failed to start.', new Date(ECS_START + 30_000));
  tick(2);
  timeline.addEcs('Task stopped: Essential container in task exited', new Date(ECS_START + 12_000));
  expect(rows(timelineMarkdown(timeline, RUNNER_START))).toEqual([
    ['+0:00', '+0:18', '\\(service web\\) deployment failed: tasks failed to start.'],
    ['+0:02', '+0:00', 'Task stopped: Essential container in task exited'],
  ]);
});

test('without ECS timestamps there is no ECS column, and an empty timeline has no section', () => {
  const { clock, tick } = runnerClock();
  const timeline = new Timeline(clock);
  expect(timelineMarkdown(timeline, RUNNER_START)).toBeUndefined();
  tick(65);
  timeline.add('Requested: update-service');
  timeline.addEcs('Something ECS said without a time', undefined);
  const markdown = timelineMarkdown(timeline, RUNNER_START);
  expect(markdown).toContain('| time | event |');
  expect(markdown).not.toContain('ECS time');
  expect(rows(markdown)).toEqual([
    ['+1:05', 'Requested: update-service'],
    ['+1:05', 'Something ECS said without a time'],
  ]);
});

test('the watcher records each service event with the time ECS gave it, and leaves target bookkeeping out', async () => {
  const fake = fakeDeps();
  const event = (id: string, message: string, offsetSeconds: number): ServiceEvent => ({
    id,
    message: `(service web) ${message}`,
    createdAt: new Date(ECS_START + offsetSeconds * 1000),
  });
  const started = event('e1', 'has started 2 tasks: (task a) (task b).', 0);
  const registered = event('e2', 'registered 2 targets in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/1)', 12);
  const steady = event('e3', 'has reached a steady state.', 34);
  const deployment = { id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: TD2, desiredCount: 2, runningCount: 2 };
  fake.mocks.ecs
    .on(DescribeServicesCommand)
    .resolvesOnce({ services: [{ serviceName: 'web', deployments: [{ ...deployment, rolloutState: 'IN_PROGRESS' }], events: [started] }] })
    .resolves({
      services: [
        { serviceName: 'web', deployments: [{ ...deployment, rolloutState: 'COMPLETED' }], events: [steady, registered, started] },
      ],
    });
  const timeline = new Timeline(fake.deps.clock);
  const result = await watchDeployment(
    {
      ref: REF,
      deploymentId: 'ecs-svc/2',
      taskDefinitionArn: TD2,
      pollIntervalMs: 1000,
      deadline: fake.deps.clock.now() + 60_000,
      failFast: true,
      until: 'verdict',
      events: new ServiceEventTracker(),
      seenTasks: new Set(),
      timeline,
    },
    fake.deps,
  );
  expect(result.verdict).toEqual({ state: 'succeeded' });
  expect(timeline.entries).toEqual([
    // The first poll runs at once, the second one 1 s interval later.
    { text: started.message, recordedAt: RUNNER_START, ecsAt: ECS_START },
    { text: steady.message, recordedAt: RUNNER_START + 1000, ecsAt: ECS_START + 34_000 },
  ]);
  // The log still shows every event once, with ECS's own time.
  const registrations = fake.lines.filter((line) => line.text.includes('registered 2 targets'));
  expect(registrations.map((line) => line.text)).toEqual([`2026-05-04T11:00:12Z ${registered.message}`]);
});
