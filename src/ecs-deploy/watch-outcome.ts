import type { Service, Task } from '@aws-sdk/client-ecs';
import { shortTaskDefinition } from '../lib/arn.js';
import type { WatchResult } from '../lib/ecs/deployment-watcher.js';
import type { EcsDeps } from '../lib/ecs/deps.js';
import { followsStages, hookName, inFlightState, strategyOf } from '../lib/ecs/strategy-state.js';
import { verifyDeployment } from '../lib/ecs/verify-deployment.js';
import { InputError } from '../lib/errors.js';
import type { EcsDeployInputs } from './inputs.js';
import { recoverFromFailure, type RecoveryContext } from './recover.js';
import { taskImages } from './deployed-images.js';

/**
 * The end of ecs-deploy's wait, per strategy and `wait-until`: verify what ECS completed (or the
 * traffic it shifted), stop at a PAUSE hook, leave a deployment ECS still reports healthy when only
 * our wait ran out (on-timeout: leave), and recover from everything else. Returns whether the new
 * revision is deployed (the images report reads it).
 */

export interface OutcomeContext extends RecoveryContext {
  deadline: number;
}

/** Before UpdateService: `wait-until: paused` needs a PAUSE hook, or the wait would silently become `completed`. */
export function checkWaitGoal(inputs: EcsDeployInputs, service: Service, deps: EcsDeps): void {
  const goal = inputs.waitUntil?.goal ?? 'completed';
  const hooks = service.deploymentConfiguration?.lifecycleHooks ?? [];
  if (goal === 'paused' && !hooks.some((hook) => hook.targetType === 'PAUSE')) {
    throw new InputError(
      'wait-until',
      `is 'paused', but service ${service.serviceName ?? inputs.service ?? ''} has no PAUSE lifecycle hook, so its deployment never pauses`,
      "Add a lifecycle hook with targetType PAUSE to the service's deploymentConfiguration, or set wait-until to 'completed'",
    );
  }
  if (goal === 'traffic-shifted' && strategyOf(service) === 'ROLLING') {
    deps.log.info('wait-until is traffic-shifted, but a ROLLING deployment moves traffic task by task: waiting until ECS completes it');
  }
}

export async function settleWatch(watch: WatchResult, context: OutcomeContext, deps: EcsDeps): Promise<boolean> {
  const { inputs, ref, target, record } = context;
  const { verdict } = watch;
  if ((verdict.state === 'succeeded' || (verdict.state === 'goal-reached' && verdict.goal === 'traffic-shifted')) && watch.service) {
    const shifted = verdict.state === 'goal-reached';
    record.timeline.add(
      shifted ? `Production traffic is on deployment ${target.deploymentId}` : `ECS completed deployment ${target.deploymentId}`,
    );
    deps.log.info(`${shifted ? 'Production traffic is on' : 'ECS completed'} deployment ${target.deploymentId}; checking health`);
    // The health checks' running tasks carry the image digests: the report needs no second look at them.
    const onHealthyTasks = (tasks: Task[]) => (record.images = taskImages(tasks, target.taskDefinitionArn));
    const problem = await verifyDeployment(
      inputs,
      { ...target, ref, service: watch.service, deadline: context.deadline, onHealthyTasks },
      deps,
    );
    if (problem === undefined) {
      record.status = shifted ? 'traffic-shifted' : 'succeeded';
      record.timeline.add('Health checks passed');
      deps.log.info(`Deployment ${target.deploymentId} succeeded: ${ref.service} runs ${shortTaskDefinition(target.taskDefinitionArn)}`);
      if (shifted) reportUnwatchedBake(watch, context, deps);
      return true;
    }
    await recoverFromFailure({ state: 'failed', reason: problem, rollback: 'none', inFlight: shifted }, context, deps);
    return false;
  }
  if (verdict.state === 'goal-reached' && verdict.goal === 'paused' && verdict.hook) {
    record.status = 'paused';
    if (verdict.hook.hookId) record.hookId = verdict.hook.hookId;
    const expires = verdict.hook.expiresAt
      ? ` If nobody acts by ${verdict.hook.expiresAt.toISOString()}, ECS takes the hook's timeout action (${verdict.hook.timeoutAction ?? 'unknown'}).`
      : '';
    deps.log.info(
      `Deployment ${target.deploymentId} is paused at ${hookName(verdict.hook)} (stage ${verdict.stage ?? 'unknown'}): ` +
        `continue or roll it back with ContinueServiceDeployment (service deployment ${record.serviceDeploymentArn ?? 'unknown'}, hook id ${verdict.hook.hookId ?? 'unknown'}).${expires}`,
    );
    record.timeline.add(`Stopped waiting: deployment paused at ${hookName(verdict.hook)}`);
    return false;
  }
  if (verdict.state === 'timed-out') {
    const ours = watch.service?.deployments?.find((d) => d.id === target.deploymentId);
    const state = inFlightState(watch.service, ours, followsStages(watch.service) ? watch.serviceDeployment : undefined);
    if ((inputs.waitUntil?.onTimeout ?? 'leave') === 'leave' && state.healthy) {
      leaveHealthy(state.doing, context, deps);
      return false;
    }
    await recoverFromFailure(verdict, { ...context, ecsDoing: state.doing }, deps);
    return false;
  }
  await recoverFromFailure(verdict, context, deps);
  return false;
}

/** Our wait ran out while ECS reports the deployment healthy: say what ECS is doing and leave it to ECS. */
function leaveHealthy(doing: string, { inputs, ref, target, record }: OutcomeContext, deps: EcsDeps): void {
  record.status = 'timed-out';
  record.reason =
    `Deployment ${target.deploymentId} of service ${ref.service} did not finish within wait-for-minutes (${inputs.waitMs / 60_000} min), ` +
    `but ECS reports it healthy: it ${doing}. It is left to ECS, not rolled back (on-timeout: leave); ECS finishes it, or rolls it back if an alarm or hook fails. ` +
    `Wait longer with wait-for-minutes, stop earlier with wait-until, or set on-timeout to rollback`;
  record.timeline.add(`Stopped waiting; ECS goes on: it ${doing}`);
  deps.log.info(`Leaving deployment ${target.deploymentId} to ECS: it ${doing}`);
}

/** wait-until: traffic-shifted ends the wait before the bake time: say what still goes on unwatched. */
function reportUnwatchedBake(watch: WatchResult, { target, record }: OutcomeContext, deps: EcsDeps): void {
  const config = watch.serviceDeployment?.deploymentConfiguration ?? watch.service?.deploymentConfiguration;
  const bake = config?.bakeTimeInMinutes !== undefined ? ` (bake time ${config.bakeTimeInMinutes} min)` : '';
  const alarms = config?.alarms?.enable && config.alarms.alarmNames?.length ? config.alarms.alarmNames.join(', ') : undefined;
  const watchers = alarms
    ? `; alarm ${alarms} can still make ECS ${config?.alarms?.rollback ? 'roll it back' : 'fail it'}`
    : '; no alarm watches it';
  const text = `Deployment ${target.deploymentId} goes on unwatched${bake}: ECS keeps the old revision until the bake ends, then cleans up${watchers}`;
  deps.log.info(text);
  record.timeline.add(text);
}
