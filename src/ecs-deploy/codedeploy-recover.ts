import { shortTaskDefinition } from '../lib/arn.js';
import type { CodeDeployDeps, CodeDeployServiceRef } from '../lib/codedeploy/deps.js';
import type { GroupFacts } from '../lib/codedeploy/deployment-group.js';
import type { FollowResult, FollowVerdict } from '../lib/codedeploy/follow-deployment.js';
import { codeDeployInFlightState } from '../lib/codedeploy/in-flight-state.js';
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
  /** Lifecycle event → hook, from the AppSpec. */
  hooks: Map<string, string>;
  /** The deployment and its target as the follow last read them: what CodeDeploy was doing when the wait ended. */
  lastSeen?: Pick<FollowResult, 'info' | 'target'>;
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
  const state = timedOut
    ? codeDeployInFlightState(recovery.lastSeen?.info, recovery.lastSeen?.target, {
        terminationWaitMinutes: recovery.group.terminationWaitMinutes,
        hooks: recovery.hooks,
      })
    : undefined;
  if (state?.healthy && (inputs.waitUntil?.onTimeout ?? 'leave') === 'leave') {
    leaveHealthy(state.doing, recovery, deps);
    return;
  }
  // A timeout of a deployment that is not healthy (its replacement tasks not all running) is a failure like any other.
  const reason = state
    ? `it did not finish within wait-for-minutes (${minutes} min); it ${state.doing}`
    : verdict.state === 'failed'
      ? verdict.reason
      : '';
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

/** Our wait ran out while CodeDeploy's deployment is healthy: say what it is doing and leave it to CodeDeploy. */
function leaveHealthy(doing: string, { rollOut, deploymentId }: CodeDeployRecovery, deps: CodeDeployDeps): void {
  const { inputs, ref, record } = rollOut;
  record.status = 'timed-out';
  record.reason =
    `CodeDeploy deployment ${deploymentId} of service ${ref.service} did not finish within wait-for-minutes (${inputs.waitMs / 60_000} min), ` +
    `but it is healthy: it ${doing}. It is left to CodeDeploy, not stopped or rolled back (on-timeout: leave); CodeDeploy finishes it, or rolls it back if an alarm or hook fails. ` +
    `Wait longer with wait-for-minutes, stop earlier with wait-until, or set on-timeout to rollback`;
  record.timeline.add(`Stopped waiting; CodeDeploy goes on: it ${doing}`);
  deps.log.info(`Leaving CodeDeploy deployment ${deploymentId} to CodeDeploy: it ${doing}`);
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
