import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  ListServiceDeploymentsCommand,
  RegisterTaskDefinitionCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { waitFor } from '../wait-for.js';
import { clientsFor, fargateTaskDefinition, NETWORK } from './helpers.js';

let sandbox: Sandbox;
let clients: ReturnType<typeof clientsFor>;
let targetGroupArn: string;

beforeEach(async () => {
  sandbox = await startSandbox({ timeScale: 600, seed: 42 });
  clients = clientsFor(sandbox);
  targetGroupArn = sandbox.admin.createTargetGroup({ name: 'web', port: 8080, deregistrationDelaySeconds: 30 });
});
afterEach(async () => {
  await sandbox.stop();
});

async function registerTd(ecs: ECSClient, image: string) {
  const out = await ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition('web', image)));
  return out.taskDefinition?.taskDefinitionArn ?? '';
}

/** A service on web:1 that has completed its first deployment, with the circuit breaker as given. */
async function existingService(breaker: { enable: boolean; rollback: boolean }, desiredCount = 2) {
  const td = await registerTd(clients.ecs, 'app:1');
  sandbox.admin.createCluster('prod');
  sandbox.admin.createService({
    cluster: 'prod',
    serviceName: 'web',
    taskDefinition: td,
    desiredCount,
    networkConfiguration: NETWORK,
    loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 8080 }],
    deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100, deploymentCircuitBreaker: breaker },
    healthCheckGracePeriodSeconds: 30,
  });
  expect(sandbox.admin.settle('prod', 'web')).toBe('COMPLETED');
  return td;
}

const describe1 = async () => (await clients.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }))).services?.[0];

test('a healthy rollout reaches COMPLETED on the sandbox clock, with steady-state events and a SUCCESSFUL service deployment', async () => {
  await existingService({ enable: true, rollback: true });
  const td2 = await registerTd(clients.ecs, 'app:2');
  const updated = await clients.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: td2 }));
  const primary = updated.service?.deployments?.find((d) => d.status === 'PRIMARY');
  expect(primary).toMatchObject({ taskDefinition: td2, rolloutState: 'IN_PROGRESS', desiredCount: 2 });
  expect(primary?.id).toMatch(/^ecs-svc\/\d{19}$/);
  expect(primary?.createdAt).toBeInstanceOf(Date);

  // Real waiting: 600x means a few sandbox minutes pass in well under a second.
  const done = await waitFor(
    async () => {
      const service = await describe1();
      const mine = service?.deployments?.find((d) => d.id === primary?.id);
      return mine?.rolloutState === 'COMPLETED' ? service : undefined;
    },
    { timeoutMs: 15_000, label: 'the new deployment to complete' },
  );
  expect(done.deployments).toHaveLength(1);
  expect(done.deployments?.[0]).toMatchObject({
    status: 'PRIMARY',
    runningCount: 2,
    pendingCount: 0,
    failedTasks: 0,
    rolloutStateReason: `ECS deployment ${primary?.id} completed.`,
  });
  expect(done).toMatchObject({ runningCount: 2, desiredCount: 2, taskDefinition: td2, status: 'ACTIVE' });
  const messages = (done.events ?? []).map((e) => e.message);
  expect(messages[0]).toBe('(service web) has reached a steady state.');
  expect(messages).toContainEqual(
    expect.stringMatching(/^\(service web\) has started 2 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/),
  );
  expect(messages).toContainEqual(expect.stringMatching(/^\(service web\) has stopped 2 running tasks/));
  // Like ECS, one event per batch: the two new tasks register together, the two old ones drain together.
  const targetGroup = `(target-group ${targetGroupArn})`;
  expect(messages.filter((m) => m === `(service web) registered 2 targets in ${targetGroup}`).length).toBeGreaterThan(0);
  expect(messages.filter((m) => m === `(service web) deregistered 2 targets in ${targetGroup}`)).toHaveLength(1);
  expect(messages.filter((m) => m === '(service web) has begun draining connections on 2 tasks.')).toHaveLength(1);
  expect(messages.filter((m) => /(registered|draining connections on) 1 (targets|tasks)/.test(m ?? ''))).toEqual([]);

  const health = await clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }));
  expect(health.TargetHealthDescriptions).toHaveLength(2);
  for (const d of health.TargetHealthDescriptions ?? []) {
    expect(d.TargetHealth?.State).toBe('healthy');
    expect(d.Target?.Id).toMatch(/^10\.0\.\d+\.\d+$/);
    expect(d.Target?.Port).toBe(8080);
  }

  const list = await clients.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'web' }));
  expect(list.serviceDeployments?.map((d) => d.status)).toEqual(['SUCCESSFUL', 'SUCCESSFUL']);
  const latest = list.serviceDeployments?.[0];
  expect(latest?.serviceDeploymentArn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:service-deployment\/prod\/web\/[A-Za-z0-9]{21}$/);
  const described = await clients.ecs.send(
    new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [latest?.serviceDeploymentArn ?? ''] }),
  );
  const sd = described.serviceDeployments?.[0];
  expect(sd).toMatchObject({
    status: 'SUCCESSFUL',
    deploymentCircuitBreaker: { status: 'MONITORING_COMPLETE', failureCount: 0, threshold: 3 },
    targetServiceRevision: { requestedTaskCount: 2, runningTaskCount: 2, pendingTaskCount: 0 },
    deploymentConfiguration: {
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      deploymentCircuitBreaker: { enable: true, rollback: true },
    },
    alarms: { status: 'DISABLED' },
  });
  expect(sd?.finishedAt).toBeInstanceOf(Date);
  expect(sd?.sourceServiceRevisions).toHaveLength(1);
  const revisions = await clients.ecs.send(
    new DescribeServiceRevisionsCommand({ serviceRevisionArns: [sd?.targetServiceRevision?.arn ?? ''] }),
  );
  expect(revisions.serviceRevisions?.[0]).toMatchObject({
    taskDefinition: td2,
    containerImages: [{ containerName: 'web', image: 'app:2', imageDigest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) }],
  });
});

test('a crash-looping image trips the circuit breaker, which rolls back to the last completed task definition', async () => {
  const td1 = await existingService({ enable: true, rollback: true });
  sandbox.admin.setImageBehavior('app:bad', { kind: 'exit', exitCode: 3 });
  const td2 = await registerTd(clients.ecs, 'app:bad');
  const updated = await clients.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: td2 }));
  const failedId = updated.service?.deployments?.find((d) => d.status === 'PRIMARY')?.id;

  sandbox.admin.advance(10 * 60_000);
  const service = await describe1();
  const failed = service?.deployments?.find((d) => d.id === failedId);
  const rollback = service?.deployments?.find((d) => d.status === 'PRIMARY');
  // The failed deployment drains away once the rollback completes; the rollback is PRIMARY and COMPLETED.
  expect(failed).toBeUndefined();
  expect(rollback).toMatchObject({ taskDefinition: td1, rolloutState: 'COMPLETED' });
  expect(service?.taskDefinition).toBe(td1);
  const messages = (service?.events ?? []).map((e) => e.message);
  expect(messages).toContain(`(service web) (deployment ${failedId}) deployment failed: tasks failed to start.`);
  expect(messages).toContainEqual(
    expect.stringMatching(new RegExp(`^\\(service web\\) \\(deployment ${failedId}\\) rolling back to deployment ecs-svc/\\d+\\.$`)),
  );

  const list = await clients.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'web' }));
  const sdArn = list.serviceDeployments?.[0]?.serviceDeploymentArn ?? '';
  expect(list.serviceDeployments?.[0]?.status).toBe('ROLLBACK_SUCCESSFUL');
  const sd = (await clients.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [sdArn] }))).serviceDeployments?.[0];
  expect(sd?.deploymentCircuitBreaker).toMatchObject({ status: 'TRIGGERED', threshold: 3 });
  expect(sd?.deploymentCircuitBreaker?.failureCount).toBeGreaterThanOrEqual(3);
  expect(sd?.rollback?.reason).toBe('ECS deployment circuit breaker: tasks failed to start.');
  expect(sd?.rollback?.startedAt).toBeInstanceOf(Date);
  expect(sd?.rollback?.serviceRevisionArn).toBe(list.serviceDeployments?.[1]?.targetServiceRevisionArn);
});

test('a crash-looping deployment seen mid-way: FAILED with the breaker reason while the rollback is IN_PROGRESS', async () => {
  await existingService({ enable: true, rollback: true });
  // The rollback's tasks start slowly, so the in-between state lasts long enough to be seen in real time.
  sandbox.admin.setImageBehavior('app:1', { kind: 'slow-start', startSeconds: 900 });
  sandbox.admin.setImageBehavior('app:bad', { kind: 'exit', exitCode: 3 });
  const td2 = await registerTd(clients.ecs, 'app:bad');
  const updated = await clients.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: td2 }));
  const failedId = updated.service?.deployments?.find((d) => d.status === 'PRIMARY')?.id;
  const seen = await waitFor(
    async () => {
      const service = await describe1();
      const failed = service?.deployments?.find((d) => d.id === failedId);
      return failed?.rolloutState === 'FAILED' ? service : undefined;
    },
    { timeoutMs: 15_000, label: 'the circuit breaker to fail the deployment' },
  );
  const failed = seen.deployments?.find((d) => d.id === failedId);
  expect(failed).toMatchObject({ status: 'ACTIVE', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' });
  expect(failed?.failedTasks).toBeGreaterThanOrEqual(3);
  expect(seen.deployments?.[0]).toMatchObject({
    status: 'PRIMARY',
    rolloutStateReason: expect.stringMatching(/^ECS deployment circuit breaker: rolling back to deploymentId ecs-svc\/\d+\.$/),
  });
});

test('failing target health without a circuit breaker stays IN_PROGRESS, replacing unhealthy tasks', async () => {
  await existingService({ enable: false, rollback: false });
  sandbox.admin.setImageBehavior('app:sick', { kind: 'unhealthy-target' });
  const td2 = await registerTd(clients.ecs, 'app:sick');
  const updated = await clients.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: td2 }));
  const id = updated.service?.deployments?.find((d) => d.status === 'PRIMARY')?.id;
  sandbox.admin.advance(30 * 60_000);
  const service = await describe1();
  const primary = service?.deployments?.find((d) => d.id === id);
  expect(primary).toMatchObject({ status: 'PRIMARY', rolloutState: 'IN_PROGRESS' });
  expect(primary?.failedTasks).toBeGreaterThan(3);
  // minimumHealthyPercent 100: the old tasks keep serving.
  expect(service?.deployments?.find((d) => d.status === 'ACTIVE')?.runningCount).toBe(2);
  const messages = (service?.events ?? []).map((e) => e.message);
  expect(messages).toContainEqual(
    expect.stringMatching(
      /^\(service web\) \(task [0-9a-f]{32}\) \(port 8080\) is unhealthy in \(target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/web\/[0-9a-f]{16}\) due to \(reason Health checks failed\)\.$/,
    ),
  );
  const health = await clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }));
  const states = (health.TargetHealthDescriptions ?? []).map((d) => d.TargetHealth?.State);
  expect(states.filter((s) => s === 'healthy')).toHaveLength(2);
  const unhealthy = health.TargetHealthDescriptions?.find(
    (d) => d.TargetHealth?.State === 'unhealthy' || d.TargetHealth?.State === 'draining',
  );
  expect(unhealthy?.TargetHealth?.Reason).toMatch(/^Target\.(FailedHealthChecks|DeregistrationInProgress)$/);
  const list = await clients.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'web' }));
  expect(list.serviceDeployments?.[0]?.status).toBe('IN_PROGRESS');
});

test('StopServiceDeployment with ROLLBACK rolls an in-flight deployment back', async () => {
  const td1 = await existingService({ enable: false, rollback: false });
  sandbox.admin.setImageBehavior('app:slow', { kind: 'slow-start', startSeconds: 3600 });
  const td2 = await registerTd(clients.ecs, 'app:slow');
  await clients.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: td2 }));
  sandbox.admin.advance(60_000);
  const list = await clients.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'web', status: ['IN_PROGRESS'] }));
  const arn = list.serviceDeployments?.[0]?.serviceDeploymentArn ?? '';
  expect(arn).not.toBe('');
  const stopped = await clients.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
  expect(stopped.serviceDeploymentArn).toBe(arn);
  const requested = (await clients.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })))
    .serviceDeployments?.[0];
  expect(requested?.status).toMatch(/^ROLLBACK_(REQUESTED|IN_PROGRESS)$/);
  sandbox.admin.advance(10 * 60_000);
  const done = (await clients.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments?.[0];
  expect(done?.status).toBe('ROLLBACK_SUCCESSFUL');
  expect(done?.rollback?.reason).toBeDefined();
  const service = await describe1();
  expect(service?.taskDefinition).toBe(td1);
  expect(service?.deployments).toHaveLength(1);
  await expect(
    clients.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })),
  ).rejects.toMatchObject({ name: 'ConflictException' });
});
