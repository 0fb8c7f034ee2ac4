/**
 * Set-up for the CodeDeploy blue/green end-to-end tests: a CODE_DEPLOY service behind a production
 * and a test listener, its CodeDeploy application and deployment group under the names the ECS
 * console gives them (AppECS-<cluster>-<service>, DgpECS-<cluster>-<service>, the actions' defaults),
 * its original task set running and healthy.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeDeployClient, CreateDeploymentCommand } from '@aws-sdk/client-codedeploy';
import type { Sandbox } from '../../sandbox/index.js';
import { CLUSTER, describeService, taskDefinition } from './ecs-deploy-helpers.js';

export interface BlueGreenSetup {
  name: string;
  taskDefinitionArn: string;
  targetGroupArns: [string, string];
  prodListenerArn: string;
}

export function blueGreenService(
  sandbox: Sandbox,
  name: string,
  options: { alarms?: string[]; autoRollbackOnAlarm?: boolean; terminationWaitMinutes?: number } = {},
): BlueGreenSetup {
  const taskDefinitionArn = sandbox.admin.registerTaskDefinition(taskDefinition(name, `${name}:v1`));
  const created = sandbox.admin.codedeploy.createBlueGreenService({
    cluster: CLUSTER,
    serviceName: name,
    taskDefinition: taskDefinitionArn,
    desiredCount: 2,
    containerName: 'web',
    containerPort: 8080,
    applicationName: `AppECS-${CLUSTER}-${name}`,
    deploymentGroupName: `DgpECS-${CLUSTER}-${name}`,
    terminationWaitTimeInMinutes: options.terminationWaitMinutes ?? 1,
    ...(options.alarms ? { alarms: options.alarms } : {}),
    ...(options.autoRollbackOnAlarm ? { autoRollback: { enabled: true, events: ['DEPLOYMENT_STOP_ON_ALARM' as const] } } : {}),
  });
  if (!sandbox.admin.codedeploy.settleService(CLUSTER, name)) throw new Error(`service ${name} did not settle`);
  return { name, taskDefinitionArn, targetGroupArns: created.targetGroupArns, prodListenerArn: created.prodListenerArn };
}

/** The task definition of the task set that takes production traffic. */
export async function productionTaskDefinition(sandbox: Sandbox, name: string): Promise<string | undefined> {
  const service = await describeService(sandbox, name);
  return service.taskSets?.find((set) => set.status === 'PRIMARY')?.taskDefinition;
}

/** A workspace with `<name>.json` (the task definition for `image`) and, when given, an AppSpec file. */
export function codeDeployWorkspace(name: string, image: string, appSpec?: string): { workspace: string; file: string } {
  const workspace = mkdtempSync(join(tmpdir(), 'ecs-deploy-codedeploy-e2e-'));
  const file = `${name}.json`;
  writeFileSync(join(workspace, file), JSON.stringify(taskDefinition(name, image), null, 2));
  if (appSpec !== undefined) writeFileSync(join(workspace, 'appspec.yaml'), appSpec);
  return { workspace, file };
}

/** An AppSpec as users write it for amazon-ecs-deploy-task-definition, with a hook on AfterAllowTestTraffic. */
export function appSpecWithHook(functionName: string): string {
  return [
    'version: 0.0',
    'Resources:',
    '  - TargetService:',
    '      Type: AWS::ECS::Service',
    '      Properties:',
    '        TaskDefinition: <TASK_DEFINITION>',
    '        LoadBalancerInfo:',
    '          ContainerName: "web"',
    '          ContainerPort: 8080',
    'Hooks:',
    `  - AfterAllowTestTraffic: "${functionName}"`,
    '',
  ].join('\n');
}

/** Releases `<name>:<tag>` through CodeDeploy (as any CI would) and lets the sandbox settle the deployment. */
export async function codeDeployRelease(
  sandbox: Sandbox,
  name: string,
  tag: string,
  options: { settle?: boolean } = {},
): Promise<{ arn: string; deploymentId: string }> {
  const arn = sandbox.admin.registerTaskDefinition(taskDefinition(name, `${name}:${tag}`));
  const content = JSON.stringify({
    version: 0,
    Resources: [
      {
        TargetService: {
          Type: 'AWS::ECS::Service',
          Properties: { TaskDefinition: arn, LoadBalancerInfo: { ContainerName: 'web', ContainerPort: 8080 } },
        },
      },
    ],
  });
  const client = new CodeDeployClient({
    region: 'us-east-1',
    endpoint: sandbox.endpoints.codedeploy,
    credentials: { accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY ?? '' },
  });
  try {
    const { deploymentId = '' } = await client.send(
      new CreateDeploymentCommand({
        applicationName: `AppECS-${CLUSTER}-${name}`,
        deploymentGroupName: `DgpECS-${CLUSTER}-${name}`,
        revision: { revisionType: 'AppSpecContent', appSpecContent: { content } },
      }),
    );
    if (options.settle !== false) {
      const status = sandbox.admin.codedeploy.settle(deploymentId);
      if (status !== 'Succeeded') throw new Error(`release ${tag} of ${name} ended ${status ?? 'unknown'}`);
      sandbox.admin.codedeploy.settleService(CLUSTER, name);
    }
    return { arn, deploymentId };
  } finally {
    client.destroy();
  }
}
