import { shortTaskDefinition } from '../lib/arn.js';
import type { CodeDeployDeps, CodeDeployServiceRef } from '../lib/codedeploy/deps.js';
import type { GroupFacts } from '../lib/codedeploy/deployment-group.js';
import type { FollowVerdict } from '../lib/codedeploy/follow-deployment.js';
import { lastSuccessfulRevision } from '../lib/codedeploy/history.js';
import {
  afterEnded,
  redeployRevision,
  stopWithRollback,
  type CodeDeployRollbackContext,
  type CodeDeployRollbackOutcome,
} from '../lib/codedeploy/rollback.js';
import { errorMessage } from '../lib/errors.js';
import { lastStoppedTaskDetail } from '../lib/ecs/stopped-tasks.js';
import type { ContainerDefinition, Service } from '@aws-sdk/client-ecs';
import type { ServiceRef } from '../lib/ecs/deps.js';
import type { DeployRecord } from './deploy-record.js';
import type { EcsDeployInputs } from './inputs.js';

/**
 * After a CodeDeploy deployment failed (or our wait ran out): announce it at once, then take the
 * service back — StopDeployment with automatic rollback while the deployment is in flight, follow
 * CodeDeploy's own rollback when it started one, or deploy the last successful revision again when
 * production was left on the failed one.
 */

/** What ecs-deploy's CodeDeploy branch works on (codedeploy-deploy.ts). */
export interface CodeDeployRollOut {
  inputs: EcsDeployInputs;
  ref: ServiceRef;
  service: Service;
  taskDefinitionArn: string;
  containerDefinitions: ContainerDefinition[];
  deadline: number;
  record: DeployRecord;
}

export interface CodeDeployRecovery {
  rollOut: CodeDeployRollOut;
  groupRef: CodeDeployServiceRef;
  group: GroupFacts;
  deploymentId: string;
  seenTasks: Set<string>;
}

function sentence(text: string): string {
  return text.replace(/\.+\s*$/, '');
}

export async function recoverCodeDeploy(
  verdict: Exclude<FollowVerdict, { state: 'succeeded' }>,
  recovery: CodeDeployRecovery,
  deps: CodeDeployDeps,
): Promise<void> {
  const { rollOut, deploymentId } = recovery;
  const { inputs, ref, record, taskDefinitionArn } = rollOut;
  const timedOut = verdict.state === 'timed-out';
  const minutes = inputs.waitMs / 60_000;
  if (timedOut && (inputs.waitUntil?.onTimeout ?? 'leave') === 'leave') {
    // No failure was seen: a healthy deployment is not rolled back because our wait ended.
    record.status = 'timed-out';
    record.reason =
      `CodeDeploy deployment ${deploymentId} of service ${ref.service} did not finish within wait-for-minutes (${minutes} min); no failure was seen, so it goes on unwatched. ` +
      `Wait longer with wait-for-minutes, or set on-timeout to rollback`;
    record.timeline.add(record.reason);
    return;
  }
  const reason = timedOut ? `it did not finish within wait-for-minutes (${minutes} min)` : verdict.reason;
  record.status = timedOut ? 'timed-out' : 'failed';
  record.reason = `CodeDeploy deployment ${deploymentId} of service ${ref.service} ${timedOut ? 'timed out' : 'failed'}: ${sentence(reason)}${lastStoppedTaskDetail(reason, record.stoppedTasks)}`;
  deps.log.error(record.reason);
  record.timeline.add(record.reason);

  const inFlight = timedOut || (verdict.state === 'failed' && verdict.inFlight);
  const rollbackDeploymentId = verdict.state === 'failed' ? verdict.rollbackDeploymentId : undefined;
  if (!inputs.rollbackOnFailure && !rollbackDeploymentId) {
    record.reason += `. rollback-on-failure is false: service ${ref.service} is left as CodeDeploy leaves it`;
    return;
  }
  const context: CodeDeployRollbackContext = {
    ref: recovery.groupRef,
    alarms: recovery.group.alarms,
    deadline: deps.clock.now() + inputs.waitMs,
    pollIntervalMs: inputs.pollIntervalMs,
    seenTasks: recovery.seenTasks,
    timeline: record.timeline,
  };
  let outcome: CodeDeployRollbackOutcome;
  try {
    if (inFlight) {
      record.rollbackMethod = 'CodeDeploy StopDeployment (autoRollbackEnabled)';
      outcome = await stopWithRollback(context, deploymentId, taskDefinitionArn, deps);
    } else {
      record.rollbackMethod = rollbackDeploymentId ? `CodeDeploy rollback deployment ${rollbackDeploymentId}` : 'none needed';
      outcome = await afterEnded(context, rollbackDeploymentId, taskDefinitionArn, deps);
    }
    if (!outcome.settled && inputs.rollbackOnFailure) outcome = await redeployPrevious(context, recovery, outcome.reason, deps);
  } catch (error: unknown) {
    outcome = { settled: false, reason: sentence(errorMessage(error)) };
  }
  if (outcome.settled) {
    record.status = timedOut ? 'timed-out' : 'rolled-back';
    record.rollbackTaskDefinitionArn = outcome.taskDefinitionArn ?? record.previousTaskDefinitionArn;
    const back = record.rollbackTaskDefinitionArn ? shortTaskDefinition(record.rollbackTaskDefinitionArn) : 'the previous revision';
    record.reason += `. Rolled back: production runs ${back} again`;
    deps.log.info(`Rollback finished: service ${ref.service} runs ${back} in production again`);
  } else {
    record.reason +=
      `. The rollback did not succeed: ${outcome.reason}. Roll back with the ecs-rollback action ` +
      `(service: ${ref.service}, cluster: ${ref.cluster}, to: ${record.previousTaskDefinitionArn ?? 'previous'})`;
  }
}

/** Production is still (or again) on the failed revision: deploy the group's last successful revision again. */
async function redeployPrevious(
  context: CodeDeployRollbackContext,
  recovery: CodeDeployRecovery,
  why: string,
  deps: CodeDeployDeps,
): Promise<CodeDeployRollbackOutcome> {
  const { taskDefinitionArn } = recovery.rollOut;
  deps.log.warning(`${sentence(why)}; deploying the last successful revision again`);
  const revision = await lastSuccessfulRevision(recovery.groupRef, taskDefinitionArn, deps);
  if (!revision)
    return {
      settled: false,
      reason: `${sentence(why)}, and the deployment group has no earlier successful deployment of another task definition`,
    };
  recovery.rollOut.record.rollbackMethod = `CodeDeploy deployment of ${shortTaskDefinition(revision.taskDefinitionArn)} (from deployment ${revision.deploymentId})`;
  return redeployRevision(context, revision, `ecs-deploy rollback of ${recovery.deploymentId}`, deps);
}
