import { ContinueServiceDeploymentCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { awsCall } from '../lib/aws-call.js';
import type { EcsDeps } from '../lib/ecs/deps.js';
import { followEcsRollback, rollbackToTaskDefinition, stopAndRollBack, type RollbackOutcome } from '../lib/ecs/rollback.js';
import { stopWithRollback } from '../lib/ecs/service-deployments.js';
import { ServiceEventTracker } from '../lib/ecs/service-events.js';
import { lastStoppedTaskDetail } from '../lib/ecs/stopped-tasks.js';
import { shortTaskDefinition } from '../lib/arn.js';
import { verifyDeployment } from '../lib/ecs/verify-deployment.js';
import { followContext } from '../lib/ecs-run-record.js';
import type { EcsRollbackInputs } from './inputs.js';
import type { InFlightDeployment, RollbackPlan } from './plan.js';
import type { RollbackRecord } from './rollback-record.js';

/**
 * The act → wait → verify phases, with the shared rollback primitives of src/lib/ecs (the same code
 * ecs-deploy's automatic rollback runs): StopServiceDeployment/ContinueServiceDeployment ROLLBACK
 * for a deployment in flight, or UpdateService to the target by its existing ARN; then the shared
 * watcher, and the same health checks as ecs-deploy. Dry-run returns before the first change.
 */
export async function applyRollback(plan: RollbackPlan, inputs: EcsRollbackInputs, deps: EcsDeps, record: RollbackRecord): Promise<void> {
  const { action, ref } = plan;
  if (action.kind === 'none') {
    record.status = 'unchanged';
    return;
  }
  if (inputs.dryRun) {
    record.status = 'dry-run';
    deps.log.info(`Dry run: would roll back with ${record.method ?? action.kind}; nothing was changed`);
    return;
  }
  const events = new ServiceEventTracker();
  events.markSeen(plan.service.events);
  const context = followContext(ref, inputs, deps, record.timeline, events);
  if (!inputs.waitForStability) {
    await startOnly(plan, deps);
    record.timeline.add(`Requested: ${record.method ?? action.kind}`);
    record.status = 'started';
    deps.log.info('wait-for-service-stability is false: not waiting for the rollback');
    return;
  }

  let outcome: RollbackOutcome;
  if (action.kind === 'update-service') {
    outcome = await rollbackToTaskDefinition(context, action.taskDefinitionArn, deps, plan.containerDefinitions);
  } else if (action.kind === 'follow-ecs') {
    outcome = await followEcsRollback(context, failedDeployment(action.deployment), deps);
  } else if (action.deployment.hookId) {
    await continueWithRollback(action.deployment, deps);
    record.timeline.add(`Requested rollback of deployment ${action.deployment.deploymentId} at its lifecycle hook`);
    outcome = await followEcsRollback(context, failedDeployment(action.deployment), deps);
  } else {
    outcome = await stopAndRollBack(context, failedDeployment(action.deployment), deps);
  }
  record.stoppedTasks = outcome.watch?.stoppedTasks ?? [];

  if (!outcome.settled) {
    record.status = outcome.watch?.verdict.state === 'timed-out' ? 'timed-out' : 'failed';
    record.failure = `The rollback of service ${ref.service} did not succeed: ${outcome.reason}${lastStoppedTaskDetail(outcome.reason, record.stoppedTasks)}`;
    return;
  }
  const target = outcome.taskDefinitionArn ?? record.toTaskDefinitionArn;
  if (target) record.toTaskDefinitionArn = target;
  const service = outcome.watch.service;
  if (service && target) {
    deps.log.info(`ECS finished the rollback; checking health of ${shortTaskDefinition(target)}`);
    const problem = await verifyDeployment(
      inputs,
      { ref, service, taskDefinitionArn: target, containerDefinitions: plan.containerDefinitions, deadline: context.deadline },
      deps,
    );
    if (problem !== undefined) {
      record.status = 'failed';
      record.failure = `The rollback of service ${ref.service} to ${shortTaskDefinition(target)} completed, but the health checks failed: ${problem}`;
      return;
    }
    record.timeline.add('Health checks passed');
  }
  record.status = 'rolled-back';
  deps.log.info(`Rollback finished: service ${ref.service} runs ${target ? shortTaskDefinition(target) : 'the previous revision'}`);
}

function failedDeployment(deployment: InFlightDeployment) {
  return {
    deploymentId: deployment.deploymentId,
    serviceDeploymentArn: deployment.entry.serviceDeploymentArn,
    taskDefinitionArn: deployment.taskDefinitionArn,
  };
}

/** The rollback's single mutating call, without waiting (wait-for-service-stability: false). */
async function startOnly(plan: RollbackPlan, deps: EcsDeps): Promise<void> {
  const { action, ref } = plan;
  if (action.kind === 'update-service') {
    await awsCall(
      deps,
      `update service ${ref.service} in cluster ${ref.cluster} back to ${action.taskDefinitionArn}`,
      'ecs:UpdateService',
      () =>
        deps.ecs.send(new UpdateServiceCommand({ cluster: ref.cluster, service: ref.service, taskDefinition: action.taskDefinitionArn })),
    );
  } else if (action.kind === 'stop-in-flight') {
    if (action.deployment.hookId) await continueWithRollback(action.deployment, deps);
    else await stopWithRollback(action.deployment.entry.serviceDeploymentArn, deps);
  }
}

/** A deployment paused at a PAUSE lifecycle hook is rolled back through the hook, not stopped. */
async function continueWithRollback(deployment: InFlightDeployment, deps: EcsDeps): Promise<void> {
  const arn = deployment.entry.serviceDeploymentArn;
  await awsCall(deps, `roll back service deployment ${arn} at its lifecycle hook`, 'ecs:ContinueServiceDeployment', () =>
    deps.ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: deployment.hookId ?? '', action: 'ROLLBACK' })),
  );
}
