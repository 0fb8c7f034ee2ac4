import type { Sandbox } from '../../sandbox/index.js';
import { waitFor } from '../wait-for.js';
import {
  behave,
  CLUSTER,
  deployInputs,
  existingService,
  primaryOf,
  renderedFile,
  runDeploy,
  startDeploySandbox,
} from './ecs-deploy-helpers.js';

/**
 * The bundled ecs-deploy at scale: several services in one step (all-or-nothing, each rolled back to
 * its own revision), and a 200-task service that fails fast and rolls back like a two-task one, with
 * every lookup within ECS's per-call limits.
 */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startDeploySandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

test('three services in one step: one alarm fires, all three end on their own previous revision, one summary row each', async () => {
  const names = ['multi-web', 'multi-worker', 'multi-api'];
  const before = names.map((name) =>
    existingService(sandbox, name, { alarms: { alarmNames: [`${name}-5xx`], enable: true, rollback: true } }),
  );
  // Slow enough that every deployment is still in progress when the worker's alarm goes off.
  behave(sandbox, 'release:v2', { kind: 'slow-start', startSeconds: 60 });
  const { workspace, file } = renderedFile('release', 'release:v2');
  sandbox.admin.requests.clear();
  const running = runDeploy(sandbox, deployInputs(file, names.join('\n')), { workspace });
  await waitFor(() => sandbox.admin.requests.count({ service: 'ecs', operation: 'UpdateService' }) >= names.length, {
    timeoutMs: 30_000,
    label: 'ecs-deploy to update all three services',
  });
  sandbox.admin.setAlarmState('multi-worker-5xx', 'ALARM');
  const result = await running;
  sandbox.admin.setAlarmState('multi-worker-5xx', 'OK');

  expect(result.exitCode).toBe(1);
  expect(result.outputs.status).toBe('rolled-back');
  expect(result.errors[0]).toMatch(
    /^Service multi-worker failed: ECS deployment failed: alarm\(s\) multi-worker-5xx went into ALARM state/,
  );
  // Registered once, for all three.
  expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'RegisterTaskDefinition' })).toBe(1);
  // One DescribeServices answers for all three at every poll.
  const describes = sandbox.admin.requests.list({ service: 'ecs', operation: 'DescribeServices' });
  expect(describes.every((e) => ((e.params as { services?: string[] }).services ?? []).length <= 10)).toBe(true);
  expect(describes.some((e) => ((e.params as { services?: string[] }).services ?? []).length === 3)).toBe(true);
  const services = JSON.parse(result.outputs.services ?? '[]') as {
    service: string;
    status: string;
    'rollback-task-definition-arn': string;
  }[];
  expect(services.map((s) => [s.service, s.status])).toEqual(names.map((name) => [name, 'rolled-back']));
  for (const [i, name] of names.entries()) {
    const own = before[i]?.taskDefinitionArn;
    expect(services[i]?.['rollback-task-definition-arn']).toBe(own);
    expect(await primaryOf(sandbox, name)).toEqual({ taskDefinition: own, rolloutState: 'COMPLETED' });
    expect(result.summary).toContain(`[${name}](`);
  }
  expect(result.summary).toContain(`Failed and rolled back — 3 services in ${CLUSTER}`);
});

test('several services: a bad list is refused before any AWS call', async () => {
  const { workspace, file } = renderedFile('listed', 'listed:v2');
  sandbox.admin.requests.clear();
  const result = await runDeploy(sandbox, deployInputs(file, 'a, b, a'), { workspace });
  expect(result.exitCode).toBe(1);
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0]).toMatch(/service.*names service 'a' twice\. Name each service once/);
  expect(sandbox.admin.requests.count({ service: 'ecs' })).toBe(0);
});

test('a 200-task service with a crash-looping image fails fast and rolls back; lookups batch and log tails stay bounded', async () => {
  const service = existingService(sandbox, 'big', { desiredCount: 200 });
  behave(sandbox, 'big:v2', { kind: 'exit', exitCode: 1, startSeconds: 5 });
  const { workspace, file } = renderedFile('big', 'big:v2');
  sandbox.admin.requests.clear();
  const result = await runDeploy(sandbox, deployInputs(file, 'big', { 'wait-for-minutes': '10' }), { workspace });

  expect(result.exitCode).toBe(1);
  expect(result.outputs.status).toBe('rolled-back');
  expect(result.outputs['rollback-task-definition-arn']).toBe(service.taskDefinitionArn);
  expect(await primaryOf(sandbox, 'big')).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
  const described = sandbox.admin.requests
    .list({ service: 'ecs', operation: 'DescribeTasks' })
    .map((e) => (e.params as { tasks?: string[] }).tasks ?? []);
  expect(described.every((tasks) => tasks.length <= 100)).toBe(true);
  // Each stopped task is looked up once, across the failure and the rollback watch.
  const all = described.flat();
  expect(new Set(all).size).toBe(all.length);
  // Log tails: a few tasks' logs, not 200.
  expect(sandbox.admin.requests.count({ service: 'logs', operation: 'GetLogEvents' })).toBeLessThanOrEqual(5);
  expect(
    sandbox.admin.requests
      .list({ service: 'ecs', operation: 'ListTasks' })
      .every((e) => ((e.params as { maxResults?: number }).maxResults ?? 100) <= 100),
  ).toBe(true);
}, 60_000);
