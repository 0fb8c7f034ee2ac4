/**
 * The ecs-deploy preset for a CODE_DEPLOY service (issue 15): with codedeploy-application and
 * codedeploy-deployment-group, the session may make the CodeDeploy calls of a blue/green deploy on
 * that application and group, and on no other; without them, none. Through the bundle, against the
 * sandbox's CodeDeploy and its IAM evaluation.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  BatchGetDeploymentTargetsCommand,
  CodeDeployClient,
  CreateDeploymentCommand,
  GetDeploymentCommand,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  GetApplicationRevisionCommand,
  ListDeploymentTargetsCommand,
  ListDeploymentsCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import type { Sandbox } from '../../sandbox/index.js';
import type { ActionResult } from '../../sandbox/runner/run-action.js';
import { ACCOUNT, ROLE, expectNoLeaks, runCredentials, startCredentialsSandbox } from './aws-credentials-helpers.js';

const APP = 'AppECS-prod-web';
const GROUP = 'DgpECS-prod-web';
const OTHER_APP = 'AppECS-prod-admin';
const OTHER_GROUP = 'DgpECS-prod-admin';

let sandbox: Sandbox;
const clients: { destroy(): void }[] = [];

beforeAll(async () => {
  sandbox = await startCredentialsSandbox();
  const { admin } = sandbox;
  for (const family of ['web', 'admin']) {
    admin.registerTaskDefinition({
      family,
      containerDefinitions: [{ name: family, image: 'nginx:1.27', essential: true, memory: 512, portMappings: [{ containerPort: 80 }] }],
    });
  }
  const common = { cluster: 'prod', containerPort: 80, desiredCount: 1 };
  admin.codedeploy.createBlueGreenService({
    ...common,
    applicationName: APP,
    deploymentGroupName: GROUP,
    serviceName: 'web',
    taskDefinition: 'web',
    containerName: 'web',
  });
  admin.codedeploy.createBlueGreenService({
    ...common,
    applicationName: OTHER_APP,
    deploymentGroupName: OTHER_GROUP,
    serviceName: 'admin',
    taskDefinition: 'admin',
    containerName: 'admin',
  });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await sandbox?.stop();
});

function codeDeployFor(result: ActionResult): CodeDeployClient {
  const client = new CodeDeployClient({
    region: 'us-east-1',
    endpoint: sandbox.endpoints.codedeploy,
    maxAttempts: 1,
    credentials: {
      accessKeyId: result.env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: result.env.AWS_SECRET_ACCESS_KEY ?? '',
      sessionToken: result.env.AWS_SESSION_TOKEN ?? '',
    },
  });
  clients.push(client);
  return client;
}

const appSpec = (family: string) =>
  JSON.stringify({
    version: 0.0,
    Resources: [
      {
        TargetService: {
          Type: 'AWS::ECS::Service',
          Properties: {
            TaskDefinition: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/${family}:1`,
            LoadBalancerInfo: { ContainerName: family, ContainerPort: 80 },
          },
        },
      },
    ],
  });

const denied = { name: 'AccessDeniedException' };
const presetInputs = { 'role-to-assume': ROLE, 'session-policy': 'ecs-deploy', 'ecs-cluster': 'prod', 'ecs-services': 'web' };

describe('ecs-deploy preset with codedeploy-application and codedeploy-deployment-group', () => {
  test("the blue/green deploy's CodeDeploy calls work on the named application and group only", async () => {
    const r = await runCredentials(sandbox, {
      ...presetInputs,
      'pass-roles': 'web-task, ecsTaskExecutionRole',
      'codedeploy-application': APP,
      'codedeploy-deployment-group': GROUP,
    });
    expect(r.errors).toEqual([]);
    expect(r.summary).toContain(`arn:aws:codedeploy:us-east-1:${ACCOUNT}:deploymentgroup:${APP}/${GROUP}`);
    const codedeploy = codeDeployFor(r);

    const group = await codedeploy.send(new GetDeploymentGroupCommand({ applicationName: APP, deploymentGroupName: GROUP }));
    expect(group.deploymentGroupInfo?.deploymentGroupName).toBe(GROUP);
    const configName = group.deploymentGroupInfo?.deploymentConfigName ?? '';
    await codedeploy.send(new GetDeploymentConfigCommand({ deploymentConfigName: configName }));
    const revision = { revisionType: 'AppSpecContent' as const, appSpecContent: { content: appSpec('web') } };
    const { deploymentId } = await codedeploy.send(
      new CreateDeploymentCommand({ applicationName: APP, deploymentGroupName: GROUP, revision }),
    );
    await codedeploy.send(new GetDeploymentCommand({ deploymentId }));
    await codedeploy.send(new GetApplicationRevisionCommand({ applicationName: APP, revision }));
    const targets = await codedeploy.send(new ListDeploymentTargetsCommand({ deploymentId }));
    await codedeploy.send(new BatchGetDeploymentTargetsCommand({ deploymentId, targetIds: targets.targetIds ?? [] }));
    await codedeploy.send(new ListDeploymentsCommand({ applicationName: APP, deploymentGroupName: GROUP }));
    await codedeploy.send(new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true }));

    await expect(
      codedeploy.send(new GetDeploymentGroupCommand({ applicationName: OTHER_APP, deploymentGroupName: OTHER_GROUP })),
    ).rejects.toMatchObject(denied);
    await expect(
      codedeploy.send(
        new CreateDeploymentCommand({
          applicationName: OTHER_APP,
          deploymentGroupName: OTHER_GROUP,
          revision: { revisionType: 'AppSpecContent', appSpecContent: { content: appSpec('admin') } },
        }),
      ),
    ).rejects.toMatchObject(denied);
    expectNoLeaks(sandbox, [r]);
  });

  test('without the CodeDeploy inputs the session may make no CodeDeploy call', async () => {
    const r = await runCredentials(sandbox, presetInputs);
    expect(r.errors).toEqual([]);
    const codedeploy = codeDeployFor(r);
    await expect(
      codedeploy.send(new GetDeploymentGroupCommand({ applicationName: APP, deploymentGroupName: GROUP })),
    ).rejects.toMatchObject({
      ...denied,
      message: expect.stringContaining('because no session policy allows the codedeploy:GetDeploymentGroup action'),
    });
  });
});
