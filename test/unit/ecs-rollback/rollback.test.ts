import {
  BatchGetDeploymentTargetsCommand,
  CreateDeploymentCommand,
  GetDeploymentCommand,
  GetDeploymentGroupCommand,
  ListDeploymentTargetsCommand,
  ListDeploymentsCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type Service,
  type ServiceDeploymentBrief,
} from '@aws-sdk/client-ecs';
import type { EcsRollbackInputs } from '../../../src/ecs-rollback/inputs.js';
import { rollBack } from '../../../src/ecs-rollback/rollback.js';
import { RollbackRecord, RollbackRefusedError } from '../../../src/ecs-rollback/rollback-record.js';
import { NotFoundError } from '../../../src/lib/errors.js';
import { fakeDeps, TD1, TD2 } from '../lib/ecs/fakes.js';
import { TARGET_ID, ecsTarget, fakeCodeDeployDeps } from '../lib/codedeploy/fakes.js';

/** The plan → apply logic against stubbed ECS answers, for the states the sandbox does not model. */

const SD = (n: number) => `arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web/sd${n}`;
const REV = (n: number) => `arn:aws:ecs:us-east-1:123456789012:service-revision/prod/web/${n}`;
const INPUTS: EcsRollbackInputs = {
  region: 'us-east-1',
  cluster: 'prod',
  service: 'web',
  to: { kind: 'previous' },
  waitForStability: true,
  waitMs: 10 * 60_000,
  pollIntervalMs: 5_000,
  dryRun: false,
  force: false,
  maxRetries: 0,
};
const brief = (n: number, status: ServiceDeploymentBrief['status']): ServiceDeploymentBrief => ({
  serviceDeploymentArn: SD(n),
  status,
  createdAt: new Date(Date.UTC(2026, 4, n)),
  targetServiceRevisionArn: REV(n),
});
const service = (extra: Partial<Service> = {}): Service => ({
  serviceName: 'web',
  status: 'ACTIVE',
  taskDefinition: TD2,
  deployments: [{ id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: TD2, rolloutState: 'IN_PROGRESS' }],
  ...extra,
});

function setUp(history: ServiceDeploymentBrief[], current: Service = service()) {
  const fake = fakeDeps();
  fake.mocks.ecs.on(DescribeServicesCommand).resolves({ services: [current] });
  fake.mocks.ecs.on(ListServiceDeploymentsCommand).resolves({ serviceDeployments: history });
  fake.mocks.ecs.on(DescribeServiceRevisionsCommand).resolves({
    serviceRevisions: [
      { serviceRevisionArn: REV(1), taskDefinition: TD1 },
      { serviceRevisionArn: REV(2), taskDefinition: TD2 },
    ],
  });
  fake.mocks.ecs.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: { status: 'ACTIVE', containerDefinitions: [] } });
  fake.mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [] });
  return { ...fake, record: new RollbackRecord(fake.deps.clock) };
}

it('a deployment paused at a lifecycle hook is rolled back through the hook, not stopped', async () => {
  const { deps, mocks, record } = setUp([brief(2, 'IN_PROGRESS'), brief(1, 'SUCCESSFUL')]);
  mocks.ecs.on(DescribeServiceDeploymentsCommand).resolves({
    serviceDeployments: [
      {
        serviceDeploymentArn: SD(2),
        status: 'IN_PROGRESS',
        sourceServiceRevisions: [{ arn: REV(1) }],
        lifecycleHookDetails: [{ hookId: 'hook-1', targetType: 'PAUSE', status: 'AWAITING_ACTION' }],
      },
    ],
  });
  await rollBack({ ...INPUTS, waitForStability: false }, deps, record);
  expect(mocks.ecs.commandCalls(ContinueServiceDeploymentCommand).map((c) => c.args[0].input)).toEqual([
    { serviceDeploymentArn: SD(2), hookId: 'hook-1', action: 'ROLLBACK' },
  ]);
  expect(mocks.ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(0);
  expect(record).toMatchObject({ status: 'started', fromTaskDefinitionArn: TD2, toTaskDefinitionArn: TD1 });
});

it('a rollback ECS already started is followed, not started again', async () => {
  const rolledBack = service({
    deployments: [{ id: 'ecs-svc/3', status: 'PRIMARY', taskDefinition: TD1, rolloutState: 'COMPLETED', desiredCount: 1, runningCount: 1 }],
  });
  const { deps, mocks, record } = setUp([brief(2, 'ROLLBACK_IN_PROGRESS'), brief(1, 'SUCCESSFUL')]);
  // The verify phase needs the old revision's task running: "0 tasks healthy" is no pass.
  const task = 'arn:aws:ecs:us-east-1:123456789012:task/prod/old1';
  mocks.ecs.on(ListTasksCommand, { desiredStatus: 'RUNNING' }).resolves({ taskArns: [task] });
  mocks.ecs
    .on(DescribeTasksCommand)
    .resolves({ tasks: [{ taskArn: task, taskDefinitionArn: TD1, lastStatus: 'RUNNING', containers: [] }] });
  mocks.ecs
    .on(DescribeServicesCommand)
    .resolvesOnce({ services: [service()] })
    .resolves({ services: [rolledBack] });
  mocks.ecs
    .on(DescribeServiceDeploymentsCommand)
    .resolvesOnce({
      serviceDeployments: [{ serviceDeploymentArn: SD(2), status: 'ROLLBACK_IN_PROGRESS', sourceServiceRevisions: [{ arn: REV(1) }] }],
    })
    .resolves({ serviceDeployments: [{ serviceDeploymentArn: SD(2), status: 'ROLLBACK_SUCCESSFUL' }] });
  await rollBack(INPUTS, deps, record);
  expect(record).toMatchObject({ status: 'rolled-back', toTaskDefinitionArn: TD1 });
  expect(mocks.ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(0);
  expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
});

it('without a good deployment to go back to, says how to name one', async () => {
  const { deps, record } = setUp(
    [brief(2, 'SUCCESSFUL'), brief(1, 'ROLLBACK_FAILED')],
    service({ deployments: [{ id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: TD2, rolloutState: 'COMPLETED' }] }),
  );
  await expect(rollBack(INPUTS, deps, record)).rejects.toThrow(NotFoundError);
  expect(record.failure).toMatch(/name the revision to go back to with 'to'/);
  expect(record.status).toBe('failed');
});

it('refuses a revision that never completed a deployment, and marks the record refused', async () => {
  const { deps, mocks, record } = setUp(
    [brief(2, 'SUCCESSFUL'), brief(1, 'STOPPED')],
    service({ deployments: [{ id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: TD2, rolloutState: 'COMPLETED' }] }),
  );
  await expect(rollBack({ ...INPUTS, to: { kind: 'revision', revision: 1 } }, deps, record)).rejects.toThrow(RollbackRefusedError);
  expect(record.status).toBe('refused');
  expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
});

describe('a CODE_DEPLOY service is rolled back through CodeDeploy, never through ECS deployments', () => {
  const appSpec = (td: string) =>
    JSON.stringify({ version: 0, Resources: [{ TargetService: { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: td } } }] });
  const revision = (td: string) => ({ revisionType: 'AppSpecContent' as const, appSpecContent: { content: appSpec(td), sha256: td } });
  const codeDeployService = (taskDefinition: string): Service => ({
    serviceName: 'web',
    status: 'ACTIVE',
    deploymentController: { type: 'CODE_DEPLOY' },
    taskDefinition: TD2,
    taskSets: [{ status: 'PRIMARY', taskDefinition }],
  });

  /** The group of service web in prod, `inFlight` deployments in flight, d-GOOD (TD1) and d-BAD (TD2) succeeded earlier. */
  function setUpCodeDeploy(inFlight: string[]) {
    const fake = fakeCodeDeployDeps();
    const { codedeploy, ecs } = fake.mocks;
    codedeploy.on(GetDeploymentGroupCommand).resolves({
      deploymentGroupInfo: { computePlatform: 'ECS', ecsServices: [{ clusterName: 'prod', serviceName: 'web' }] },
    });
    codedeploy
      .on(ListDeploymentsCommand)
      .callsFake((input: { includeOnlyStatuses?: string[] }) =>
        input.includeOnlyStatuses?.includes('Succeeded') ? { deployments: ['d-GOOD', 'd-CURRENT'] } : { deployments: inFlight },
      );
    const info = (deploymentId: string, td: string, createTime: number) => ({
      deploymentInfo: { deploymentId, status: 'Succeeded' as const, createTime: new Date(createTime), revision: revision(td) },
    });
    codedeploy.on(GetDeploymentCommand, { deploymentId: 'd-GOOD' }).resolves(info('d-GOOD', TD1, 1000));
    codedeploy.on(GetDeploymentCommand, { deploymentId: 'd-CURRENT' }).resolves(info('d-CURRENT', TD2, 2000));
    codedeploy.on(ListDeploymentTargetsCommand).resolves({ targetIds: [TARGET_ID] });
    codedeploy
      .on(BatchGetDeploymentTargetsCommand)
      .resolves({ deploymentTargets: [{ deploymentTargetType: 'ECSTarget', ecsTarget: ecsTarget(8) }] });
    ecs.on(ListTasksCommand).resolves({ taskArns: [] });
    // Production runs TD2 until the rollback's deployment succeeded, then TD1.
    ecs
      .on(DescribeServicesCommand)
      .resolvesOnce({ services: [codeDeployService(TD2)] })
      .resolves({ services: [codeDeployService(TD1)] });
    return { ...fake, record: new RollbackRecord(fake.deps.clock) };
  }

  function expectNoEcsDeployment(mocks: ReturnType<typeof fakeCodeDeployDeps>['mocks']) {
    // UpdateService cannot change a CODE_DEPLOY service's task definition, and ECS keeps no service deployments for it.
    expect(mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
    expect(mocks.ecs.commandCalls(StopServiceDeploymentCommand)).toHaveLength(0);
    expect(mocks.ecs.commandCalls(ListServiceDeploymentsCommand)).toHaveLength(0);
  }

  it('to: previous redeploys the revision of the last successful deployment of another task definition, and follows it', async () => {
    const { deps, mocks, record } = setUpCodeDeploy([]);
    mocks.codedeploy.on(CreateDeploymentCommand).resolves({ deploymentId: 'd-BACK' });
    mocks.codedeploy
      .on(GetDeploymentCommand, { deploymentId: 'd-BACK' })
      .resolves({ deploymentInfo: { deploymentId: 'd-BACK', status: 'Succeeded' } });
    await rollBack({ ...INPUTS, reason: 'checkout broken' }, deps, record);
    expect(mocks.codedeploy.commandCalls(CreateDeploymentCommand).map((call) => call.args[0].input)).toEqual([
      {
        applicationName: 'AppECS-prod-web',
        deploymentGroupName: 'DgpECS-prod-web',
        revision: revision(TD1),
        description: 'ecs-rollback: checkout broken',
      },
    ]);
    expect(mocks.codedeploy.commandCalls(StopDeploymentCommand)).toHaveLength(0);
    expectNoEcsDeployment(mocks);
    expect(record).toMatchObject({ status: 'rolled-back', fromTaskDefinitionArn: TD2, toTaskDefinitionArn: TD1 });
  });

  it('to: previous stops a deployment in flight with automatic rollback and follows the rollback CodeDeploy starts', async () => {
    const { deps, mocks, record } = setUpCodeDeploy(['d-NEW']);
    mocks.codedeploy.on(StopDeploymentCommand).resolves({ status: 'Pending' });
    mocks.codedeploy
      .on(GetDeploymentCommand, { deploymentId: 'd-NEW' })
      .resolvesOnce({ deploymentInfo: { deploymentId: 'd-NEW', status: 'InProgress', revision: revision(TD2) } })
      .resolvesOnce({ deploymentInfo: { deploymentId: 'd-NEW', status: 'InProgress', revision: revision(TD2) } })
      .resolves({ deploymentInfo: { deploymentId: 'd-NEW', status: 'Stopped', rollbackInfo: { rollbackDeploymentId: 'd-RB' } } });
    mocks.codedeploy
      .on(GetDeploymentCommand, { deploymentId: 'd-RB' })
      .resolves({ deploymentInfo: { deploymentId: 'd-RB', status: 'Succeeded' } });
    await rollBack(INPUTS, deps, record);
    expect(mocks.codedeploy.commandCalls(StopDeploymentCommand).map((call) => call.args[0].input)).toEqual([
      { deploymentId: 'd-NEW', autoRollbackEnabled: true },
    ]);
    expect(mocks.codedeploy.commandCalls(CreateDeploymentCommand)).toHaveLength(0);
    expectNoEcsDeployment(mocks);
    expect(record).toMatchObject({ status: 'rolled-back', fromTaskDefinitionArn: TD2, toTaskDefinitionArn: TD1 });
    expect(record.method).toBe('CodeDeploy StopDeployment (autoRollbackEnabled) of deployment d-NEW');
  });

  it('a dry run reads the group and its history and changes nothing', async () => {
    const { deps, mocks, record } = setUpCodeDeploy([]);
    await rollBack({ ...INPUTS, dryRun: true }, deps, record);
    expect(record).toMatchObject({ status: 'dry-run', toTaskDefinitionArn: TD1 });
    expect(mocks.codedeploy.commandCalls(CreateDeploymentCommand)).toHaveLength(0);
    expect(mocks.codedeploy.commandCalls(StopDeploymentCommand)).toHaveLength(0);
    expectNoEcsDeployment(mocks);
  });
});
