import {
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  ListServiceDeploymentsCommand,
  RegisterTaskDefinitionCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { clientsFor, fargateTaskDefinition, NETWORK } from './helpers.js';

/**
 * Service.currentServiceDeployment: the ARN of the service deployment the latest update created, in
 * the answers of CreateService, UpdateService and DescribeServices. Callers follow the deployment
 * they started with it instead of listing service deployments and matching revisions.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Service.html
 */

let sandbox: Sandbox;
let clients: ReturnType<typeof clientsFor>;

beforeEach(async () => {
  sandbox = await startSandbox({ timeScale: 600, seed: 7 });
  clients = clientsFor(sandbox);
  sandbox.admin.createCluster('prod');
});
afterEach(async () => {
  await sandbox.stop();
});

async function registerTd(image: string): Promise<string> {
  const out = await clients.ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition('web', image)));
  return out.taskDefinition?.taskDefinitionArn ?? '';
}

async function current(): Promise<string | undefined> {
  const described = await clients.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }));
  return described.services?.[0]?.currentServiceDeployment;
}

async function createService(breaker: { enable: boolean; rollback: boolean }): Promise<string | undefined> {
  const created = await clients.ecs.send(
    new CreateServiceCommand({
      cluster: 'prod',
      serviceName: 'web',
      taskDefinition: await registerTd('app:1'),
      desiredCount: 2,
      networkConfiguration: NETWORK,
      deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100, deploymentCircuitBreaker: breaker },
    }),
  );
  expect(sandbox.admin.settle('prod', 'web')).toBe('COMPLETED');
  return created.service?.currentServiceDeployment;
}

const ARN = /^arn:aws:ecs:us-east-1:123456789012:service-deployment\/prod\/web\/[A-Za-z0-9]{21}$/;

test('UpdateService answers with the new service deployment, which DescribeServices and ListServiceDeployments agree on', async () => {
  const first = await createService({ enable: true, rollback: true });
  expect(first).toMatch(ARN);
  expect(await current()).toBe(first);

  const td2 = await registerTd('app:2');
  const updated = await clients.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: td2 }));
  const arn = updated.service?.currentServiceDeployment;
  expect(arn).toMatch(ARN);
  expect(arn).not.toBe(first);
  expect(await current()).toBe(arn);

  const listed = await clients.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'web' }));
  expect(listed.serviceDeployments?.[0]?.serviceDeploymentArn).toBe(arn);
  const described = await clients.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn ?? ''] }));
  const revisions = await clients.ecs.send(
    new DescribeServiceRevisionsCommand({ serviceRevisionArns: [described.serviceDeployments?.[0]?.targetServiceRevision?.arn ?? ''] }),
  );
  expect(revisions.serviceRevisions?.[0]?.taskDefinition).toBe(td2);

  // An update that changes nothing starts no deployment: the current one stays.
  const unchanged = await clients.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: td2 }));
  expect(unchanged.service?.currentServiceDeployment).toBe(arn);
});

test('a circuit-breaker rollback stays inside the service deployment it undoes', async () => {
  await createService({ enable: true, rollback: true });
  // Without a load balancer a task that runs at all counts as healthy, so the bad image fails before it runs.
  sandbox.admin.setImageBehavior('app:bad', { kind: 'pull-error' });
  const updated = await clients.ecs.send(
    new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: await registerTd('app:bad') }),
  );
  const arn = updated.service?.currentServiceDeployment ?? '';
  sandbox.admin.advance(10 * 60_000);
  expect(await current()).toBe(arn);
  const sd = await clients.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }));
  expect(sd.serviceDeployments?.[0]?.status).toBe('ROLLBACK_SUCCESSFUL');
});

test('StopServiceDeployment with ROLLBACK keeps the current service deployment', async () => {
  await createService({ enable: false, rollback: false });
  sandbox.admin.setImageBehavior('app:slow', { kind: 'slow-start', startSeconds: 3600 });
  const updated = await clients.ecs.send(
    new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: await registerTd('app:slow') }),
  );
  const arn = updated.service?.currentServiceDeployment ?? '';
  sandbox.admin.advance(60_000);
  await clients.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
  sandbox.admin.advance(10 * 60_000);
  expect(await current()).toBe(arn);
  const sd = await clients.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }));
  expect(sd.serviceDeployments?.[0]?.status).toBe('ROLLBACK_SUCCESSFUL');
});
