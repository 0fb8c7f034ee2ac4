import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { clientsFor, fargateTaskDefinition, NETWORK } from './helpers.js';

/** deploymentConfiguration.alarms: an alarm that goes into ALARM mid-deployment fails it, and rolls it back when asked. */

let sandbox: Sandbox;
let clients: ReturnType<typeof clientsFor>;

beforeEach(async () => {
  // Real time barely moves the clock: every step of the story is an explicit admin.advance.
  sandbox = await startSandbox({ timeScale: 1, seed: 11 });
  clients = clientsFor(sandbox);
});
afterEach(async () => {
  await sandbox.stop();
});

async function registerTd(image: string): Promise<string> {
  const out = await clients.ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition('web', image)));
  return out.taskDefinition?.taskDefinitionArn ?? '';
}

/** A service on web:1 that completed its first deployment, watching the alarm `web-5xx`. */
async function existingService(rollback: boolean): Promise<string> {
  const td = await registerTd('app:1');
  sandbox.admin.createCluster('prod');
  sandbox.admin.createService({
    cluster: 'prod',
    serviceName: 'web',
    taskDefinition: td,
    desiredCount: 2,
    networkConfiguration: NETWORK,
    deploymentConfiguration: {
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      alarms: { alarmNames: ['web-5xx', 'web-latency'], enable: true, rollback },
    },
  });
  expect(sandbox.admin.settle('prod', 'web')).toBe('COMPLETED');
  return td;
}

/** Starts a deployment of a slowly starting image, so it is still in progress when the alarm fires. */
async function deploySlowImage(): Promise<{ deploymentId: string; serviceDeploymentArn: string }> {
  sandbox.admin.setImageBehavior('app:2', { kind: 'slow-start', startSeconds: 300 });
  const td2 = await registerTd('app:2');
  const updated = await clients.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: td2 }));
  return {
    deploymentId: updated.service?.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '',
    serviceDeploymentArn: updated.service?.currentServiceDeployment ?? '',
  };
}

const describeService = async () =>
  (await clients.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }))).services?.[0];
const describeDeployment = async (arn: string): Promise<ServiceDeployment | undefined> =>
  (await clients.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments?.[0];

test('an alarm in ALARM mid-deployment fails it, names the alarm, and rolls back like the circuit breaker', async () => {
  const td1 = await existingService(true);
  const { deploymentId, serviceDeploymentArn } = await deploySlowImage();
  sandbox.admin.advance(20_000);
  expect((await describeDeployment(serviceDeploymentArn))?.alarms).toEqual({
    status: 'MONITORING',
    alarmNames: ['web-5xx', 'web-latency'],
  });

  sandbox.admin.setAlarmState('web-latency', 'ALARM');
  sandbox.admin.advance(2_000);
  const failing = await describeService();
  const reason = 'ECS deployment failed: alarm(s) web-latency went into ALARM state.';
  expect(failing?.deployments?.find((d) => d.id === deploymentId)).toMatchObject({ rolloutState: 'FAILED', rolloutStateReason: reason });
  expect(failing?.deployments?.[0]).toMatchObject({
    status: 'PRIMARY',
    taskDefinition: td1,
    rolloutStateReason: expect.stringMatching(/^ECS deployment alarms: rolling back to deploymentId ecs-svc\/\d+\.$/),
  });
  expect(failing?.events?.map((e) => e.message)).toContain(`(service web) (deployment ${deploymentId}) deployment failed: alarm detected.`);
  expect(await describeDeployment(serviceDeploymentArn)).toMatchObject({
    status: 'ROLLBACK_IN_PROGRESS',
    statusReason: reason,
    rollback: { reason },
    alarms: { status: 'TRIGGERED', alarmNames: ['web-5xx', 'web-latency'], triggeredAlarmNames: ['web-latency'] },
  });

  sandbox.admin.advance(10 * 60_000);
  expect((await describeDeployment(serviceDeploymentArn))?.status).toBe('ROLLBACK_SUCCESSFUL');
  expect((await describeService())?.deployments?.[0]).toMatchObject({ taskDefinition: td1, rolloutState: 'COMPLETED' });
});

test('without alarms.rollback the deployment stops as FAILED and the old tasks keep running', async () => {
  const td1 = await existingService(false);
  const { deploymentId, serviceDeploymentArn } = await deploySlowImage();
  sandbox.admin.setAlarmState('web-5xx', 'ALARM');
  sandbox.admin.advance(10 * 60_000);
  const service = await describeService();
  expect(service?.deployments?.find((d) => d.id === deploymentId)).toMatchObject({ status: 'PRIMARY', rolloutState: 'FAILED' });
  expect(service?.deployments?.find((d) => d.taskDefinition === td1)?.runningCount).toBe(2);
  expect(await describeDeployment(serviceDeploymentArn)).toMatchObject({
    status: 'STOPPED',
    alarms: { status: 'TRIGGERED', triggeredAlarmNames: ['web-5xx'] },
  });
});

test('an alarm already in ALARM when the deployment starts does not count until it goes OK and back', async () => {
  await existingService(true);
  sandbox.admin.setAlarmState('web-5xx', 'ALARM');
  const { serviceDeploymentArn } = await deploySlowImage();
  sandbox.admin.advance(30_000);
  expect((await describeDeployment(serviceDeploymentArn))?.alarms?.status).toBe('MONITORING');
  sandbox.admin.setAlarmState('web-5xx', 'OK');
  sandbox.admin.advance(2_000);
  sandbox.admin.setAlarmState('web-5xx', 'ALARM');
  sandbox.admin.advance(2_000);
  expect((await describeDeployment(serviceDeploymentArn))?.alarms).toMatchObject({ status: 'TRIGGERED', triggeredAlarmNames: ['web-5xx'] });
});

test('a deployment that completes with its alarms OK ends with MONITORING_COMPLETE', async () => {
  await existingService(true);
  const td2 = await registerTd('app:3');
  const updated = await clients.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: td2 }));
  expect(sandbox.admin.settle('prod', 'web')).toBe('COMPLETED');
  expect((await describeDeployment(updated.service?.currentServiceDeployment ?? ''))?.alarms).toEqual({
    status: 'MONITORING_COMPLETE',
    alarmNames: ['web-5xx', 'web-latency'],
  });
});
