import { StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { awsCall, awsErrorName } from '../aws-call.js';
import { shortTaskDefinition } from '../arn.js';
import { errorMessage } from '../errors.js';
import type { Timeline } from '../ecs/timeline.js';
import { describeService } from '../ecs/service-state.js';
import type { CodeDeployDeps, CodeDeployServiceRef } from './deps.js';
import { createDeployment } from './deployment-group.js';
import { followDeployment, type FollowResult } from './follow-deployment.js';
import { runningTaskDefinition, type SuccessfulRevision } from './history.js';

/**
 * The ways back for a CODE_DEPLOY service, shared by ecs-deploy's automatic rollback and
 * ecs-rollback: stop a deployment in flight with CodeDeploy's own rollback (StopDeployment
 * autoRollbackEnabled), follow a rollback CodeDeploy started, or deploy the last successful
 * revision again through CodeDeploy.
 */

export interface CodeDeployRollbackContext {
  ref: CodeDeployServiceRef;
  alarms: string[];
  deadline: number;
  pollIntervalMs: number;
  seenTasks: Set<string>;
  timeline: Timeline;
}

export type CodeDeployRollbackOutcome =
  { settled: true; taskDefinitionArn?: string; deploymentId?: string } | { settled: false; reason: string };

/** StopDeployment with automatic rollback, then follows the deployment and CodeDeploy's rollback to their end. */
export async function stopWithRollback(
  context: CodeDeployRollbackContext,
  deploymentId: string,
  failedTaskDefinitionArn: string,
  deps: CodeDeployDeps,
): Promise<CodeDeployRollbackOutcome> {
  deps.log.info(`Stopping CodeDeploy deployment ${deploymentId} with automatic rollback`);
  try {
    const response = await awsCall(deps, `stop CodeDeploy deployment ${deploymentId}`, 'codedeploy:StopDeployment', () =>
      deps.codedeploy.send(new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true })),
    );
    context.timeline.add(`Stopped CodeDeploy deployment ${deploymentId} with rollback (${response.status ?? 'Pending'})`);
  } catch (error: unknown) {
    // CodeDeploy ended it between our poll and the stop (a failed hook ends it within seconds): follow what it did instead.
    if (!/DeploymentAlreadyCompleted/.test(awsErrorName(error) ?? '')) throw error;
    deps.log.info(`CodeDeploy had already ended deployment ${deploymentId}`);
  }
  const ended = await follow(context, deploymentId, failedTaskDefinitionArn, deps, 'ended');
  if (ended.verdict.state === 'timed-out') return { settled: false, reason: `deployment ${deploymentId} did not stop in time` };
  if (ended.verdict.state === 'succeeded')
    return { settled: false, reason: `CodeDeploy completed deployment ${deploymentId} instead of stopping it` };
  return afterEnded(context, ended.verdict.rollbackDeploymentId, failedTaskDefinitionArn, deps);
}

/**
 * After a deployment ended without success: follow the rollback deployment CodeDeploy started, or,
 * when it started none, check which task set serves production.
 */
export async function afterEnded(
  context: CodeDeployRollbackContext,
  rollbackDeploymentId: string | undefined,
  failedTaskDefinitionArn: string,
  deps: CodeDeployDeps,
): Promise<CodeDeployRollbackOutcome> {
  if (rollbackDeploymentId) {
    deps.log.info(`Following CodeDeploy's rollback deployment ${rollbackDeploymentId}`);
    const rollback = await follow(context, rollbackDeploymentId, undefined, deps, 'ended');
    if (rollback.verdict.state !== 'succeeded') return notSettled(`rollback deployment ${rollbackDeploymentId}`, rollback);
    context.timeline.add(`CodeDeploy rollback deployment ${rollbackDeploymentId} succeeded`);
  }
  const serving = runningTaskDefinition(await describeService(context.ref.service, deps));
  if (!serving || serving === failedTaskDefinitionArn) {
    return { settled: false, reason: `production still runs ${serving ? shortTaskDefinition(serving) : 'no known task definition'}` };
  }
  return { settled: true, taskDefinitionArn: serving, ...(rollbackDeploymentId ? { deploymentId: rollbackDeploymentId } : {}) };
}

/** CreateDeployment of a revision that succeeded before (its AppSpec names its task definition), followed to its end. */
export async function redeployRevision(
  context: CodeDeployRollbackContext,
  revision: SuccessfulRevision,
  description: string,
  deps: CodeDeployDeps,
): Promise<CodeDeployRollbackOutcome> {
  deps.log.info(
    `Deploying ${shortTaskDefinition(revision.taskDefinitionArn)} again through CodeDeploy (the revision of deployment ${revision.deploymentId})`,
  );
  let deploymentId: string;
  try {
    deploymentId = await createDeployment(context.ref, { revision: revision.revision, description }, deps);
  } catch (error: unknown) {
    return { settled: false, reason: `CreateDeployment of the previous revision failed: ${errorMessage(error)}` };
  }
  context.timeline.add(`Started CodeDeploy deployment ${deploymentId} of ${shortTaskDefinition(revision.taskDefinitionArn)}`);
  const result = await follow(context, deploymentId, revision.taskDefinitionArn, deps, 'complete');
  if (result.verdict.state !== 'succeeded') return notSettled(`deployment ${deploymentId}`, result);
  context.timeline.add(`CodeDeploy deployment ${deploymentId} succeeded`);
  return { settled: true, taskDefinitionArn: revision.taskDefinitionArn, deploymentId };
}

function follow(
  context: CodeDeployRollbackContext,
  deploymentId: string,
  taskDefinitionArn: string | undefined,
  deps: CodeDeployDeps,
  until: 'complete' | 'ended',
): Promise<FollowResult> {
  return followDeployment(
    {
      ref: context.ref.service,
      deploymentId,
      taskDefinitionArn: taskDefinitionArn ?? '',
      hooks: new Map(),
      alarms: context.alarms,
      until,
      deadline: context.deadline,
      pollIntervalMs: context.pollIntervalMs,
      seenTasks: context.seenTasks,
      timeline: context.timeline,
      // A redeployment's replacement tasks are watched as ours are; a stopped deployment's are being torn down.
      watchTasks: until === 'complete',
    },
    deps,
  );
}

function notSettled(what: string, result: FollowResult): CodeDeployRollbackOutcome {
  const { verdict } = result;
  return { settled: false, reason: verdict.state === 'failed' ? `${what} failed: ${verdict.reason}` : `${what} did not finish in time` };
}
