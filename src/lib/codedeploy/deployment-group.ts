import {
  CreateDeploymentCommand,
  GetDeploymentGroupCommand,
  type DeploymentGroupInfo,
  type RevisionLocation,
} from '@aws-sdk/client-codedeploy';
import { createHash } from 'node:crypto';
import { awsCall } from '../aws-call.js';
import { NotFoundError } from '../errors.js';
import { resourceName } from '../ecs/console-links.js';
import type { AppSpec } from './appspec.js';
import type { CodeDeployDeps, CodeDeployServiceRef } from './deps.js';

/**
 * The deployment group (checked to deploy this very service, read once for its alarms and wait
 * times) and CreateDeployment. GetDeploymentGroup:
 * https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_GetDeploymentGroup.html
 */

export interface GroupFacts {
  /** Alarm names the group watches (a stop by ALARM_ACTIVE names one of them). */
  alarms: string[];
  /** Whether CodeDeploy rolls a failed deployment back by itself. */
  autoRollbackOnFailure: boolean;
  /** Minutes CodeDeploy keeps the original task set after traffic moved (0 when it is not terminated). */
  terminationWaitMinutes: number;
  /** Minutes a deployment may wait, Ready, for ContinueDeployment (STOP_DEPLOYMENT); 0 when it continues at once. */
  readyWaitMinutes: number;
  lastSuccessfulDeploymentId?: string;
}

export async function readDeploymentGroup(ref: CodeDeployServiceRef, deps: CodeDeployDeps): Promise<GroupFacts> {
  const { application, deploymentGroup, service } = ref;
  const response = await awsCall(
    deps,
    `read CodeDeploy deployment group ${deploymentGroup} of application ${application}`,
    'codedeploy:GetDeploymentGroup',
    () => deps.codedeploy.send(new GetDeploymentGroupCommand({ applicationName: application, deploymentGroupName: deploymentGroup })),
    { notFound: ['ApplicationDoesNotExistException', 'DeploymentGroupDoesNotExistException'] },
  ).catch((error: unknown) => {
    if (!(error instanceof NotFoundError)) throw error;
    throw new NotFoundError(
      `${error.message}. Service ${service.service} deploys through CodeDeploy: name its application and deployment group with 'codedeploy-application' and 'codedeploy-deployment-group' (the defaults are the names the ECS console gives them)`,
      { cause: error },
    );
  });
  const info = response.deploymentGroupInfo ?? {};
  checkGroupDeploysService(info, ref);
  const blueGreen = info.blueGreenDeploymentConfiguration;
  const terminate = blueGreen?.terminateBlueInstancesOnDeploymentSuccess;
  const ready = blueGreen?.deploymentReadyOption;
  return {
    alarms: info.alarmConfiguration?.enabled ? (info.alarmConfiguration.alarms ?? []).flatMap((a) => (a.name ? [a.name] : [])) : [],
    autoRollbackOnFailure: info.autoRollbackConfiguration?.enabled === true && (info.autoRollbackConfiguration.events ?? []).length > 0,
    terminationWaitMinutes: terminate?.action === 'TERMINATE' ? (terminate.terminationWaitTimeInMinutes ?? 0) : 0,
    readyWaitMinutes: ready?.actionOnTimeout === 'STOP_DEPLOYMENT' ? (ready.waitTimeInMinutes ?? 0) : 0,
    ...(info.lastSuccessfulDeployment?.deploymentId ? { lastSuccessfulDeploymentId: info.lastSuccessfulDeployment.deploymentId } : {}),
  };
}

/** A group of another service (or not ECS) would deploy our task definition somewhere else: refused before anything starts. */
function checkGroupDeploysService(info: DeploymentGroupInfo, ref: CodeDeployServiceRef): void {
  const where = `Deployment group ${ref.deploymentGroup} of application ${ref.application}`;
  if (info.computePlatform && info.computePlatform !== 'ECS') {
    throw new Error(
      `${where} deploys to ${info.computePlatform}, not ECS; name the group of service ${ref.service.service} with 'codedeploy-deployment-group'`,
    );
  }
  const services = info.ecsServices ?? [];
  const cluster = resourceName(ref.service.cluster);
  const ours = services.some((s) => s.serviceName === ref.service.service && resourceName(s.clusterName ?? '') === cluster);
  if (services.length > 0 && !ours) {
    const named = services.map((s) => `${s.serviceName ?? '?'} in ${s.clusterName ?? '?'}`).join(', ');
    throw new Error(
      `${where} deploys ${named}, not service ${ref.service.service} in cluster ${cluster}; name the right group with 'codedeploy-deployment-group'`,
    );
  }
}

/** The revision CreateDeployment takes for an AppSpec: its content and sha256, as CodeDeploy checks it. */
export function appSpecRevision(appSpec: Pick<AppSpec, 'content'>): RevisionLocation {
  return {
    revisionType: 'AppSpecContent',
    appSpecContent: { content: appSpec.content, sha256: createHash('sha256').update(appSpec.content).digest('hex') },
  };
}

export interface DeploymentRequest {
  revision: RevisionLocation;
  description?: string;
  deploymentConfig?: string;
}

/** CreateDeployment; returns the new deployment's id. */
export async function createDeployment(ref: CodeDeployServiceRef, request: DeploymentRequest, deps: CodeDeployDeps): Promise<string> {
  const { application, deploymentGroup } = ref;
  const response = await awsCall(
    deps,
    `create a CodeDeploy deployment in group ${deploymentGroup} of application ${application}`,
    'codedeploy:CreateDeployment',
    () =>
      deps.codedeploy.send(
        new CreateDeploymentCommand({
          applicationName: application,
          deploymentGroupName: deploymentGroup,
          revision: request.revision,
          ...(request.description !== undefined ? { description: request.description } : {}),
          ...(request.deploymentConfig !== undefined ? { deploymentConfigName: request.deploymentConfig } : {}),
        }),
      ),
  );
  if (!response.deploymentId) throw new Error(`CreateDeployment in group ${deploymentGroup} answered without a deployment id`);
  return response.deploymentId;
}
