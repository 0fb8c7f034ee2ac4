import {
  BatchGetDeploymentTargetsCommand,
  CodeDeployClient,
  CreateDeploymentCommand,
  GetApplicationRevisionCommand,
  GetDeploymentCommand,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  ListDeploymentsCommand,
  ListDeploymentTargetsCommand,
} from '@aws-sdk/client-codedeploy';
import { DescribeServicesCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { appSpecText, blueGreenWorld, deploy, lifecycle, modelViolations, TARGET_ID, type CodeDeployWorld } from './codedeploy-helpers.js';
import { fargateTaskDefinition } from './helpers.js';

/** The sandbox's CodeDeploy through the real SDK: a healthy ECS blue/green deployment, the read API, and what it refuses. */

let world: CodeDeployWorld;

afterEach(async () => {
  await world.sandbox.stop();
});

const describeService = async () =>
  (await world.clients.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }))).services?.[0];

test('a healthy deployment runs every lifecycle event in order, moves test then production traffic, and removes the original after the termination wait', async () => {
  world = await blueGreenWorld(11);
  const [blueTg, greenTg] = world.targetGroupArns;
  const id = await deploy(world, 'app:2', { BeforeInstall: 'PreCheck', AfterAllowTestTraffic: 'SmokeTest' });
  expect(id).toMatch(/^d-[A-Z0-9]{9}$/);

  const seen: string[] = [];
  let testWeightsAtSmokeTest: Record<string, number> = {};
  for (let second = 0; second < 600; second++) {
    world.sandbox.admin.advance(1000);
    const target = await lifecycle(world, id);
    for (const event of target?.lifecycleEvents ?? []) {
      const mark = `${event.lifecycleEventName}:${event.status}`;
      if (event.status !== 'Pending' && !seen.includes(mark)) seen.push(mark);
    }
    if (seen.includes('AfterAllowTestTraffic:InProgress') && Object.keys(testWeightsAtSmokeTest).length === 0)
      testWeightsAtSmokeTest = world.sandbox.admin.codedeploy.listenerWeights(world.testListenerArn);
    if (
      target?.status === 'Succeeded' ||
      (await world.clients.codedeploy.send(new GetDeploymentCommand({ deploymentId: id }))).deploymentInfo
        ?.instanceTerminationWaitTimeStarted
    )
      break;
  }
  expect(seen.filter((m) => m.endsWith(':Succeeded'))).toEqual([
    'BeforeInstall:Succeeded',
    'Install:Succeeded',
    'AfterInstall:Succeeded',
    'AllowTestTraffic:Succeeded',
    'AfterAllowTestTraffic:Succeeded',
    'BeforeAllowTraffic:Succeeded',
    'AllowTraffic:Succeeded',
    'AfterAllowTraffic:Succeeded',
  ]);
  expect(testWeightsAtSmokeTest).toEqual({ [greenTg]: 100 });
  expect(world.sandbox.admin.codedeploy.hookInvocations().map((h) => [h.lifecycleEventName, h.functionName])).toEqual([
    ['BeforeInstall', 'PreCheck'],
    ['AfterAllowTestTraffic', 'SmokeTest'],
  ]);

  // Termination wait: production is on green (PRIMARY), blue still runs (ACTIVE), the deployment is not over.
  const waiting = (await world.clients.codedeploy.send(new GetDeploymentCommand({ deploymentId: id }))).deploymentInfo;
  expect(waiting).toMatchObject({ status: 'InProgress', instanceTerminationWaitTimeStarted: true, computePlatform: 'ECS' });
  expect(world.sandbox.admin.codedeploy.listenerWeights(world.prodListenerArn)).toEqual({ [greenTg]: 100 });
  const during = await describeService();
  expect(during?.deploymentController).toEqual({ type: 'CODE_DEPLOY' });
  expect(during?.taskSets?.map((ts) => [ts.status, ts.loadBalancers?.[0]?.targetGroupArn, ts.runningCount])).toEqual([
    ['ACTIVE', blueTg, 2],
    ['PRIMARY', greenTg, 2],
  ]);
  const target = await lifecycle(world, id);
  expect(target?.taskSetsInfo?.map((ts) => [ts.taskSetLabel, ts.trafficWeight, ts.targetGroup?.name])).toEqual([
    ['Blue', 0, 'web-blue'],
    ['Green', 100, 'web-green'],
  ]);

  expect(world.sandbox.admin.codedeploy.settle(id)).toBe('Succeeded');
  world.sandbox.admin.advance(30_000);
  const after = await describeService();
  expect(after?.taskSets?.map((ts) => ts.status)).toEqual(['PRIMARY']);
  expect(after?.taskDefinition).toMatch(/task-definition\/web:2$/);
  expect(after?.events?.some((e) => e.message?.includes('was deleted by (deployment'))).toBe(true);

  const group = (
    await world.clients.codedeploy.send(new GetDeploymentGroupCommand({ applicationName: 'web-app', deploymentGroupName: 'web-dg' }))
  ).deploymentGroupInfo;
  expect(group).toMatchObject({
    computePlatform: 'ECS',
    ecsServices: [{ clusterName: 'prod', serviceName: 'web' }],
    lastSuccessfulDeployment: { deploymentId: id, status: 'Succeeded' },
    deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
  });
  const revision = (await world.clients.codedeploy.send(new GetDeploymentCommand({ deploymentId: id }))).deploymentInfo?.revision;
  const stored = await world.clients.codedeploy.send(new GetApplicationRevisionCommand({ applicationName: 'web-app', revision }));
  expect(stored.revisionInfo?.deploymentGroups).toEqual(['web-dg']);
  expect(
    (await world.clients.codedeploy.send(new ListDeploymentsCommand({ applicationName: 'web-app', deploymentGroupName: 'web-dg' })))
      .deployments,
  ).toEqual([id]);
  expect((await world.clients.codedeploy.send(new ListDeploymentTargetsCommand({ deploymentId: id }))).targetIds).toEqual([TARGET_ID]);
  const batch = await world.clients.codedeploy.send(new BatchGetDeploymentTargetsCommand({ deploymentId: id, targetIds: [TARGET_ID] }));
  expect(batch.deploymentTargets?.[0]?.deploymentTargetType).toBe('ECSTarget');
  expect(modelViolations(world)).toEqual([]);
});

test('a canary configuration sends 10% of production to the replacement first, the rest after the interval', async () => {
  world = await blueGreenWorld(12, {
    deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
    terminationWaitTimeInMinutes: 0,
  });
  const [blueTg, greenTg] = world.targetGroupArns;
  const id = await deploy(world, 'app:2');
  let split: Record<string, number> = {};
  for (let second = 0; second < 300 && Object.keys(split).length < 2; second++) {
    world.sandbox.admin.advance(1000);
    split = world.sandbox.admin.codedeploy.listenerWeights(world.prodListenerArn);
  }
  expect(split).toEqual({ [blueTg]: 90, [greenTg]: 10 });
  const config = await world.clients.codedeploy.send(
    new GetDeploymentConfigCommand({ deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes' }),
  );
  expect(config.deploymentConfigInfo?.trafficRoutingConfig).toEqual({
    type: 'TimeBasedCanary',
    timeBasedCanary: { canaryPercentage: 10, canaryInterval: 5 },
  });
  expect(world.sandbox.admin.codedeploy.settle(id)).toBe('Succeeded');
  expect(world.sandbox.admin.codedeploy.listenerWeights(world.prodListenerArn)).toEqual({ [greenTg]: 100 });
  expect(modelViolations(world)).toEqual([]);
});

test('refuses what CodeDeploy and ECS refuse: a second deployment in flight, a broken AppSpec, UpdateService of the task definition', async () => {
  world = await blueGreenWorld(13);
  const id = await deploy(world, 'app:2');
  await expect(deploy(world, 'app:3')).rejects.toMatchObject({
    name: 'DeploymentLimitExceededException',
    message: expect.stringContaining(id),
  });
  const content = appSpecText('web:1').replace('TaskDefinition', 'TaskDef');
  await expect(
    world.clients.codedeploy.send(
      new CreateDeploymentCommand({
        applicationName: 'web-app',
        deploymentGroupName: 'web-dg',
        revision: { revisionType: 'AppSpecContent', appSpecContent: { content } },
      }),
    ),
  ).rejects.toMatchObject({ name: 'InvalidRevisionException', message: expect.stringContaining('TaskDefinition') });
  await expect(
    world.clients.codedeploy.send(
      new CreateDeploymentCommand({
        applicationName: 'web-app',
        deploymentGroupName: 'nope',
        revision: { revisionType: 'AppSpecContent', appSpecContent: { content } },
      }),
    ),
  ).rejects.toMatchObject({ name: 'DeploymentGroupDoesNotExistException' });
  await expect(world.clients.codedeploy.send(new GetDeploymentCommand({ deploymentId: 'd-AAAAAAAAA' }))).rejects.toMatchObject({
    name: 'DeploymentDoesNotExistException',
  });
  const td = world.sandbox.admin.registerTaskDefinition(fargateTaskDefinition('web', 'app:4'));
  await expect(
    world.clients.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: td })),
  ).rejects.toMatchObject({
    name: 'InvalidParameterException',
    message: expect.stringContaining('CODE_DEPLOY'),
  });
  // desiredCount may change: every task set follows it.
  await world.clients.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', desiredCount: 3 }));
  expect(world.sandbox.admin.codedeploy.settle(id)).toBe('Succeeded');
  world.sandbox.admin.advance(30_000);
  expect((await describeService())?.taskSets).toEqual([
    expect.objectContaining({ status: 'PRIMARY', computedDesiredCount: 3, runningCount: 3 }),
  ]);
  expect(modelViolations(world)).toEqual([]);
});

test('calls are authorized against the deployment group and configuration ARNs, so a session policy can scope them', async () => {
  world = await blueGreenWorld(14);
  const role = 'arn:aws:iam::123456789012:role/deployer';
  world.sandbox.admin.identity.createRole({ arn: role, trust: { subjects: ['repo:*'] } });
  const tokenUrl = `${world.sandbox.env.ACTIONS_ID_TOKEN_REQUEST_URL ?? ''}&audience=sts.amazonaws.com`;
  const token = (await (
    await fetch(tokenUrl, { headers: { authorization: `Bearer ${world.sandbox.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''}` } })
  ).json()) as { value: string };
  const group = 'arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:web-app/web-dg';
  const policy = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['codedeploy:CreateDeployment', 'codedeploy:GetDeployment'], Resource: group }],
  };
  const sts = new STSClient({ endpoint: world.sandbox.endpoints.sts, region: 'us-east-1', maxAttempts: 1 });
  const out = await sts.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: role,
      RoleSessionName: 'gha',
      WebIdentityToken: token.value,
      Policy: JSON.stringify(policy),
    }),
  );
  const scoped = new CodeDeployClient({
    endpoint: world.sandbox.endpoints.codedeploy,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: {
      accessKeyId: out.Credentials?.AccessKeyId ?? '',
      secretAccessKey: out.Credentials?.SecretAccessKey ?? '',
      sessionToken: out.Credentials?.SessionToken ?? '',
    },
  });
  const td = world.sandbox.admin.registerTaskDefinition(fargateTaskDefinition('web', 'app:2'));
  const revision = { revisionType: 'AppSpecContent' as const, appSpecContent: { content: appSpecText(td) } };
  const created = await scoped.send(new CreateDeploymentCommand({ applicationName: 'web-app', deploymentGroupName: 'web-dg', revision }));
  await expect(scoped.send(new GetDeploymentCommand({ deploymentId: created.deploymentId }))).resolves.toHaveProperty('deploymentInfo');
  await expect(
    scoped.send(new GetDeploymentConfigCommand({ deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce' })),
  ).rejects.toMatchObject({
    name: 'AccessDeniedException',
    message: expect.stringContaining(
      'codedeploy:GetDeploymentConfig on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentconfig:CodeDeployDefault.ECSAllAtOnce',
    ),
  });
  scoped.destroy();
  sts.destroy();
});

test('a JSON AppSpec as a String revision deploys with its own network configuration and platform version on the replacement', async () => {
  world = await blueGreenWorld(15, { terminationWaitTimeInMinutes: 0 });
  const td = world.sandbox.admin.registerTaskDefinition(fargateTaskDefinition('web', 'app:2'));
  const appSpec = {
    version: 0.0,
    Resources: [
      {
        TargetService: {
          Type: 'AWS::ECS::Service',
          Properties: {
            TaskDefinition: td,
            LoadBalancerInfo: { ContainerName: 'web', ContainerPort: 8080 },
            PlatformVersion: '1.4.0',
            NetworkConfiguration: {
              AwsvpcConfiguration: {
                Subnets: ['subnet-0bbb0000000000009'],
                SecurityGroups: ['sg-0bbb0000000000009'],
                AssignPublicIp: 'DISABLED',
              },
            },
          },
        },
      },
    ],
  };
  const { deploymentId } = await world.clients.codedeploy.send(
    new CreateDeploymentCommand({
      applicationName: 'web-app',
      deploymentGroupName: 'web-dg',
      revision: { revisionType: 'String', string: { content: JSON.stringify(appSpec) } },
    }),
  );
  expect(world.sandbox.admin.codedeploy.settle(deploymentId ?? '')).toBe('Succeeded');
  const primary = (await describeService())?.taskSets?.find((ts) => ts.status === 'PRIMARY');
  expect(primary).toMatchObject({
    taskDefinition: td,
    platformVersion: '1.4.0',
    networkConfiguration: {
      awsvpcConfiguration: { subnets: ['subnet-0bbb0000000000009'], securityGroups: ['sg-0bbb0000000000009'], assignPublicIp: 'DISABLED' },
    },
  });
  const info = (await world.clients.codedeploy.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo;
  expect(info?.revision?.revisionType).toBe('String');
  expect(info?.revision?.string?.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(modelViolations(world)).toEqual([]);
});
