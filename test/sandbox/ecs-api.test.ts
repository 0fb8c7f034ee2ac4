import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { fixture, shapeMismatches } from './fixture-shape.js';
import { waitFor } from '../wait-for.js';
import { clientsFor, fargateTaskDefinition, NETWORK } from './helpers.js';

let sandbox: Sandbox;
let ecs: ReturnType<typeof clientsFor>['ecs'];

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 600, seed: 3 });
  ecs = clientsFor(sandbox).ecs;
  await ecs.send(new CreateClusterCommand({ clusterName: 'api' }));
});
afterAll(async () => {
  await sandbox.stop();
});

describe('task definitions', () => {
  test('register, describe with tags, list and deregister, with revisions per family and describe-only fields', async () => {
    const first = await ecs.send(
      new RegisterTaskDefinitionCommand({ ...fargateTaskDefinition('td-api', 'app:1'), tags: [{ key: 'team', value: 'web' }] }),
    );
    const second = await ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition('td-api', 'app:2')));
    expect(first.taskDefinition?.revision).toBe(1);
    expect(second.taskDefinition?.revision).toBe(2);
    expect(first.tags).toEqual([{ key: 'team', value: 'web' }]);
    const described = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'td-api:1', include: ['TAGS'] }));
    expect(described.tags).toEqual([{ key: 'team', value: 'web' }]);
    expect(
      shapeMismatches(described, fixture('ecs-taskdef/aws__aws-cli/ecs/describe-task-definition.output-1.json'), '$', [
        '.links',
        '.volumes[0]',
        '.containerDefinitions[0].environment[0]',
        '.containerDefinitions[0].portMappings[0].hostPort',
        '.containerDefinitions[0].memory',
      ]),
    ).toEqual([]);
    expect(described.taskDefinition).toMatchObject({
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/td-api:1',
      status: 'ACTIVE',
      compatibilities: ['EC2', 'FARGATE'],
      registeredBy: 'arn:aws:iam::123456789012:user/sandbox-admin',
      requiresAttributes: expect.arrayContaining([{ name: 'ecs.capability.task-eni' }]),
    });
    expect(described.taskDefinition?.registeredAt).toBeInstanceOf(Date);
    const latest = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'td-api' }));
    expect(latest.taskDefinition?.revision).toBe(2);
    expect(latest.tags).toBeUndefined();

    const list = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'td-api' }));
    expect(list.taskDefinitionArns).toEqual([first.taskDefinition?.taskDefinitionArn, second.taskDefinition?.taskDefinitionArn]);
    const gone = await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'td-api:2' }));
    expect(gone.taskDefinition).toMatchObject({ status: 'INACTIVE', deregisteredAt: expect.any(Date) });
    expect((await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'td-api' }))).taskDefinitionArns).toHaveLength(1);
    expect(
      (await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'td-api', status: 'INACTIVE' }))).taskDefinitionArns,
    ).toHaveLength(1);
  });

  test.each([
    [{ family: 'x', containerDefinitions: [] }, 'Container list cannot be empty.'],
    [{ family: 'x', containerDefinitions: [{ name: 'a' }] }, 'Container.image should not be null or empty.'],
    [{ family: 'x', containerDefinitions: [{ image: 'nginx' }] }, 'Container.name should not be null or empty.'],
    [
      { family: 'bad family', containerDefinitions: [{ name: 'a', image: 'nginx' }] },
      expect.stringMatching(/^Family contains invalid characters/),
    ],
    [{ ...fargateTaskDefinition('x', 'nginx'), networkMode: 'bridge' }, 'Fargate only supports network mode ‘awsvpc’.'],
    [
      { ...fargateTaskDefinition('x', 'nginx'), executionRoleArn: undefined },
      'Fargate requires task definition to have execution role ARN to support log driver awslogs.',
    ],
  ])('RegisterTaskDefinition rejects %j', async (input, message) => {
    await expect(ecs.send(new RegisterTaskDefinitionCommand(input as never))).rejects.toMatchObject({ name: 'ClientException', message });
  });

  test('an unknown task definition is a ClientException', async () => {
    await expect(ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'nope:9' }))).rejects.toMatchObject({
      name: 'ClientException',
      message: 'Unable to describe task definition.',
    });
  });
});

describe('services', () => {
  test('CreateService and DescribeServices match the documented shape; unknown names are MISSING failures', async () => {
    const td = await ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition('svc-api', 'app:1')));
    const created = await ecs.send(
      new CreateServiceCommand({
        cluster: 'api',
        serviceName: 'svc',
        taskDefinition: td.taskDefinition?.taskDefinitionArn,
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: NETWORK,
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
        tags: [{ key: 'app', value: 'svc' }],
      }),
    );
    expect(created.service?.serviceArn).toBe('arn:aws:ecs:us-east-1:123456789012:service/api/svc');
    const out = await ecs.send(new DescribeServicesCommand({ cluster: 'api', services: ['svc', 'ghost'], include: ['TAGS'] }));
    expect(out.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/api/ghost', reason: 'MISSING' }]);
    const service = out.services?.[0];
    expect(service?.tags).toEqual([{ key: 'app', value: 'svc' }]);
    const documented = fixture('ecs-api/aws__aws-cli/ecs/update-service.output-2.json') as { service: unknown };
    // The documented example spells taskDefinition `taskkDefinition` and uses capacity providers instead of launchType.
    expect(
      shapeMismatches(service, documented.service, '$', ['.taskkDefinition', '.capacityProviderStrategy', '.availabilityZoneRebalancing']),
    ).toEqual([]);
  });

  test('unknown clusters and services get the real errors', async () => {
    await expect(ecs.send(new DescribeServicesCommand({ cluster: 'nowhere', services: ['svc'] }))).rejects.toMatchObject({
      name: 'ClusterNotFoundException',
      message: 'Cluster not found.',
    });
    await expect(ecs.send(new UpdateServiceCommand({ cluster: 'api', service: 'ghost', desiredCount: 1 }))).rejects.toMatchObject({
      name: 'ServiceNotFoundException',
      message: 'Service not found.',
    });
    await expect(
      ecs.send(new CreateServiceCommand({ cluster: 'api', serviceName: 'svc', taskDefinition: 'svc-api', desiredCount: 1 })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('one-off tasks', () => {
  async function runToCompletion(image: string) {
    const td = await ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition('migrate', image)));
    const run = await ecs.send(
      new RunTaskCommand({
        cluster: 'api',
        taskDefinition: td.taskDefinition?.taskDefinitionArn,
        launchType: 'FARGATE',
        networkConfiguration: NETWORK,
        startedBy: 'ecs-deploy',
      }),
    );
    const taskArn = run.tasks?.[0]?.taskArn ?? '';
    expect(run.tasks?.[0]).toMatchObject({ lastStatus: 'PROVISIONING', desiredStatus: 'RUNNING', group: 'family:migrate' });
    expect(taskArn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:task\/api\/[0-9a-f]{32}$/);
    return waitFor(
      async () => {
        const task = (await ecs.send(new DescribeTasksCommand({ cluster: 'api', tasks: [taskArn] }))).tasks?.[0];
        return task?.lastStatus === 'STOPPED' ? task : undefined;
      },
      { timeoutMs: 15_000, label: `task ${taskArn} to stop` },
    );
  }

  test('a task exiting 0 stops with its exit code and the documented shape', async () => {
    sandbox.admin.setImageBehavior('migrate:ok', { kind: 'exit', exitCode: 0, logLines: ['migrating', 'done'] });
    const task = await runToCompletion('migrate:ok');
    expect(task).toMatchObject({
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      desiredStatus: 'STOPPED',
    });
    expect(task.containers?.[0]).toMatchObject({
      name: 'web',
      exitCode: 0,
      lastStatus: 'STOPPED',
      imageDigest: expect.stringMatching(/^sha256:/),
    });
    for (const field of [
      'createdAt',
      'pullStartedAt',
      'pullStoppedAt',
      'startedAt',
      'stoppingAt',
      'stoppedAt',
      'executionStoppedAt',
    ] as const)
      expect(task[field]).toBeInstanceOf(Date);
    const documented = (fixture('ecs-api/aws__aws-cli/ecs/describe-tasks.output-2.json') as { tasks: unknown[] }).tasks[0];
    expect(shapeMismatches(task, documented, '$', ['.containers[0].memory'])).toEqual([]);
  });

  test('a task exiting 1 reports exit code 1', async () => {
    sandbox.admin.setImageBehavior('migrate:bad', { kind: 'exit', exitCode: 1 });
    const task = await runToCompletion('migrate:bad');
    expect(task.containers?.[0]?.exitCode).toBe(1);
    expect(task.stopCode).toBe('EssentialContainerExited');
  });

  test('an image that cannot be pulled stops with CannotPullContainerError and no exit code', async () => {
    sandbox.admin.setImageBehavior('ghost:1', { kind: 'pull-error' });
    const task = await runToCompletion('ghost:1');
    expect(task.stopCode).toBe('TaskFailedToStart');
    expect(task.stoppedReason).toMatch(/^CannotPullContainerError: /);
    expect(task.containers?.[0]?.exitCode).toBeUndefined();
    expect(task.containers?.[0]?.reason).toMatch(/^CannotPullContainerError: /);
    expect(task.startedAt).toBeUndefined();
  });

  test('ListTasks and StopTask', async () => {
    sandbox.admin.setImageBehavior('sleeper:1', { kind: 'healthy' });
    const td = await ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition('sleeper', 'sleeper:1')));
    const run = await ecs.send(
      new RunTaskCommand({ cluster: 'api', taskDefinition: td.taskDefinition?.taskDefinitionArn, networkConfiguration: NETWORK, count: 2 }),
    );
    const arns = run.tasks?.map((t) => t.taskArn ?? '') ?? [];
    const listed = await ecs.send(new ListTasksCommand({ cluster: 'api', family: 'sleeper' }));
    expect(listed.taskArns?.sort()).toEqual([...arns].sort());
    const stopped = await ecs.send(new StopTaskCommand({ cluster: 'api', task: arns[0], reason: 'no longer needed' }));
    expect(stopped.task).toMatchObject({ desiredStatus: 'STOPPED', stoppedReason: 'no longer needed', stopCode: 'UserInitiated' });
    expect((await ecs.send(new ListTasksCommand({ cluster: 'api', family: 'sleeper' }))).taskArns).toEqual([arns[1]]);
    expect((await ecs.send(new ListTasksCommand({ cluster: 'api', family: 'sleeper', desiredStatus: 'STOPPED' }))).taskArns).toEqual([
      arns[0],
    ]);
    const missing = await ecs.send(new DescribeTasksCommand({ cluster: 'api', tasks: ['0123456789abcdef0123456789abcdef'] }));
    expect(missing.failures?.[0]).toMatchObject({ reason: 'MISSING' });
  });

  test('RunTask of an awsvpc task definition without a network configuration is rejected', async () => {
    await expect(ecs.send(new RunTaskCommand({ cluster: 'api', taskDefinition: 'sleeper' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });
});
