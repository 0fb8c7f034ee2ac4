import {
  CodeDeployClient,
  CreateDeploymentCommand,
  GetDeploymentTargetCommand,
  type CreateDeploymentCommandInput,
} from '@aws-sdk/client-codedeploy';
import { stringify } from 'yaml';
import type { RecordedResponse } from '../../sandbox/core/response-recorder.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { clientsFor, fargateTaskDefinition } from './helpers.js';
import { formatViolation, validateResponse } from './model-validator.js';

/** A sandbox with one CODE_DEPLOY service `prod/web` (2 tasks of app:1 behind web-blue), application `web-app`, group `web-dg`. */
export interface CodeDeployWorld {
  sandbox: Sandbox;
  clients: ReturnType<typeof clientsFor> & { codedeploy: CodeDeployClient };
  responses: RecordedResponse[];
  blueTd: string;
  prodListenerArn: string;
  testListenerArn: string;
  targetGroupArns: [string, string];
}

export const TARGET_ID = 'prod:web';

export async function blueGreenWorld(
  seed: number,
  group: Partial<Parameters<Sandbox['admin']['codedeploy']['createBlueGreenService']>[0]> = {},
): Promise<CodeDeployWorld> {
  const responses: RecordedResponse[] = [];
  // Real time barely moves the clock: tests step it with admin.advance.
  const sandbox = await startSandbox({ timeScale: 1, seed, recordResponses: (r) => responses.push(r) });
  const base = clientsFor(sandbox);
  const codedeploy = new CodeDeployClient({
    endpoint: sandbox.endpoints.codedeploy,
    region: 'us-east-1',
    credentials: { accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY ?? '' },
    maxAttempts: 1,
  });
  sandbox.admin.createCluster('prod');
  const blueTd = sandbox.admin.registerTaskDefinition(fargateTaskDefinition('web', 'app:1'));
  const made = sandbox.admin.codedeploy.createBlueGreenService({
    cluster: 'prod',
    serviceName: 'web',
    taskDefinition: blueTd,
    desiredCount: 2,
    containerName: 'web',
    containerPort: 8080,
    applicationName: 'web-app',
    deploymentGroupName: 'web-dg',
    terminationWaitTimeInMinutes: 5,
    ...group,
  });
  expect(sandbox.admin.codedeploy.settleService('prod', 'web')).toBe(true);
  return {
    sandbox,
    clients: { ...base, codedeploy },
    responses,
    blueTd,
    prodListenerArn: made.prodListenerArn,
    testListenerArn: made.testListenerArn ?? '',
    targetGroupArns: made.targetGroupArns,
  };
}

/** Every recorded response that breaks AWS's model, formatted (empty when all conform). */
export function modelViolations(world: CodeDeployWorld): string[] {
  // Never vacuous: the test must have made CodeDeploy calls for this to mean anything.
  expect(world.responses.filter((r) => r.service === 'codedeploy').length).toBeGreaterThan(0);
  return world.responses.flatMap(validateResponse).map(formatViolation);
}

export function appSpecText(taskDefinition: string, hooks: Record<string, string> = {}): string {
  return stringify({
    version: 0.0,
    Resources: [
      {
        TargetService: {
          Type: 'AWS::ECS::Service',
          Properties: { TaskDefinition: taskDefinition, LoadBalancerInfo: { ContainerName: 'web', ContainerPort: 8080 } },
        },
      },
    ],
    ...(Object.keys(hooks).length > 0 ? { Hooks: Object.entries(hooks).map(([event, fn]) => ({ [event]: fn })) } : {}),
  });
}

export async function deploy(
  world: CodeDeployWorld,
  image: string,
  hooks: Record<string, string> = {},
  extra: Partial<CreateDeploymentCommandInput> = {},
): Promise<string> {
  const td = world.sandbox.admin.registerTaskDefinition(fargateTaskDefinition('web', image));
  const out = await world.clients.codedeploy.send(
    new CreateDeploymentCommand({
      applicationName: 'web-app',
      deploymentGroupName: 'web-dg',
      revision: { revisionType: 'AppSpecContent', appSpecContent: { content: appSpecText(td, hooks) } },
      ...extra,
    }),
  );
  return out.deploymentId ?? '';
}

export async function lifecycle(world: CodeDeployWorld, deploymentId: string) {
  const out = await world.clients.codedeploy.send(new GetDeploymentTargetCommand({ deploymentId, targetId: TARGET_ID }));
  return out.deploymentTarget?.ecsTarget;
}
