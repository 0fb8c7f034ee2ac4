import type { Service } from '@aws-sdk/client-ecs';
import { parse } from 'yaml';
import { appSpecForService, appSpecFromUser, checkUserAppSpec, taskDefinitionOfAppSpec } from '../../../../src/lib/codedeploy/appspec.js';
import { TD1, TD2 } from '../ecs/fakes.js';

const service: Service = {
  serviceName: 'web',
  deploymentController: { type: 'CODE_DEPLOY' },
  loadBalancers: [
    {
      targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-blue/1',
      containerName: 'web',
      containerPort: 8080,
    },
  ],
  platformVersion: '1.4.0',
  networkConfiguration: {
    awsvpcConfiguration: { subnets: ['subnet-1', 'subnet-2'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' },
  },
  capacityProviderStrategy: [
    { capacityProvider: 'FARGATE_SPOT', weight: 3, base: 0 },
    { capacityProvider: 'FARGATE', weight: 1, base: 1 },
  ],
};

describe('appSpecForService', () => {
  it('carries the load balancer, platform version, network configuration and capacity providers of the service', () => {
    const appSpec = appSpecForService(service, TD2);
    expect(JSON.parse(appSpec.content)).toEqual({
      version: 0,
      Resources: [
        {
          TargetService: {
            Type: 'AWS::ECS::Service',
            Properties: {
              TaskDefinition: TD2,
              LoadBalancerInfo: { ContainerName: 'web', ContainerPort: 8080 },
              PlatformVersion: '1.4.0',
              NetworkConfiguration: {
                AwsvpcConfiguration: { Subnets: ['subnet-1', 'subnet-2'], SecurityGroups: ['sg-1'], AssignPublicIp: 'DISABLED' },
              },
              CapacityProviderStrategy: [
                { CapacityProvider: 'FARGATE_SPOT', Base: 0, Weight: 3 },
                { CapacityProvider: 'FARGATE', Base: 1, Weight: 1 },
              ],
            },
          },
        },
      ],
    });
    expect(appSpec.container).toEqual({ name: 'web', port: 8080 });
  });

  it('prefers what the PRIMARY task set runs with, and leaves out what the service does not set', () => {
    const withTaskSet: Service = {
      serviceName: 'web',
      loadBalancers: [{ containerName: 'web', containerPort: 8080 }],
      taskSets: [
        {
          status: 'PRIMARY',
          taskDefinition: TD1,
          platformVersion: '1.3.0',
          loadBalancers: [{ containerName: 'api', containerPort: 9000 }],
        },
      ],
    };
    const properties = JSON.parse(appSpecForService(withTaskSet, TD2).content).Resources[0].TargetService.Properties;
    expect(properties).toEqual({
      TaskDefinition: TD2,
      LoadBalancerInfo: { ContainerName: 'api', ContainerPort: 9000 },
      PlatformVersion: '1.3.0',
    });
  });

  it('refuses a service without a load balancer container, pointing at codedeploy-appspec', () => {
    expect(() => appSpecForService({ serviceName: 'web' }, TD2)).toThrow(/names no load balancer container and port.*'codedeploy-appspec'/);
  });
});

const userFile = `
version: 0.0
resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: <TASK_DEFINITION>
        LoadBalancerInfo:
          ContainerName: "web"
          ContainerPort: "8080"
Hooks:
  - AfterAllowTestTraffic: "SmokeTest"
  - BeforeAllowTraffic: "CheckMigrations"
`;

describe('the user AppSpec file', () => {
  it('puts the registered task definition in, keeps everything else, and reads its hooks (keys in any case)', async () => {
    const user = checkUserAppSpec(parse(userFile), 'codedeploy-appspec');
    expect(user.container).toEqual({ name: 'web', port: 8080 });
    expect([...user.hooks]).toEqual([
      ['AfterAllowTestTraffic', 'SmokeTest'],
      ['BeforeAllowTraffic', 'CheckMigrations'],
    ]);
    const appSpec = appSpecFromUser(user, TD2);
    const sent = JSON.parse(appSpec.content);
    expect(sent.resources[0].TargetService.Properties.TaskDefinition).toBe(TD2);
    expect(sent.Hooks).toEqual([{ AfterAllowTestTraffic: 'SmokeTest' }, { BeforeAllowTraffic: 'CheckMigrations' }]);
    // The parsed file is not changed: a second deployment from it would start from the placeholder again.
    expect(user.taskDefinitionValue).toBe('<TASK_DEFINITION>');
    expect(await taskDefinitionOfAppSpec(appSpec.content)).toBe(TD2);
  });

  it.each([
    ['a list', [], /is not an AppSpec document/],
    ['no resources', { version: 0 }, /exactly one resource under Resources/],
    ['two resources', { Resources: [{}, {}] }, /exactly one resource/],
    ['a Lambda target', { Resources: [{ T: { Type: 'AWS::Lambda::Function', Properties: {} } }] }, /not Type AWS::ECS::Service/],
    ['no TaskDefinition', { Resources: [{ T: { Type: 'AWS::ECS::Service', Properties: {} } }] }, /has no TaskDefinition/],
    [
      'no container port',
      {
        Resources: [{ T: { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: 'x', LoadBalancerInfo: { ContainerName: 'web' } } } }],
      },
      /no LoadBalancerInfo with a ContainerName and a ContainerPort/,
    ],
    [
      'a hook on Install',
      {
        Resources: [
          {
            T: {
              Type: 'AWS::ECS::Service',
              Properties: { TaskDefinition: 'x', LoadBalancerInfo: { ContainerName: 'web', ContainerPort: 80 } },
            },
          },
        ],
        Hooks: [{ Install: 'fn' }],
      },
      /has a hook that is not/,
    ],
  ])('refuses %s, naming the input', (_name, document, message) => {
    expect(() => checkUserAppSpec(document, 'codedeploy-appspec')).toThrow(message);
    expect(() => checkUserAppSpec(document, 'codedeploy-appspec')).toThrow(/^Input 'codedeploy-appspec': /);
  });

  it('reads the task definition of a YAML AppSpec, and nothing from text that is no AppSpec', async () => {
    expect(await taskDefinitionOfAppSpec(userFile.replace('<TASK_DEFINITION>', TD1))).toBe(TD1);
    expect(await taskDefinitionOfAppSpec('not: [an appspec')).toBeUndefined();
  });
});
