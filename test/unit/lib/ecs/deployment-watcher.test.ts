import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  type Container,
  type Deployment,
  type Service,
  type ServiceEvent,
} from '@aws-sdk/client-ecs';
import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AccessDeniedError, CredentialsExpiredError } from '../../../../src/lib/aws-call.js';
import { watchDeployment, type WatchRequest } from '../../../../src/lib/ecs/deployment-watcher.js';
import { awsError, fakeDeps, SD_ARN, stoppedTasksOfNewRevision, TD2, watchRequest } from './fakes.js';

const OURS = 'ecs-svc/2';
const event = (id: string, message: string, second: number): ServiceEvent => ({
  id,
  message: `(service web) ${message}`,
  createdAt: new Date(Date.UTC(2026, 4, 4, 10, 0, second)),
});
const deployment = (rolloutState: Deployment['rolloutState'], extra: Partial<Deployment> = {}): Deployment => ({
  id: OURS,
  status: 'PRIMARY',
  taskDefinition: TD2,
  rolloutState,
  desiredCount: 2,
  runningCount: 0,
  pendingCount: 0,
  failedTasks: 0,
  ...extra,
});
const service = (deployments: Deployment[], events: ServiceEvent[] = [], breaker = true): Service => ({
  serviceName: 'web',
  status: 'ACTIVE',
  deployments,
  events,
  deploymentConfiguration: { deploymentCircuitBreaker: { enable: breaker, rollback: breaker } },
});

/** ListTasks and DescribeTasks answer with one stopped task, t1, of the new revision. */
function stoppedTask(fake: ReturnType<typeof fakeDeps>, stoppedReason: string, containers: Container[]): void {
  const taskArn = 'arn:aws:ecs:us-east-1:123456789012:task/prod/t1';
  fake.mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [taskArn] });
  fake.mocks.ecs.on(DescribeTasksCommand).resolves({
    tasks: [{ taskArn, taskDefinitionArn: TD2, lastStatus: 'STOPPED', stoppedReason, containers }],
  });
}

const request = (deps: ReturnType<typeof fakeDeps>['deps'], extra: Partial<WatchRequest> = {}) =>
  watchRequest(deps, {
    deploymentId: OURS,
    containerDefinitions: [
      {
        name: 'app',
        essential: true,
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'ecs' } },
      },
    ],
    ...extra,
  });

test('prints each new service event once, oldest first, and succeeds when our deployment completes', async () => {
  const fake = fakeDeps();
  const first = event('e1', 'has started 2 tasks: (task a) (task b).', 1);
  const second = event('e2', 'has reached a steady state.', 30);
  fake.mocks.ecs
    .on(DescribeServicesCommand)
    .resolvesOnce({ services: [service([deployment('IN_PROGRESS')], [first])] })
    .resolvesOnce({ services: [service([deployment('IN_PROGRESS', { runningCount: 2 })], [first])] })
    .resolves({ services: [service([deployment('COMPLETED', { runningCount: 2 })], [second, first])] });
  const result = await watchDeployment(request(fake.deps), fake.deps);
  expect(result.verdict).toEqual({ state: 'succeeded' });
  expect(result.polls).toBe(3);
  // The first poll runs at once, then one per 10 s interval.
  expect(fake.elapsed()).toBe(20_000);
  const lines = fake.lines.map((l) => l.text);
  expect(lines.filter((l) => l.includes('has started 2 tasks'))).toHaveLength(1);
  expect(lines.indexOf('2026-05-04T10:00:01Z (service web) has started 2 tasks: (task a) (task b).')).toBeLessThan(
    lines.indexOf('2026-05-04T10:00:30Z (service web) has reached a steady state.'),
  );
});

test('events that existed before the deployment are never printed', async () => {
  const fake = fakeDeps();
  const old = event('old', 'has reached a steady state.', 0);
  fake.mocks.ecs.on(DescribeServicesCommand).resolves({ services: [service([deployment('COMPLETED')], [old])] });
  const req = request(fake.deps);
  req.events.markSeen([old]);
  await watchDeployment(req, fake.deps);
  expect(fake.text()).not.toMatch(/steady state/);
});

test('follows the service-deployment record and fails as soon as ECS starts rolling back, with the stopped task explained', async () => {
  const fake = fakeDeps();
  let polls = 0;
  fake.mocks.ecs.on(DescribeServicesCommand).callsFake(() => {
    polls += 1;
    if (polls === 1) return { services: [service([deployment('IN_PROGRESS')])] };
    return {
      services: [
        service(
          [deployment('IN_PROGRESS', { failedTasks: 3 })],
          [event('e1', '(deployment ecs-svc/2) deployment failed: tasks failed to start.', 40)],
        ),
      ],
    };
  });
  fake.mocks.ecs.on(DescribeServiceDeploymentsCommand).callsFake(() => ({
    serviceDeployments: [
      polls === 1
        ? { serviceDeploymentArn: SD_ARN, status: 'IN_PROGRESS' }
        : {
            serviceDeploymentArn: SD_ARN,
            status: 'ROLLBACK_IN_PROGRESS',
            rollback: { reason: 'ECS deployment circuit breaker: tasks failed to start.' },
          },
    ],
  }));
  stoppedTask(fake, 'Essential container in task exited', [{ name: 'app', exitCode: 1 }]);
  fake.mocks.logs.on(GetLogEventsCommand).resolves({ events: [{ message: 'boot' }, { message: 'Error: DATABASE_URL is not set\n' }] });
  const result = await watchDeployment(request(fake.deps, { serviceDeploymentArn: SD_ARN }), fake.deps);
  expect(result.verdict).toEqual({
    state: 'failed',
    reason: 'ECS deployment circuit breaker: tasks failed to start.',
    rollback: 'ecs-in-progress',
    inFlight: true,
  });
  expect(result.polls).toBe(2);
  // Poll 1 showed the deployment just started: only the change at poll 2 needed the service-deployment record.
  expect(fake.mocks.ecs.commandCalls(DescribeServiceDeploymentsCommand)).toHaveLength(1);
  expect(result.stoppedTasks).toHaveLength(1);
  expect(fake.text()).toMatch(
    /Task t1 stopped: Essential container in task exited\n.*container app: exit code 1\n.*last log lines of app:\n.*\| boot\n.*\| Error: DATABASE_URL is not set/,
  );
  expect(fake.mocks.logs.commandCalls(GetLogEventsCommand)[0]?.args[0].input).toMatchObject({
    logGroupName: '/ecs/web',
    logStreamName: 'ecs/app/t1',
    startFromHead: false,
  });
});

test("without a circuit breaker, tasks of the new revision that keep stopping fail the deployment at ECS's threshold", async () => {
  const fake = fakeDeps();
  let failed = 0;
  fake.mocks.ecs.on(DescribeServicesCommand).callsFake(() => {
    failed += 1;
    return { services: [service([deployment('IN_PROGRESS', { failedTasks: failed })], [], false)] };
  });
  const stopped = () => Array.from({ length: failed }, (_, i) => `arn:aws:ecs:us-east-1:123456789012:task/prod/t${i}`);
  stoppedTasksOfNewRevision(fake, stopped, 'Task failed ELB health checks in (target-group web)');
  const result = await watchDeployment(request(fake.deps), fake.deps);
  expect(result.verdict).toMatchObject({
    state: 'failed',
    rollback: 'none',
    inFlight: true,
    reason: expect.stringMatching(/^3 tasks of the new revision stopped .*Task failed ELB health checks/),
  });
  expect(result.polls).toBe(3);
});

test('a task that cannot pull its image fails at once, and a container without exit code shows the reason', async () => {
  const fake = fakeDeps();
  fake.mocks.ecs.on(DescribeServicesCommand).resolves({ services: [service([deployment('IN_PROGRESS', { failedTasks: 1 })])] });
  stoppedTask(fake, 'CannotPullContainerError: pull image manifest has been retried 5 time(s): not found', [{ name: 'app' }]);
  const result = await watchDeployment(request(fake.deps), fake.deps);
  expect(result.verdict).toMatchObject({
    state: 'failed',
    reason: expect.stringMatching(/^the image cannot be pulled: CannotPullContainerError/),
  });
  expect(result.polls).toBe(1);
  expect(fake.text()).toMatch(/container app: no exit code — CannotPullContainerError/);
  expect(fake.text()).not.toMatch(/null|undefined/);
});

test('"unable to place" that persists with nothing running is a failure', async () => {
  const fake = fakeDeps();
  fake.mocks.ecs.on(DescribeServicesCommand).resolves({
    services: [
      service(
        [deployment('IN_PROGRESS')],
        [event('p', 'was unable to place a task. Reason: No Container Instances were found in your cluster.', 1)],
      ),
    ],
  });
  fake.mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [] });
  const result = await watchDeployment(request(fake.deps), fake.deps);
  expect(result.verdict).toMatchObject({
    state: 'failed',
    reason: expect.stringMatching(/^ECS cannot place the new tasks: .*No Container Instances/),
  });
  expect(result.polls).toBe(3);
});

test('throttling that outlasts the SDK retries skips a poll with a warning; AccessDenied fails at once naming the permission', async () => {
  const fake = fakeDeps();
  fake.mocks.ecs
    .on(DescribeServicesCommand)
    .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
    .resolvesOnce({ services: [service([deployment('IN_PROGRESS')])] })
    .rejects(
      awsError(
        'AccessDeniedException',
        'User: arn:aws:sts::123456789012:assumed-role/deploy/gha is not authorized to perform: ecs:DescribeServices',
      ),
    );
  const error = await watchDeployment(request(fake.deps), fake.deps).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AccessDeniedError);
  expect((error as Error).message).toMatch(
    /^Failed to describe service web in cluster prod: access denied .* The role needs the IAM permission ecs:DescribeServices$/,
  );
  expect(fake.lines.filter((l) => l.level === 'warning').map((l) => l.text)).toEqual([
    expect.stringMatching(
      /^Deployment ecs-svc\/2: poll 1 failed \(Failed to describe service web in cluster prod: AWS throttled the call, still after the SDK's retries \(ThrottlingException: Rate exceeded\)\); trying again/,
    ),
  ]);
  expect(fake.mocks.ecs.commandCalls(DescribeServicesCommand)).toHaveLength(3);
});

test('expired credentials are renewed and the call repeated', async () => {
  let renewals = 0;
  const fake = fakeDeps({
    renewCredentials: async () => {
      renewals += 1;
    },
  });
  fake.mocks.ecs
    .on(DescribeServicesCommand)
    .rejectsOnce(awsError('ExpiredTokenException', 'The security token included in the request is expired'))
    .resolves({ services: [service([deployment('COMPLETED')])] });
  const result = await watchDeployment(request(fake.deps), fake.deps);
  expect(result.verdict).toEqual({ state: 'succeeded' });
  expect(renewals).toBe(1);
});

test('expired credentials that cannot be renewed fail at once instead of spinning until the timeout', async () => {
  const fake = fakeDeps();
  fake.mocks.ecs
    .on(DescribeServicesCommand)
    .rejects(awsError('ExpiredTokenException', 'The security token included in the request is expired'));
  const error = await watchDeployment(request(fake.deps), fake.deps).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CredentialsExpiredError);
  expect((error as Error).message).toMatch(/expired .* cannot be renewed\. Give the job 'permissions: id-token: write'/);
  expect(fake.mocks.ecs.commandCalls(DescribeServicesCommand)).toHaveLength(1);
});

test('gives up at the deadline with timed-out, without sleeping past it', async () => {
  const fake = fakeDeps();
  fake.mocks.ecs.on(DescribeServicesCommand).resolves({ services: [service([deployment('IN_PROGRESS')])] });
  const result = await watchDeployment(request(fake.deps, { deadline: fake.deps.clock.now() + 25_000 }), fake.deps);
  expect(result.verdict).toEqual({ state: 'timed-out' });
  expect(fake.elapsed()).toBe(25_000);
});

test('falls back to deployments[] with a warning when the service-deployment API is denied', async () => {
  const fake = fakeDeps();
  // A failure is where the record would add its reason: the watch reads it, is denied, and decides from deployments[].
  const failedOne = deployment('FAILED', { rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' });
  fake.mocks.ecs.on(DescribeServicesCommand).resolves({ services: [service([failedOne])] });
  fake.mocks.ecs.on(DescribeServiceDeploymentsCommand).rejects(awsError('AccessDeniedException', 'not authorized'));
  fake.mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [] });
  const result = await watchDeployment(request(fake.deps, { serviceDeploymentArn: SD_ARN }), fake.deps);
  expect(result.verdict).toMatchObject({ state: 'failed', reason: 'ECS deployment circuit breaker: tasks failed to start.' });
  expect(fake.text()).toMatch(/warning: .*ecs:DescribeServiceDeployments/);
});

test('a rolling deployment that completes needs no service-deployment record', async () => {
  const fake = fakeDeps();
  fake.mocks.ecs.on(DescribeServicesCommand).resolves({ services: [service([deployment('COMPLETED')])] });
  const result = await watchDeployment(request(fake.deps, { serviceDeploymentArn: SD_ARN }), fake.deps);
  expect(result.verdict).toEqual({ state: 'succeeded' });
  expect(fake.mocks.ecs.commandCalls(DescribeServiceDeploymentsCommand)).toHaveLength(0);
});

test('stays near one ECS call per poll while nothing moves', async () => {
  const fake = fakeDeps();
  let polls = 0;
  fake.mocks.ecs.on(DescribeServicesCommand).callsFake(() => {
    polls += 1;
    return { services: [service([deployment(polls >= 20 ? 'COMPLETED' : 'IN_PROGRESS')])] };
  });
  fake.mocks.ecs
    .on(DescribeServiceDeploymentsCommand)
    .callsFake(() => ({ serviceDeployments: [{ serviceDeploymentArn: SD_ARN, status: polls >= 20 ? 'SUCCESSFUL' : 'IN_PROGRESS' }] }));
  const result = await watchDeployment(request(fake.deps, { serviceDeploymentArn: SD_ARN }), fake.deps);
  expect(result.verdict).toEqual({ state: 'succeeded' });
  const calls = fake.mocks.ecs.calls().length;
  expect(calls / result.polls).toBeLessThanOrEqual(1.3);
});
