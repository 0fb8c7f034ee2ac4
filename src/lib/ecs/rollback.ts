import { UpdateServiceCommand, type ContainerDefinition } from '@aws-sdk/client-ecs';
import { awsCall } from '../aws-call.js';
import { newPrimaryDeployment } from './deployment-assessment.js';
import type { EcsDeps, ServiceRef } from './deps.js';
import { watchDeployment, type WatchResult } from './deployment-watcher.js';
import { serviceDeploymentFor, stopWithRollback } from './service-deployments.js';
import type { ServiceEventTracker } from './service-events.js';
import type { Timeline } from './timeline.js';
import { followsStages, inFlightState } from './strategy-state.js';

/**
 * The three ways back to a good revision, shared by ecs-deploy's automatic rollback and ecs-rollback:
 * follow ECS's own rollback, ask ECS to roll an in-flight deployment back (StopServiceDeployment),
 * or deploy a known-good task definition by its existing ARN. Revisions are never deregistered.
 */

export interface RollbackContext {
  ref: ServiceRef;
  pollIntervalMs: number;
  /** Absolute time (deps.clock) by which the rollback must have settled. */
  deadline: number;
  events: ServiceEventTracker;
  seenTasks: Set<string>;
  timeline: Timeline;
}

/** The deployment being rolled back, as the watcher knows it. */
export interface FailedDeployment {
  deploymentId: string;
  serviceDeploymentArn?: string;
  taskDefinitionArn: string;
  containerDefinitions?: ContainerDefinition[];
}

export type RollbackOutcome =
  | { settled: true; taskDefinitionArn?: string; deploymentId?: string; watch: WatchResult }
  | { settled: false; reason: string; watch?: WatchResult };

/**
 * Waits for ECS's own rollback (circuit breaker, alarms, or one we requested) to end. `justSeen`: the
 * caller looked at the service a moment ago (the verdict's poll, StopServiceDeployment's answer), so
 * the first poll waits one interval. The context's seenTasks carries the stopped tasks already described.
 */
export async function followEcsRollback(
  context: RollbackContext,
  failed: FailedDeployment,
  deps: EcsDeps,
  options: { justSeen?: boolean } = {},
): Promise<RollbackOutcome> {
  deps.log.info(`Following ECS's rollback of deployment ${failed.deploymentId}`);
  const watch = await watchDeployment(
    { ...context, ...failed, failFast: false, until: 'rollback-settled', firstPollAfterInterval: options.justSeen === true },
    deps,
  );
  const { verdict } = watch;
  if (verdict.state === 'failed' && verdict.rollback === 'ecs-succeeded') {
    const primary = newPrimaryDeployment(watch.service);
    context.timeline.add('ECS finished rolling back');
    return {
      settled: true,
      ...(primary?.taskDefinition ? { taskDefinitionArn: primary.taskDefinition } : {}),
      ...(primary?.id ? { deploymentId: primary.id } : {}),
      watch,
    };
  }
  if (verdict.state === 'timed-out') {
    const rollbackId = newPrimaryDeployment(watch.service)?.id;
    return { settled: false, reason: `the rollback did not finish in time: ECS ${whatEcsDoes(watch, rollbackId)}`, watch };
  }
  if (verdict.state === 'succeeded') return { settled: false, reason: 'ECS completed the deployment instead of rolling it back', watch };
  return {
    settled: false,
    reason: verdict.state === 'failed' ? `the rollback did not succeed (${verdict.reason})` : 'the rollback did not settle',
    watch,
  };
}

/** StopServiceDeployment with ROLLBACK for a deployment ECS is still rolling out, then follows the rollback. */
export async function stopAndRollBack(
  context: RollbackContext,
  failed: FailedDeployment & { serviceDeploymentArn: string },
  deps: EcsDeps,
): Promise<RollbackOutcome> {
  deps.log.info(`Asking ECS to stop deployment ${failed.deploymentId} and roll it back`);
  await stopWithRollback(failed.serviceDeploymentArn, deps);
  context.timeline.add(`Requested rollback of deployment ${failed.deploymentId} (StopServiceDeployment ROLLBACK)`);
  return followEcsRollback(context, failed, deps, { justSeen: true });
}

/**
 * Rollback by existing ARN: UpdateService back to a task definition that is known to have run well,
 * then watch that deployment like any other. The revision is used as it is, never re-registered.
 */
export async function rollbackToTaskDefinition(
  context: RollbackContext,
  taskDefinitionArn: string,
  deps: EcsDeps,
  containerDefinitions?: ContainerDefinition[],
): Promise<RollbackOutcome> {
  const { ref } = context;
  deps.log.info(`Rolling service ${ref.service} back to ${taskDefinitionArn}`);
  const response = await awsCall(
    deps,
    `update service ${ref.service} in cluster ${ref.cluster} back to ${taskDefinitionArn}`,
    'ecs:UpdateService',
    () => deps.ecs.send(new UpdateServiceCommand({ cluster: ref.cluster, service: ref.service, taskDefinition: taskDefinitionArn })),
  );
  const primary = newPrimaryDeployment(response.service);
  if (!primary?.id) return { settled: false, reason: 'UpdateService answered without a PRIMARY deployment' };
  context.timeline.addEcs(`Started rollback deployment ${primary.id} to ${taskDefinitionArn}`, primary.createdAt);
  const serviceDeploymentArn = await serviceDeploymentFor(response.service, ref, taskDefinitionArn, deps);
  const watch = await watchDeployment(
    {
      ...context,
      deploymentId: primary.id,
      ...(serviceDeploymentArn ? { serviceDeploymentArn } : {}),
      taskDefinitionArn,
      ...(containerDefinitions ? { containerDefinitions } : {}),
      failFast: true,
      until: 'verdict',
      firstPollAfterInterval: true,
    },
    deps,
  );
  if (watch.verdict.state === 'succeeded') {
    context.timeline.add(`Rollback deployment ${primary.id} completed`);
    return { settled: true, taskDefinitionArn, deploymentId: primary.id, watch };
  }
  const reason =
    watch.verdict.state === 'failed' ? watch.verdict.reason : `it did not complete in time: ECS ${whatEcsDoes(watch, primary.id)}`;
  return { settled: false, reason: `the rollback deployment ${primary.id} failed: ${reason}`, watch };
}

/** What ECS is doing with a deployment whose wait ran out (a bake, a hook, tasks not running), for the reason. */
function whatEcsDoes(watch: WatchResult, deploymentId: string | undefined): string {
  const ours = watch.service?.deployments?.find((d) => d.id === deploymentId);
  const record = followsStages(watch.service) ? watch.serviceDeployment : undefined;
  return inFlightState(watch.service, ours, record).doing;
}
