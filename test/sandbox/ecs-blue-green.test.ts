import { DescribeServiceDeploymentsCommand, DescribeServicesCommand, ListTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { clientsFor } from './helpers.js';
import { registerTd, settledService, STAGED_LIFECYCLE_STAGES, type StrategyRig } from './strategy-helpers.js';

/** ECS native blue/green: green scales up beside blue, goes through the lifecycle stages and the bake time, blue is cleaned up. */

let sandbox: Sandbox;
let clients: ReturnType<typeof clientsFor>;

beforeEach(async () => {
  // Real time barely moves the clock: the test steps it with admin.advance.
  sandbox = await startSandbox({ timeScale: 1, seed: 5 });
  clients = clientsFor(sandbox);
});
afterEach(async () => {
  await sandbox.stop();
});

const rig = (): StrategyRig => ({ sandbox, clients });

// Blue/green needs a load balancer (settledService puts the service behind one); a task counts as healthy once its target does.
const blueGreenService = () =>
  settledService(rig(), { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 2, deploymentCircuitBreaker: { enable: true, rollback: true } });

const runningTasks = async () =>
  (await clients.ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'web', desiredStatus: 'RUNNING' }))).taskArns ?? [];
const describeDeployment = async (arn: string) =>
  (await clients.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments?.[0];

test('a blue/green deployment goes through every stage, bakes with both revisions up, then cleans blue up', async () => {
  await blueGreenService();
  const td2 = await registerTd(rig(), 'app:2');
  const updated = await clients.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: td2 }));
  expect(updated.service?.deploymentConfiguration).toMatchObject({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 2 });
  const arn = updated.service?.currentServiceDeployment ?? '';
  const stages: string[] = [];
  let tasksWhileBaking = 0;
  for (let second = 0; second < 600; second++) {
    sandbox.admin.advance(1000);
    const sd = await describeDeployment(arn);
    const stage = sd?.lifecycleStage ?? '';
    if (stages.at(-1) !== stage) stages.push(stage);
    if (stage === 'BAKE_TIME') tasksWhileBaking = Math.max(tasksWhileBaking, (await runningTasks()).length);
    if (sd?.status === 'SUCCESSFUL') break;
  }
  expect(stages).toEqual(STAGED_LIFECYCLE_STAGES);
  expect(tasksWhileBaking).toBe(4);
  const service = (await clients.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }))).services?.[0];
  expect(service?.deployments).toEqual([expect.objectContaining({ taskDefinition: td2, rolloutState: 'COMPLETED', runningCount: 2 })]);
});

test('green tasks that crash: the circuit breaker rolls back to blue, whose tasks never stopped', async () => {
  const td1 = await blueGreenService();
  const blue = await runningTasks();
  sandbox.admin.setImageBehavior('app:bad', { kind: 'exit', exitCode: 2 });
  const td2 = await registerTd(rig(), 'app:bad');
  const updated = await clients.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: td2 }));
  sandbox.admin.advance(10 * 60_000);
  const sd = await describeDeployment(updated.service?.currentServiceDeployment ?? '');
  expect(sd).toMatchObject({
    status: 'ROLLBACK_SUCCESSFUL',
    lifecycleStage: 'SCALE_UP',
    deploymentCircuitBreaker: { status: 'TRIGGERED' },
  });
  const service = (await clients.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }))).services?.[0];
  expect(service?.deployments?.[0]).toMatchObject({ taskDefinition: td1, rolloutState: 'COMPLETED' });
  expect((await runningTasks()).sort()).toEqual([...blue].sort());
});
