import { shortTaskDefinition } from '../lib/arn.js';
import { watchDeployment, type WatchResult } from '../lib/ecs/deployment-watcher.js';
import type { EcsDeps, ServiceRef } from '../lib/ecs/deps.js';
import { followEcsRollback, type RollbackContext } from '../lib/ecs/rollback.js';
import type { ServiceEventTracker } from '../lib/ecs/service-events.js';
import { lastStoppedTaskDetail } from '../lib/ecs/stopped-tasks.js';
import { followsStages, hookName, inFlightState } from '../lib/ecs/strategy-state.js';
import { describeTaskDefinition } from '../lib/ecs/task-definitions.js';
import { verifyDeployment } from '../lib/ecs/verify-deployment.js';
import { followContext } from '../lib/ecs-run-record.js';
import { poll } from '../lib/poll.js';
import type { EcsPromoteInputs } from './inputs.js';
import type { PromoteRecord } from './promote-record.js';

/**
 * After the decision, the deployment is followed to its end with the shared watcher (the same one
 * ecs-deploy and ecs-rollback use) and what ECS completed is verified with the same health checks:
 * continue → completed (or paused again at a later PAUSE hook, or rolled back by ECS); rollback →
 * ECS's rollback to the previous revision. A wait that runs out says what ECS is doing and leaves it.
 */

export interface FollowRequest {
  inputs: EcsPromoteInputs;
  ref: ServiceRef;
  deploymentId: string;
  serviceDeploymentArn: string;
  events: ServiceEventTracker;
}

export async function followDecision(request: FollowRequest, deps: EcsDeps, record: PromoteRecord): Promise<void> {
  const { inputs, ref, deploymentId, serviceDeploymentArn, events } = request;
  const context = followContext(ref, inputs, deps, record.timeline, events);
  const failed = { deploymentId, serviceDeploymentArn, taskDefinitionArn: record.targetTaskDefinitionArn ?? '' };
  if (inputs.decision === 'rollback') {
    const outcome = await followEcsRollback(context, failed, deps);
    record.stoppedTasks = outcome.watch?.stoppedTasks ?? [];
    if (!outcome.settled) {
      record.status = outcome.watch?.verdict.state === 'timed-out' ? 'timed-out' : 'failed';
      record.failure = `The rollback of deployment ${deploymentId} did not succeed: ${outcome.reason}${lastStoppedTaskDetail(outcome.reason, record.stoppedTasks)}`;
      return;
    }
    const back = outcome.taskDefinitionArn ?? record.sourceTaskDefinitionArn;
    await finish(outcome.watch, back, 'rolled-back', context, deps, record);
    return;
  }

  // A continue ends at ECS's verdict, at a later PAUSE hook (`paused`), or at ECS's own rollback. The
  // hook just continued may still read AWAITING_ACTION for a moment: then the watch starts again.
  const polled = await poll<WatchResult>(
    async () => {
      const watch = await watchDeployment({ ...context, ...failed, failFast: false, until: 'rollback-settled', goal: 'paused' }, deps);
      const sameHook = watch.verdict.state === 'goal-reached' && watch.verdict.hook?.hookId === record.hookId;
      return sameHook ? undefined : watch;
    },
    {
      label: `Deployment ${deploymentId}`,
      deadline: context.deadline,
      intervalMs: inputs.pollIntervalMs,
      toleratedErrors: 0,
      clock: deps.clock,
      warn: deps.log.warning,
    },
  );
  const watch: WatchResult | undefined = polled.done ? polled.value : undefined;
  record.stoppedTasks = watch?.stoppedTasks ?? [];
  const verdict = watch?.verdict ?? { state: 'timed-out' as const };
  if (watch && verdict.state === 'succeeded') {
    await finish(watch, record.targetTaskDefinitionArn, 'succeeded', context, deps, record);
    return;
  }
  if (verdict.state === 'goal-reached' && verdict.hook) {
    record.status = 'paused';
    if (verdict.hook.hookId) record.nextHookId = verdict.hook.hookId;
    const text = `Deployment ${deploymentId} went on and is paused again at ${hookName(verdict.hook)} (stage ${verdict.stage ?? 'unknown'}): it needs another decision`;
    deps.log.info(text);
    record.timeline.add(text);
    return;
  }
  if (verdict.state === 'failed' && verdict.rollback === 'ecs-succeeded' && watch) {
    record.timeline.add('ECS finished rolling back');
    record.failure = `ECS rolled deployment ${deploymentId} back after it was continued: ${verdict.reason}${lastStoppedTaskDetail(verdict.reason, record.stoppedTasks)}`;
    await finish(watch, undefined, 'rolled-back', context, deps, record);
    return;
  }
  if (verdict.state === 'timed-out') {
    const ours = watch?.service?.deployments?.find((d) => d.id === deploymentId);
    const doing = inFlightState(watch?.service, ours, followsStages(watch?.service) ? watch?.serviceDeployment : undefined).doing;
    record.status = 'timed-out';
    record.failure = `Deployment ${deploymentId} of service ${ref.service} did not finish within wait-for-minutes (${inputs.waitMs / 60_000} min): it ${doing}. It is left to ECS`;
    record.timeline.add(`Stopped waiting; ECS goes on: it ${doing}`);
    return;
  }
  record.status = 'failed';
  const reason = verdict.state === 'failed' ? verdict.reason : 'it ended without a verdict';
  record.failure = `Deployment ${deploymentId} did not complete after it was continued: ${reason}${lastStoppedTaskDetail(reason, record.stoppedTasks)}`;
}

/** ECS completed (the deployment, or its rollback): the tasks of what now runs must be healthy, or the run fails. */
async function finish(
  watch: WatchResult,
  taskDefinitionArn: string | undefined,
  status: 'succeeded' | 'rolled-back',
  context: RollbackContext,
  deps: EcsDeps,
  record: PromoteRecord,
): Promise<void> {
  const running = taskDefinitionArn ?? watch.service?.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition;
  if (running) record.runningTaskDefinitionArn = running;
  // followEcsRollback and the continue branch record the end of a rollback themselves.
  if (status === 'succeeded') record.timeline.add(`ECS completed deployment ${record.deploymentId ?? ''}`);
  if (watch.service && running) {
    deps.log.info(
      `ECS ${status === 'succeeded' ? 'completed the deployment' : 'finished the rollback'}; checking health of ${shortTaskDefinition(running)}`,
    );
    const { containerDefinitions } = await describeTaskDefinition(running, deps);
    const problem = await verifyDeployment(
      { pollIntervalMs: context.pollIntervalMs },
      { ref: context.ref, service: watch.service, taskDefinitionArn: running, containerDefinitions, deadline: context.deadline },
      deps,
    );
    if (problem !== undefined) {
      record.status = 'failed';
      record.failure = `${record.failure ? `${record.failure}. ` : ''}ECS ${status === 'succeeded' ? 'completed the deployment' : 'rolled back'} to ${shortTaskDefinition(running)}, but the health checks failed: ${problem}`;
      return;
    }
    record.timeline.add('Health checks passed');
  }
  record.status = status;
  deps.log.info(`Service ${context.ref.service} runs ${running ? shortTaskDefinition(running) : 'its previous revision'}`);
}
