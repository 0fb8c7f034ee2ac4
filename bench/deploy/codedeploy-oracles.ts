import {
  CodeDeployClient,
  CreateDeploymentCommand,
  GetDeploymentGroupCommand,
  waitUntilDeploymentSuccessful,
} from '@aws-sdk/client-codedeploy';
import { ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { fargateTaskDefinition } from '../../sandbox/fargate-task-definition.js';
import { ClockedRetryStrategy } from '../../src/lib/clocked-retry-strategy.js';
import { deploy } from '../../src/ecs-deploy/deploy.js';
import { DeployRecord } from '../../src/ecs-deploy/deploy-record.js';
import { deployInputs, quietDeployDeps, type Outcome } from './oracles.js';
import type { VirtualTime } from './virtual-time.js';

/**
 * The two ways of deploying a CODE_DEPLOY service that the CodeDeploy rows compare, on the same
 * virtual clock: ecs-deploy's logic, and what amazon-ecs-deploy-task-definition does
 * (GetDeploymentGroup, CreateDeployment with the AppSpec, then `waitUntilDeploymentSuccessful`).
 */

export const HOOK_FUNCTION = 'SmokeTestTestTraffic';

export type CodeDeployOutcome = Outcome & { deploymentId?: string };

export interface OracleOptions {
  pollMs: number;
  waitMs: number;
  clock: VirtualTime;
  cluster: string;
  family: string;
  hooks: boolean;
}

function appSpec(taskDefinitionArn: string, hooks: boolean): string {
  return JSON.stringify({
    version: 0,
    Resources: [
      {
        TargetService: {
          Type: 'AWS::ECS::Service',
          Properties: { TaskDefinition: taskDefinitionArn, LoadBalancerInfo: { ContainerName: 'web', ContainerPort: 8080 } },
        },
      },
    ],
    ...(hooks ? { Hooks: [{ AfterAllowTestTraffic: HOOK_FUNCTION }] } : {}),
  });
}

/** ecs-deploy's logic on the CODE_DEPLOY service (the AppSpec built from the service; with the hook scenario, the user's file). */
export async function ours(run: OracleOptions): Promise<CodeDeployOutcome> {
  const { clock } = run;
  const { clients, deps, failure } = quietDeployDeps(clock);
  const start = clock.now();
  const record = new DeployRecord(clock);
  const userAppSpec = JSON.parse(appSpec('<TASK_DEFINITION>', run.hooks)) as Record<string, unknown>;
  try {
    await deploy(
      {
        ...deployInputs({ ...run, image: `${run.family}:v2` }),
        service: 'web',
        codeDeploy: run.hooks
          ? {
              appSpec: {
                document: userAppSpec,
                container: { name: 'web', port: 8080 },
                hooks: new Map([['AfterAllowTestTraffic', HOOK_FUNCTION]]),
                taskDefinitionValue: '<TASK_DEFINITION>',
              },
            }
          : {},
      },
      deps,
      record,
    ).catch((error: unknown) => {
      failure.at ??= clock.now();
      record.reason = error instanceof Error ? error.message : String(error);
    });
  } finally {
    clients.destroy();
  }
  const end = clock.now();
  const succeeded = record.status === 'succeeded';
  return {
    verdict: succeeded ? 'success' : 'failure',
    detail: record.status,
    sim: { start, verdict: succeeded ? end : (failure.at ?? end), end },
    ...(record.deploymentId ? { deploymentId: record.deploymentId } : {}),
  };
}

/** What amazon-ecs-deploy-task-definition does for a CODE_DEPLOY service, with the SDK's waiter and its own defaults. */
export async function awsActions(run: OracleOptions): Promise<CodeDeployOutcome> {
  const { clock } = run;
  const retryStrategy = new ClockedRetryStrategy(3, clock);
  const ecs = new ECSClient({ region: 'us-east-1', retryStrategy });
  const codedeploy = new CodeDeployClient({ region: 'us-east-1', retryStrategy });
  const start = clock.now();
  let deploymentId: string | undefined;
  try {
    const registered = await ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition(run.family, `${run.family}:v2`) as never));
    const group = { applicationName: `AppECS-${run.cluster}-web`, deploymentGroupName: `DgpECS-${run.cluster}-web` };
    const info = (await codedeploy.send(new GetDeploymentGroupCommand(group))).deploymentGroupInfo;
    const content = appSpec(registered.taskDefinition?.taskDefinitionArn ?? '', run.hooks);
    deploymentId = (
      await codedeploy.send(
        new CreateDeploymentCommand({ ...group, revision: { revisionType: 'AppSpecContent', appSpecContent: { content } } }),
      )
    ).deploymentId;
    const blueGreen = info?.blueGreenDeploymentConfiguration;
    const totalMinutes =
      (blueGreen?.deploymentReadyOption?.waitTimeInMinutes ?? 0) +
      (blueGreen?.terminateBlueInstancesOnDeploymentSuccess?.terminationWaitTimeInMinutes ?? 0) +
      run.waitMs / 60_000;
    await waitUntilDeploymentSuccessful(
      { client: codedeploy, minDelay: 15, maxWaitTime: Math.min(360, totalMinutes) * 60 },
      { deploymentId },
    );
    return {
      verdict: 'success',
      detail: 'Succeeded',
      sim: { start, verdict: clock.now(), end: clock.now() },
      ...(deploymentId ? { deploymentId } : {}),
    };
  } catch (error: unknown) {
    const detail = error instanceof Error ? error.name : 'error';
    return {
      verdict: 'failure',
      detail,
      sim: { start, verdict: clock.now(), end: clock.now() },
      ...(deploymentId ? { deploymentId } : {}),
    };
  } finally {
    ecs.destroy();
    codedeploy.destroy();
  }
}
