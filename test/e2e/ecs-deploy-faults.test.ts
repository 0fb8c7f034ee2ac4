import { DeleteServiceCommand, UpdateServiceCommand, type ECSClient } from '@aws-sdk/client-ecs';
import type { Sandbox } from '../../sandbox/index.js';
import {
  CLUSTER,
  behave,
  deployInputs,
  ecsClient,
  existingService,
  primaryOf,
  renderedFile,
  runDeploy,
  startDeploySandbox,
  taskDefinition,
  type ServiceSetup,
} from './ecs-deploy-helpers.js';
import { runRollback } from './ecs-rollback-helpers.js';
import { runAction, type ActionResult } from '../../sandbox/runner/run-action.js';
import { waitFor } from '../wait-for.js';

/** ecs-deploy under faults while it waits: another party's deployment, hung sockets, a vanishing service, failed rollbacks. */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startDeploySandbox();
});
afterAll(async () => {
  await sandbox.stop();
});
afterEach(() => {
  sandbox.admin.clearFaults();
});

/** Resolves once ecs-deploy's UpdateService has been answered, i.e. it is waiting for the rollout. */
function updated(service: string, count = 1): Promise<true> {
  return waitFor(
    () =>
      sandbox.admin.requests
        .list({ service: 'ecs', operation: 'UpdateService' })
        .filter((e) => (e.params as { service?: string }).service === service && e.status === 200).length >= count || undefined,
    { timeoutMs: 30_000, label: `an UpdateService of ${service}` },
  );
}

/**
 * Deploys `<name>:v2` to a new service whose new tasks take `startSeconds` to start, and resolves once
 * ecs-deploy waits for the rollout: `running` is the step, still going.
 */
async function deploymentUnderWay(
  name: string,
  startSeconds: number,
  options: { breaker?: { enable: boolean; rollback: boolean }; env?: Record<string, string> } = {},
): Promise<{ service: ServiceSetup; running: Promise<ActionResult> }> {
  const service = existingService(sandbox, name, options.breaker ? { breaker: options.breaker } : {});
  behave(sandbox, `${name}:v2`, { kind: 'slow-start', startSeconds });
  const { workspace, file } = renderedFile(name, `${name}:v2`);
  sandbox.admin.requests.clear();
  const running = runDeploy(sandbox, deployInputs(file, name), { workspace, ...(options.env ? { env: options.env } : {}) });
  await updated(name);
  return { service, running };
}

/** Acts on ECS as another party would, with its own client, outside the step. */
async function asAnotherParty(act: (ecs: ECSClient) => Promise<unknown>): Promise<void> {
  const ecs = ecsClient(sandbox);
  try {
    await act(ecs);
  } finally {
    ecs.destroy();
  }
}

describe('a deployment superseded by another party', () => {
  test("someone else's UpdateService is reported and never rolled back", async () => {
    const { running } = await deploymentUnderWay('other', 120);
    const theirs = sandbox.admin.registerTaskDefinition(taskDefinition('other', 'other:hotfix'));
    await asAnotherParty((ecs) => ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'other', taskDefinition: theirs })));
    const result = await running;
    expect(result.outputs.status).toBe('superseded');
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^Deployment ecs-svc\/\d+ of service other \(other:2\) did not finish: superseded by deployment ecs-svc\/\d+ \(task definition other:3\), which this run did not start — not rolling back what we did not start$/,
      ),
    ]);
    expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'UpdateService' })).toBe(2);
    expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'StopServiceDeployment' })).toBe(0);
    sandbox.admin.settle(CLUSTER, 'other');
    expect(await primaryOf(sandbox, 'other')).toEqual({ taskDefinition: theirs, rolloutState: 'COMPLETED' });
  });

  test("an operator's ecs-rollback while ecs-deploy waits is left to stand", async () => {
    const { service, running } = await deploymentUnderWay('operator', 120);
    const rollback = await runRollback(sandbox, { service: 'operator', to: '1', 'wait-for-service-stability': 'false' });
    expect(rollback.errors).toEqual([]);
    const result = await running;
    expect(result.outputs.status).toBe('superseded');
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([expect.stringMatching(/superseded by deployment ecs-svc\/\d+ \(task definition operator:1\)/)]);
    expect(result.log).not.toMatch(/Rolling service operator back/);
    // ecs-deploy's own UpdateService and the operator's: nothing else changed the service.
    expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'UpdateService' })).toBe(2);
    expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'StopServiceDeployment' })).toBe(0);
    sandbox.admin.settle(CLUSTER, 'operator');
    expect(await primaryOf(sandbox, 'operator')).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
  });
});

test('a service deleted mid-deploy is reported at once and not waited for', async () => {
  const { running } = await deploymentUnderWay('doomed', 3600);
  await asAnotherParty((ecs) => ecs.send(new DeleteServiceCommand({ cluster: CLUSTER, service: 'doomed', force: true })));
  const deleted = Date.now();
  const result = await running;
  // A few polls at one second, not the three minutes of wait-for-minutes.
  expect(Date.now() - deleted).toBeLessThan(10_000);
  expect(result.exitCode).toBe(1);
  expect(result.outputs.status).toBe('failed');
  // Announced at once, then the step's final line says what was (not) done about it.
  const gone = 'service doomed turned (DRAINING \\(it is being deleted\\)|INACTIVE \\(deleted\\) or gone) while the deployment rolled out';
  expect(result.errors).toEqual([
    expect.stringMatching(new RegExp(`^Deployment ecs-svc/\\d+ of service doomed failed: ${gone}$`)),
    expect.stringMatching(
      new RegExp(
        `^Deployment ecs-svc/\\d+ of service doomed failed: ${gone}\\. Stopped waiting: a service being deleted cannot be rolled back$`,
      ),
    ),
  ]);
  expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'UpdateService' })).toBe(1);
  expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'StopServiceDeployment' })).toBe(0);
});

describe('deadlines hold against silent sockets', () => {
  const serviceOf = (entry: { params: unknown }) => (entry.params as { service?: string }).service;
  const servicesOf = (entry: { params: unknown }) => (entry.params as { services?: string[] }).services ?? [];

  /** Resolves once `service`'s UpdateService has reached the sandbox and been left unanswered. */
  const hung = (service: string) =>
    waitFor(
      () =>
        sandbox.admin.requests
          .list({ service: 'ecs', operation: 'UpdateService' })
          .some((e) => serviceOf(e) === service && e.errorCode === 'Hang') || undefined,
      { timeoutMs: 30_000, label: `a hung UpdateService of ${service}` },
    );

  /** Resolves once ecs-deploy's watch of `service` has had a poll answered after its UpdateService: the state it reports is known. */
  const firstPollAnswered = (service: string) =>
    waitFor(
      () => {
        const log = sandbox.admin.requests.list({ service: 'ecs' });
        const update = log.findIndex((e) => e.operation === 'UpdateService' && serviceOf(e) === service && e.status === 200);
        return (
          (update >= 0 &&
            log.slice(update + 1).some((e) => e.operation === 'DescribeServices' && e.status === 200 && servicesOf(e).includes(service))) ||
          undefined
        );
      },
      { timeoutMs: 30_000, label: `a DescribeServices of ${service} answered after its UpdateService` },
    );

  // Real time: wait-for-minutes is at least one runner minute, so both runs share most of it.
  test('a hung UpdateService ends at the request timeout; hung polls end at wait-for-minutes', async () => {
    existingService(sandbox, 'mute-update');
    existingService(sandbox, 'mute-poll');
    behave(sandbox, 'mute-poll:v2', { kind: 'slow-start', startSeconds: 3600 });
    const first = renderedFile('mute-update', 'mute-update:v2');
    const second = renderedFile('mute-poll', 'mute-poll:v2');
    sandbox.admin.requests.clear();
    const run = (workspace: string, inputs: Record<string, string>) =>
      runAction('ecs-deploy', { inputs, env: sandbox.env, workspace, timeoutMs: 100_000 });
    const timed = (result: Promise<ActionResult>, from: () => number) =>
      result.then((r) => ({ result: r, seconds: (Date.now() - from()) / 1000 }));

    // The hang is armed before the second step starts: it must catch mute-update's UpdateService, and a fault matches
    // by operation only, so two steps racing to UpdateService (either may be first on a loaded machine) would share it.
    sandbox.admin.injectFault({ service: 'ecs', operation: 'UpdateService', kind: 'hang', count: 1 });
    let hungAt = 0;
    const updateRun = timed(run(first.workspace, deployInputs(first.file, 'mute-update', { 'max-retries': '0' })), () => hungAt);
    let updatedAt = 0;
    let pollRun: ReturnType<typeof timed> | undefined;
    let armed = false;
    try {
      await hung('mute-update');
      hungAt = Date.now();
      pollRun = timed(
        run(second.workspace, deployInputs(second.file, 'mute-poll', { 'wait-for-minutes': '1', 'rollback-on-failure': 'false' })),
        () => updatedAt,
      );
      await updated('mute-poll');
      updatedAt = Date.now();
      // Every poll from the first answered one on goes unanswered.
      await firstPollAnswered('mute-poll');
      sandbox.admin.injectFault({ service: 'ecs', operation: 'DescribeServices', kind: 'hang', count: 1000 });
      armed = true;
    } finally {
      // A failed wait above must not leave the steps running into the next test.
      if (!armed) await Promise.allSettled([updateRun, ...(pollRun ? [pollRun] : [])]);
    }
    const [update, poll] = await Promise.all([updateRun, pollRun]);

    // The SDK's 30 s request timeout throws instead of only warning: the step ends then, not sooner, not much later.
    expect(update.seconds).toBeGreaterThan(25);
    expect(update.seconds).toBeLessThan(45);
    expect(update.result.exitCode).toBe(1);
    expect(update.result.errors).toEqual([expect.stringMatching(/^Failed to update service mute-update in cluster prod: .*time/i)]);

    // From the UpdateService answer: one minute of waiting, a second of slack for the last poll, and the step's end.
    expect(poll!.seconds).toBeGreaterThan(55);
    expect(poll!.seconds).toBeLessThan(70);
    expect(poll!.result.exitCode).toBe(1);
    expect(poll!.result.outputs.status).toBe('timed-out');
    expect(poll!.result.errors).toEqual([
      expect.stringMatching(
        /^Deployment ecs-svc\/\d+ of service mute-poll timed out: ECS did not finish the deployment within wait-for-minutes \(1 min\); it is rolling out \(0 of 2 new tasks running\)$/,
      ),
      expect.stringMatching(/\(0 of 2 new tasks running\)\. rollback-on-failure is false: service mute-poll is left as it is$/),
    ]);
    expect(poll!.result.warnings).toContainEqual(expect.stringMatching(/^Poll \d+ got no answer before the wait ended/));
  }, 160_000);
});

describe('a StopServiceDeployment that fails after its retries', () => {
  const capacity = 'Capacity is unavailable at this time';

  /** A deploy whose new tasks never find room (so ecs-deploy rolls back), with faults armed once UpdateService has answered. */
  async function deployWithoutRoom(name: string, faults: () => void) {
    existingService(sandbox, name);
    sandbox.admin.setPlacementFailure(CLUSTER, capacity, { taskDefinition: `${name}:2` });
    const { workspace, file } = renderedFile(name, `${name}:v2`);
    sandbox.admin.requests.clear();
    const running = runDeploy(sandbox, deployInputs(file, name, { 'max-retries': '1' }), { workspace });
    await updated(name);
    faults();
    try {
      return await running;
    } finally {
      sandbox.admin.setPlacementFailure(CLUSTER, undefined);
    }
  }

  test('falls back to UpdateService to the known-good revision', async () => {
    const result = await deployWithoutRoom('stopfails', () =>
      sandbox.admin.injectFault({ service: 'ecs', operation: 'StopServiceDeployment', kind: 'http500', count: 10 }),
    );
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('rolled-back');
    expect(result.warnings).toContainEqual(
      expect.stringMatching(/^ECS did not roll back \(StopServiceDeployment failed: .*\); deploying the known-good revision instead$/),
    );
    // max-retries 1: two attempts of the one StopServiceDeployment call, then the fallback UpdateService.
    const ofStopfails = (operation: string) =>
      sandbox.admin.requests.list({ service: 'ecs', operation }).filter((e) => JSON.stringify(e.params).includes('stopfails')).length;
    expect(ofStopfails('StopServiceDeployment')).toBe(2);
    expect(ofStopfails('UpdateService')).toBe(2);
    expect(await primaryOf(sandbox, 'stopfails')).toEqual({
      taskDefinition: expect.stringMatching(/task-definition\/stopfails:1$/),
      rolloutState: 'COMPLETED',
    });
  });

  test('and then UpdateService fails too: says where the service is and what to run', async () => {
    const result = await deployWithoutRoom('bothfail', () => {
      sandbox.admin.injectFault({ service: 'ecs', operation: 'StopServiceDeployment', kind: 'http500', count: 10 });
      sandbox.admin.injectFault({ service: 'ecs', operation: 'UpdateService', kind: 'http503', count: 10 });
    });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('failed');
    expect(result.errors.at(-1)).toMatch(
      /The rollback did not succeed: UpdateService to bothfail:1 failed: .*\. Service bothfail is left on deployment ecs-svc\/\d+ \(bothfail:2\), which ECS may still be rolling out; roll it back with the ecs-rollback action \(service: bothfail, cluster: prod, to: arn:aws:ecs:us-east-1:123456789012:task-definition\/bothfail:1\)$/,
    );
    expect(await primaryOf(sandbox, 'bothfail')).toMatchObject({ taskDefinition: expect.stringMatching(/bothfail:2$/) });
  });
});

test('credentials that expire for good: the rollout goes on unwatched, and a breaker without rollback leaves a FAILED deployment', async () => {
  const role = 'arn:aws:iam::123456789012:role/gha-faults';
  sandbox.admin.identity.createRole({ arn: role, trust: { subjects: ['repo:acme/web:*'] } });
  const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _secret, ...jobEnv } = sandbox.env;
  const assumed = await runAction('aws-credentials', { inputs: { 'role-to-assume': role, 'aws-region': 'us-east-1' }, env: jobEnv });
  expect(assumed.errors).toEqual([]);
  // No `id-token: write`: nothing to renew the session with.
  const env = { ...jobEnv, ...assumed.env, ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' };
  const { service, running } = await deploymentUnderWay('orphan', 3600, { breaker: { enable: true, rollback: false }, env });
  sandbox.admin.identity.expireAllCredentials();
  const result = await running;
  expect(result.exitCode).toBe(1);
  expect(result.errors).toEqual([
    expect.stringMatching(
      new RegExp(
        'the AWS credentials expired .* and cannot be renewed.*\\. Deployment ecs-svc/\\d+ of service orphan goes on unwatched: ECS keeps rolling it out and nobody checks or rolls it back\\. ' +
          'If the circuit breaker trips, ECS does not roll back \\(rollback is off\\): the service is left on a FAILED deployment\\. ' +
          `To roll back, run the ecs-rollback action \\(service: orphan, cluster: prod, to: ${service.taskDefinitionArn}\\)$`,
      ),
    ),
  ]);
});
