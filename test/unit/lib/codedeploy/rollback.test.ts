import {
  BatchGetDeploymentTargetsCommand,
  CreateDeploymentCommand,
  GetApplicationRevisionCommand,
  GetDeploymentCommand,
  ListDeploymentTargetsCommand,
  ListDeploymentsCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { lastSuccessfulRevision } from '../../../../src/lib/codedeploy/history.js';
import { redeployRevision, stopWithRollback, type CodeDeployRollbackContext } from '../../../../src/lib/codedeploy/rollback.js';
import { Timeline } from '../../../../src/lib/ecs/timeline.js';
import { REF, TD1, TD2 } from '../ecs/fakes.js';
import { DEPLOYMENT_ID, TARGET_ID, ecsTarget, fakeCodeDeployDeps } from './fakes.js';

const TD0 = TD1.replace(':1', ':0');
const GROUP = { application: 'AppECS-prod-web', deploymentGroup: 'DgpECS-prod-web', service: REF };
const appSpec = (td: string) =>
  JSON.stringify({ version: 0, Resources: [{ TargetService: { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: td } } }] });

function context(fake: ReturnType<typeof fakeCodeDeployDeps>): CodeDeployRollbackContext {
  return {
    ref: GROUP,
    alarms: [],
    deadline: fake.deps.clock.now() + 600_000,
    pollIntervalMs: 5_000,
    seenTasks: new Set(),
    timeline: new Timeline(fake.deps.clock),
  };
}

function serving(fake: ReturnType<typeof fakeCodeDeployDeps>, taskDefinition: string) {
  fake.mocks.ecs.on(DescribeServicesCommand).resolves({
    services: [
      {
        serviceName: 'web',
        status: 'ACTIVE',
        deploymentController: { type: 'CODE_DEPLOY' },
        taskSets: [{ status: 'PRIMARY', taskDefinition }],
      },
    ],
  });
}

describe('lastSuccessfulRevision', () => {
  it('takes the newest successful deployment of another task definition, reading a revision without content from GetApplicationRevision', async () => {
    const fake = fakeCodeDeployDeps();
    const { codedeploy } = fake.mocks;
    codedeploy.on(ListDeploymentsCommand).resolves({ deployments: ['d-OLD', 'd-CURRENT', 'd-PREVIOUS'] });
    const revision = (td: string) => ({ revisionType: 'AppSpecContent' as const, appSpecContent: { content: appSpec(td) } });
    codedeploy
      .on(GetDeploymentCommand, { deploymentId: 'd-OLD' })
      .resolves({ deploymentInfo: { deploymentId: 'd-OLD', createTime: new Date(1000), revision: revision(TD0) } });
    codedeploy
      .on(GetDeploymentCommand, { deploymentId: 'd-CURRENT' })
      .resolves({ deploymentInfo: { deploymentId: 'd-CURRENT', createTime: new Date(3000), revision: revision(TD2) } });
    codedeploy.on(GetDeploymentCommand, { deploymentId: 'd-PREVIOUS' }).resolves({
      deploymentInfo: {
        deploymentId: 'd-PREVIOUS',
        createTime: new Date(2000),
        revision: { revisionType: 'AppSpecContent', appSpecContent: { sha256: 'abc' } },
      },
    });
    codedeploy.on(GetApplicationRevisionCommand).resolves({ revision: revision(TD1) });
    const found = await lastSuccessfulRevision(GROUP, TD2, fake.deps);
    expect(found).toMatchObject({ deploymentId: 'd-PREVIOUS', taskDefinitionArn: TD1 });
    expect(codedeploy.commandCalls(ListDeploymentsCommand)[0]?.args[0].input).toEqual({
      applicationName: 'AppECS-prod-web',
      deploymentGroupName: 'DgpECS-prod-web',
      includeOnlyStatuses: ['Succeeded'],
    });
  });
});

describe('stopWithRollback', () => {
  it('stops with autoRollbackEnabled and follows the rollback deployment until production runs the old revision', async () => {
    const fake = fakeCodeDeployDeps();
    const { codedeploy } = fake.mocks;
    codedeploy.on(StopDeploymentCommand).resolves({ status: 'Pending', statusMessage: 'Stopping' });
    codedeploy
      .on(GetDeploymentCommand, { deploymentId: DEPLOYMENT_ID })
      .resolvesOnce({ deploymentInfo: { deploymentId: DEPLOYMENT_ID, status: 'InProgress' } })
      .resolves({
        deploymentInfo: { deploymentId: DEPLOYMENT_ID, status: 'Stopped', rollbackInfo: { rollbackDeploymentId: 'd-ROLLBACK' } },
      });
    codedeploy
      .on(GetDeploymentCommand, { deploymentId: 'd-ROLLBACK' })
      .resolves({ deploymentInfo: { deploymentId: 'd-ROLLBACK', status: 'Succeeded' } });
    codedeploy.on(ListDeploymentTargetsCommand).resolves({ targetIds: [TARGET_ID] });
    codedeploy
      .on(BatchGetDeploymentTargetsCommand)
      .resolves({ deploymentTargets: [{ deploymentTargetType: 'ECSTarget', ecsTarget: ecsTarget(3) }] });
    serving(fake, TD1);
    const outcome = await stopWithRollback(context(fake), DEPLOYMENT_ID, TD2, fake.deps);
    expect(codedeploy.commandCalls(StopDeploymentCommand)[0]?.args[0].input).toEqual({
      deploymentId: DEPLOYMENT_ID,
      autoRollbackEnabled: true,
    });
    expect(outcome).toEqual({ settled: true, taskDefinitionArn: TD1, deploymentId: 'd-ROLLBACK' });
  });

  it('reports a rollback that left production on the failed revision as not settled', async () => {
    const fake = fakeCodeDeployDeps();
    const { codedeploy } = fake.mocks;
    codedeploy
      .on(StopDeploymentCommand)
      .rejects(
        Object.assign(new Error('already done'), { name: 'DeploymentAlreadyCompletedException', $metadata: { httpStatusCode: 400 } }),
      );
    codedeploy.on(GetDeploymentCommand).resolves({ deploymentInfo: { deploymentId: DEPLOYMENT_ID, status: 'Failed' } });
    codedeploy.on(ListDeploymentTargetsCommand).resolves({ targetIds: [] });
    serving(fake, TD2);
    const outcome = await stopWithRollback(context(fake), DEPLOYMENT_ID, TD2, fake.deps);
    expect(outcome).toEqual({ settled: false, reason: `production still runs web:2` });
    expect(fake.text()).toContain(`CodeDeploy had already ended deployment ${DEPLOYMENT_ID}`);
  });
});

describe('redeployRevision', () => {
  it('deploys the earlier revision as it was and follows it to success', async () => {
    const fake = fakeCodeDeployDeps();
    const { codedeploy } = fake.mocks;
    const revision = { revisionType: 'AppSpecContent' as const, appSpecContent: { content: appSpec(TD1), sha256: 'x' } };
    codedeploy.on(CreateDeploymentCommand).resolves({ deploymentId: 'd-AGAIN' });
    codedeploy.on(GetDeploymentCommand).resolves({ deploymentInfo: { deploymentId: 'd-AGAIN', status: 'Succeeded' } });
    codedeploy.on(ListDeploymentTargetsCommand).resolves({ targetIds: [TARGET_ID] });
    codedeploy
      .on(BatchGetDeploymentTargetsCommand)
      .resolves({ deploymentTargets: [{ deploymentTargetType: 'ECSTarget', ecsTarget: ecsTarget(8) }] });
    const outcome = await redeployRevision(
      context(fake),
      { deploymentId: 'd-PREVIOUS', revision, taskDefinitionArn: TD1 },
      'ecs-deploy rollback',
      fake.deps,
    );
    expect(outcome).toEqual({ settled: true, taskDefinitionArn: TD1, deploymentId: 'd-AGAIN' });
    expect(codedeploy.commandCalls(CreateDeploymentCommand)[0]?.args[0].input).toEqual({
      applicationName: 'AppECS-prod-web',
      deploymentGroupName: 'DgpECS-prod-web',
      revision,
      description: 'ecs-deploy rollback',
    });
  });
});
