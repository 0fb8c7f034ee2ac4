import type { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { DescribeTasksCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { backoffMs, ClockedRetryStrategy } from '../../../../src/lib/clocked-retry-strategy.js';
import type { EcsDeps } from '../../../../src/lib/ecs/deps.js';
import { describeServicesBatch } from '../../../../src/lib/ecs/service-batch-poller.js';
import { describeTasks, listTaskArns } from '../../../../src/lib/ecs/stopped-tasks.js';

/** Lookups that must stay within ECS's per-call limits at any size, and the retry back-off slept on the injected clock. */

function depsAnswering(answer: (command: unknown) => unknown): { deps: EcsDeps; sent: unknown[] } {
  const sent: unknown[] = [];
  const send = (command: unknown) => {
    sent.push(command);
    return Promise.resolve(answer(command));
  };
  const log = { info: () => undefined, warning: () => undefined, error: () => undefined };
  const deps = { ecs: { send }, elbv2: { send }, logs: { send }, clock: { now: () => 0, sleep: () => Promise.resolve() }, log };
  return { deps: deps as unknown as EcsDeps, sent };
}

test('25 services are described in calls of at most 10, missing ones mapped to undefined', async () => {
  const names = Array.from({ length: 25 }, (_, i) => `svc-${i}`);
  const { deps, sent } = depsAnswering((command) => {
    const asked = (command as DescribeServicesCommand).input.services ?? [];
    return { services: asked.filter((n) => n !== 'svc-7').map((serviceName) => ({ serviceName, status: 'ACTIVE' })) };
  });
  const found = await describeServicesBatch('prod', names, deps);
  expect(sent.map((c) => (c as DescribeServicesCommand).input.services?.length)).toEqual([10, 10, 5]);
  expect(found.get('svc-7')).toBeUndefined();
  expect(found.get('svc-24')?.serviceName).toBe('svc-24');
});

test('ListTasks follows every page and DescribeTasks takes 100 at a time', async () => {
  const all = Array.from({ length: 230 }, (_, i) => `arn:aws:ecs:us-east-1:1:task/prod/${i}`);
  const { deps, sent } = depsAnswering((command) => {
    if (command instanceof ListTasksCommand) {
      const at = Number(command.input.nextToken ?? 0);
      const next = at + 100;
      return { taskArns: all.slice(at, next), ...(next < all.length ? { nextToken: String(next) } : {}) };
    }
    return { tasks: ((command as DescribeTasksCommand).input.tasks ?? []).map((taskArn) => ({ taskArn })) };
  });
  const arns = await listTaskArns(deps, 'prod', { serviceName: 'web', desiredStatus: 'STOPPED' });
  expect(arns).toEqual(all);
  const tasks = await describeTasks(deps, 'prod', arns);
  expect(tasks).toHaveLength(230);
  const described = sent.filter((c) => c instanceof DescribeTasksCommand).map((c) => (c as DescribeTasksCommand).input.tasks?.length);
  expect(described).toEqual([100, 100, 30]);
});

test("the SDK's retry back-off is slept on the given clock, with the SDK's retry decisions", async () => {
  const slept: number[] = [];
  const strategy = new ClockedRetryStrategy(3, { sleep: (ms) => (slept.push(ms), Promise.resolve()) }, () => 0.5);
  const first = await strategy.acquireInitialRetryToken('us-east-1');
  const second = await strategy.refreshRetryTokenForRetry(first, { errorType: 'THROTTLING' });
  const third = await strategy.refreshRetryTokenForRetry(second, { errorType: 'THROTTLING' });
  expect(slept).toEqual([backoffMs(0, true, () => 0.5), backoffMs(1, true, () => 0.5)]);
  expect(slept).toEqual([500, 1000]);
  // Three attempts in all: no third retry, and access denied-like errors are never retried.
  await expect(strategy.refreshRetryTokenForRetry(third, { errorType: 'THROTTLING' })).rejects.toThrow();
  await expect(strategy.refreshRetryTokenForRetry(first, { errorType: 'CLIENT_ERROR' })).rejects.toThrow();
  expect(slept).toHaveLength(2);
});
