import {
  GetApplicationRevisionCommand,
  ListDeploymentsCommand,
  type DeploymentStatus,
  type RevisionLocation,
} from '@aws-sdk/client-codedeploy';
import type { Service } from '@aws-sdk/client-ecs';
import { awsCall } from '../aws-call.js';
import { taskDefinitionOfAppSpec } from './appspec.js';
import type { CodeDeployDeps, CodeDeployGroupRef } from './deps.js';
import { getDeployment } from './follow-deployment.js';

/**
 * A CODE_DEPLOY service's history lives in CodeDeploy, not in ECS's service deployments: the
 * deployments of its group (ListDeployments), and the AppSpec each deployed (GetDeployment, and
 * GetApplicationRevision when the deployment does not carry the AppSpec's content).
 */

/** How many of the group's last successful deployments are read to find the one to go back to. */
export const CODEDEPLOY_HISTORY_DEPTH = 10;

const IN_FLIGHT_STATUSES: DeploymentStatus[] = ['Created', 'Queued', 'InProgress', 'Baking', 'Ready'];

export interface SuccessfulRevision {
  deploymentId: string;
  revision: RevisionLocation;
  taskDefinitionArn: string;
  createdAt?: Date;
}

/** The task definition serving production: the PRIMARY task set's (CodeDeploy moves traffic between task sets), else the service's. */
export function runningTaskDefinition(service: Service): string | undefined {
  return service.taskSets?.find((set) => set.status === 'PRIMARY')?.taskDefinition ?? service.taskDefinition;
}

/** Deployments of the group that may still change the service. */
export async function inFlightDeployments(group: CodeDeployGroupRef, deps: CodeDeployDeps): Promise<string[]> {
  return listDeployments(group, IN_FLIGHT_STATUSES, deps);
}

/**
 * The newest successful deployment of the group whose task definition is not `exclude` (what runs
 * now, or what just failed), with its revision to deploy again; undefined when none is found.
 */
export async function lastSuccessfulRevision(
  group: CodeDeployGroupRef,
  exclude: string | undefined,
  deps: CodeDeployDeps,
): Promise<SuccessfulRevision | undefined> {
  return (await successfulRevisions(group, deps)).find((entry) => entry.taskDefinitionArn !== exclude);
}

/** The group's last successful deployments whose AppSpec can be read, newest first. */
export async function successfulRevisions(group: CodeDeployGroupRef, deps: CodeDeployDeps): Promise<SuccessfulRevision[]> {
  const ids = (await listDeployments(group, ['Succeeded'], deps)).slice(0, CODEDEPLOY_HISTORY_DEPTH);
  const found: SuccessfulRevision[] = [];
  for (const deploymentId of ids) {
    const read = await readRevision(group, deploymentId, deps);
    if (read) found.push(read);
  }
  // ListDeployments promises no order: newest first by CodeDeploy's own creation time.
  return found.sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
}

/** The task definition one deployment deploys, from its AppSpec; undefined when it cannot be read. */
export async function deploymentTaskDefinition(
  group: CodeDeployGroupRef,
  deploymentId: string,
  deps: CodeDeployDeps,
): Promise<string | undefined> {
  return (await readRevision(group, deploymentId, deps))?.taskDefinitionArn;
}

async function readRevision(
  group: CodeDeployGroupRef,
  deploymentId: string,
  deps: CodeDeployDeps,
): Promise<SuccessfulRevision | undefined> {
  const info = await getDeployment(deploymentId, deps);
  if (!info.revision) return undefined;
  const revision = await withContent(group, info.revision, deps);
  const content = revision.appSpecContent?.content ?? revision.string?.content;
  const taskDefinitionArn = content ? await taskDefinitionOfAppSpec(content) : undefined;
  if (!taskDefinitionArn) return undefined;
  return { deploymentId, revision, taskDefinitionArn, ...(info.createTime ? { createdAt: info.createTime } : {}) };
}

async function listDeployments(group: CodeDeployGroupRef, statuses: DeploymentStatus[], deps: CodeDeployDeps): Promise<string[]> {
  const response = await awsCall(
    deps,
    `list the ${statuses.join('/')} deployments of CodeDeploy group ${group.deploymentGroup}`,
    'codedeploy:ListDeployments',
    () =>
      deps.codedeploy.send(
        new ListDeploymentsCommand({
          applicationName: group.application,
          deploymentGroupName: group.deploymentGroup,
          includeOnlyStatuses: statuses,
        }),
      ),
  );
  return response.deployments ?? [];
}

/** The revision with its AppSpec content: as GetDeployment gave it, else from GetApplicationRevision. */
async function withContent(group: CodeDeployGroupRef, revision: RevisionLocation, deps: CodeDeployDeps): Promise<RevisionLocation> {
  if (revision.appSpecContent?.content || revision.string?.content) return revision;
  if (revision.revisionType !== 'AppSpecContent' && revision.revisionType !== 'String') return revision;
  const response = await awsCall(
    deps,
    `read a revision of CodeDeploy application ${group.application}`,
    'codedeploy:GetApplicationRevision',
    () => deps.codedeploy.send(new GetApplicationRevisionCommand({ applicationName: group.application, revision })),
  );
  return response.revision ?? revision;
}
