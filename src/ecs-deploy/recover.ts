import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import type { WatchVerdict } from '../lib/ecs/deployment-watcher.js';
import type { EcsDeps, ServiceRef } from '../lib/ecs/deps.js';
import {
  followEcsRollback,
  rollbackToTaskDefinition,
  stopAndRollBack,
  type RollbackContext,
  type RollbackOutcome,
} from '../lib/ecs/rollback.js';
import type { ServiceEventTracker } from '../lib/ecs/service-events.js';
import type { Timeline } from '../lib/ecs/timeline.js';
import type { DeployRecord } from './deploy-record.js';
import type { EcsDeployInputs } from './inputs.js';
import { shortTaskDefinition } from '../lib/arn.js';
import { errorMessage } from '../lib/errors.js';
import { lastStoppedTaskDetail } from '../lib/ecs/stopped-tasks.js';

/** Drops a trailing period so that reasons can be joined into one sentence. */
function sentence(text: string): string {
  return text.replace(/\.+\s*$/, '');
}

export interface RecoveryContext {
  inputs: EcsDeployInputs;
  ref: ServiceRef;
  target: { deploymentId: string; serviceDeploymentArn?: string; taskDefinitionArn: string; containerDefinitions: ContainerDefinition[] };
  base: { ref: ServiceRef; pollIntervalMs: number; events: ServiceEventTracker; seenTasks: Set<string>; timeline: Timeline };
  record: DeployRecord;
  /** On a timeout: what ECS was doing with the deployment when the wait ended (strategy-state's inFlightState). */
  ecsDoing?: string;
}

/**
 * After a failure: announce it at once (an error annotation, before any waiting), then bring the
 * service back to a good revision — follow ECS if it is already rolling back, ask ECS to roll back
 * a deployment still in flight, or deploy the known-good revision by ARN — and follow that to its end.
 */
export async function recoverFromFailure(verdict: WatchVerdict, context: RecoveryContext, deps: EcsDeps): Promise<void> {
  if (verdict.state === 'succeeded' || verdict.state === 'in-progress' || verdict.state === 'goal-reached') return;
  const { inputs, ref, target, record } = context;
  const timedOut = verdict.state === 'timed-out';
  const failure = timedOut
    ? {
        reason: `ECS did not finish the deployment within wait-for-minutes (${inputs.waitMs / 60_000} min)${context.ecsDoing ? `; it ${context.ecsDoing}` : ''}`,
        rollback: 'none' as const,
        inFlight: true,
      }
    : verdict;
  if (failure.rollback === 'superseded') {
    reportSuperseded(failure.reason, context, deps);
    return;
  }
  const baseStatus = timedOut ? 'timed-out' : 'failed';
  record.status = baseStatus;
  const stopDetail = lastStoppedTaskDetail(failure.reason, record.stoppedTasks);
  record.reason = `Deployment ${target.deploymentId} of service ${ref.service} ${timedOut ? 'timed out' : 'failed'}: ${sentence(failure.reason)}${stopDetail}`;
  deps.log.error(record.reason);
  record.timeline.add(record.reason);

  const rollback: RollbackContext = { ...context.base, deadline: deps.clock.now() + inputs.waitMs };
  const previous = record.previousTaskDefinitionArn;
  let outcome: RollbackOutcome | undefined;
  switch (failure.rollback) {
    case 'service-gone':
      record.reason += '. Stopped waiting: a service being deleted cannot be rolled back';
      return;
    case 'ecs-succeeded':
      outcome = {
        settled: true,
        ...(previous ? { taskDefinitionArn: previous } : {}),
        watch: { verdict: failure, stoppedTasks: [], polls: 0 },
      };
      record.rollbackMethod = 'ECS';
      break;
    case 'ecs-in-progress':
      // ECS's own rollback is followed even with rollback-on-failure false: it happens either way.
      record.rollbackMethod = 'ECS';
      outcome = await followEcsRollback(rollback, target, deps, { justSeen: true });
      break;
    default:
      if (!inputs.rollbackOnFailure) {
        // Said in the final error line too, which then differs from the announcement above.
        record.reason += `. rollback-on-failure is false: service ${ref.service} is left as it is`;
        return;
      }
      outcome = await ourRollback(failure.rollback === 'none' && failure.inFlight, rollback, context, deps);
  }
  if (!outcome) return;
  if (outcome.settled) {
    record.status = timedOut ? 'timed-out' : 'rolled-back';
    record.rollbackTaskDefinitionArn = outcome.taskDefinitionArn ?? previous;
    const back = record.rollbackTaskDefinitionArn ? shortTaskDefinition(record.rollbackTaskDefinitionArn) : 'the previous revision';
    record.reason += `. Rolled back: service ${ref.service} runs ${back} again`;
    deps.log.info(`Rollback finished: service ${ref.service} runs ${back} again`);
  } else {
    record.reason += `. The rollback did not succeed: ${outcome.reason}`;
  }
}

/** Another party's deployment replaced ours: say whose, and leave the service to it. */
function reportSuperseded(reason: string, context: RecoveryContext, deps: EcsDeps): void {
  const { ref, target, record } = context;
  record.status = 'superseded';
  record.reason = `Deployment ${target.deploymentId} of service ${ref.service} (${shortTaskDefinition(target.taskDefinitionArn)}) did not finish: ${sentence(reason)} — not rolling back what we did not start`;
  // The step's final error line carries the reason; printing it here too would annotate it twice.
  deps.log.info(`Service ${ref.service} is left to the newer deployment`);
  record.timeline.add(record.reason);
}

/** Our rollback: StopServiceDeployment while ECS is still rolling out, else (or if that fails) UpdateService to the known-good ARN. */
async function ourRollback(
  inFlight: boolean,
  rollback: RollbackContext,
  context: RecoveryContext,
  deps: EcsDeps,
): Promise<RollbackOutcome | undefined> {
  const { target, record } = context;
  const previous = record.previousTaskDefinitionArn;
  if (inFlight && target.serviceDeploymentArn) {
    record.rollbackMethod = 'StopServiceDeployment (ROLLBACK)';
    // StopServiceDeployment failing after its retries must not leave the service mid-rollout silently.
    const stopped = await stopAndRollBack(rollback, { ...target, serviceDeploymentArn: target.serviceDeploymentArn }, deps).catch(
      (error: unknown): RollbackOutcome => ({ settled: false, reason: `StopServiceDeployment failed: ${sentence(errorMessage(error))}` }),
    );
    if (stopped.settled) return stopped;
    if (!previous) return { ...stopped, reason: `${stopped.reason}. ${stillRollingOut(context)}` };
    deps.log.warning(`ECS did not roll back (${stopped.reason}); deploying the known-good revision instead`);
  }
  if (!previous) {
    record.reason += '. There is no known-good revision to roll back to (the service had no completed deployment before this run)';
    return undefined;
  }
  record.rollbackMethod = `UpdateService to ${shortTaskDefinition(previous)}`;
  try {
    return await rollbackToTaskDefinition(rollback, previous, deps);
  } catch (error: unknown) {
    const reason = `UpdateService to ${shortTaskDefinition(previous)} failed: ${sentence(errorMessage(error))}`;
    return { settled: false, reason: `${reason}. ${stillRollingOut(context)}` };
  }
}

/** Where a rollback that could not be made leaves the service, and the command that finishes the job. */
function stillRollingOut({ ref, target, record }: RecoveryContext): string {
  const to = record.previousTaskDefinitionArn ?? 'previous';
  return (
    `Service ${ref.service} is left on deployment ${target.deploymentId} (${shortTaskDefinition(target.taskDefinitionArn)}), which ECS may still be rolling out; ` +
    `roll it back with the ecs-rollback action (service: ${ref.service}, cluster: ${ref.cluster}, to: ${to})`
  );
}
