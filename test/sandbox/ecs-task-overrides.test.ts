import { DescribeTasksCommand, RegisterTaskDefinitionCommand, RunTaskCommand, type Task, type TaskOverride } from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { waitFor } from '../wait-for.js';
import { clientsFor, fargateTaskDefinition, NETWORK } from './helpers.js';

/**
 * RunTask's container overrides: a one-off task of a serving image runs the command it is given (the
 * migration), and what it does is the image's behaviour for that command; DescribeTasks reports the
 * overrides as given.
 */

let sandbox: Sandbox;
let ecs: ReturnType<typeof clientsFor>['ecs'];
const MIGRATE = ['bin/migrate'];

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 600, seed: 5 });
  ecs = clientsFor(sandbox).ecs;
  sandbox.admin.createCluster('db');
});
afterAll(async () => {
  await sandbox.stop();
});

async function run(image: string, overrides?: TaskOverride): Promise<string> {
  const td = await ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition('phoenix', image)));
  const started = await ecs.send(
    new RunTaskCommand({
      cluster: 'db',
      taskDefinition: td.taskDefinition?.taskDefinitionArn,
      networkConfiguration: NETWORK,
      ...(overrides ? { overrides } : {}),
    }),
  );
  return started.tasks?.[0]?.taskArn ?? '';
}

async function describe(taskArn: string): Promise<Task> {
  const task = (await ecs.send(new DescribeTasksCommand({ cluster: 'db', tasks: [taskArn] }))).tasks?.[0];
  if (!task) throw new Error(`no task ${taskArn}`);
  return task;
}

function stopped(taskArn: string): Promise<Task> {
  return waitFor(async () => ((await describe(taskArn)).lastStatus === 'STOPPED' ? describe(taskArn) : undefined), {
    timeoutMs: 15_000,
    label: `task ${taskArn} to stop`,
  });
}

test('a command with its own behaviour decides the task; the image without it keeps serving', async () => {
  sandbox.admin.setImageBehavior('phx:1', { kind: 'exit', exitCode: 0, logLines: ['migrated'] }, { command: MIGRATE });
  const environment = [{ name: 'MIX_ENV', value: 'prod' }];
  const migration = await run('phx:1', { containerOverrides: [{ name: 'web', command: MIGRATE, environment }] });
  const server = await run('phx:1');

  const task = await stopped(migration);
  expect(task.containers?.[0]).toMatchObject({ name: 'web', exitCode: 0, lastStatus: 'STOPPED' });
  expect(task.overrides).toEqual({
    containerOverrides: [{ name: 'web', command: MIGRATE, environment }],
    inferenceAcceleratorOverrides: [],
  });
  // The same image with its own CMD serves on: the exit belongs to the command, not the image.
  expect(await describe(server)).toMatchObject({
    lastStatus: 'RUNNING',
    overrides: { containerOverrides: [{ name: 'web' }], inferenceAcceleratorOverrides: [] },
  });
});

test('a failing command stops the task with its exit code', async () => {
  sandbox.admin.setImageBehavior('phx:2', { kind: 'exit', exitCode: 1 }, { command: MIGRATE });
  const task = await stopped(await run('phx:2', { containerOverrides: [{ name: 'web', command: MIGRATE }] }));
  expect(task).toMatchObject({ stopCode: 'EssentialContainerExited', containers: [expect.objectContaining({ exitCode: 1 })] });
});

test('a command no behaviour names runs as the image does', async () => {
  sandbox.admin.setImageBehavior('phx:3', { kind: 'exit', exitCode: 3 });
  const task = await stopped(await run('phx:3', { containerOverrides: [{ name: 'web', command: ['bin/seed'] }] }));
  expect(task.containers?.[0]?.exitCode).toBe(3);
});

test('an override naming no container of the task definition is refused', async () => {
  await expect(run('phx:1', { containerOverrides: [{ name: 'api', command: MIGRATE }] })).rejects.toMatchObject({
    name: 'InvalidParameterException',
    message: 'Override for container named api is not a container in the TaskDefinition.',
  });
});
