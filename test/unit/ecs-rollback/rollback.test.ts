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

it('does not drive CODE_DEPLOY services', async () => {
  const { deps, record } = setUp([], service({ deploymentController: { type: 'CODE_DEPLOY' } }));
  await expect(rollBack(INPUTS, deps, record)).rejects.toThrow(/uses the CODE_DEPLOY deployment controller/);
});
