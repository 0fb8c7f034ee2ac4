import type { DeploymentRecord, LifecycleStage, ServiceDeploymentRecord, ServiceRecord } from './records.js';
import type { EcsState } from './state.js';
import { isHealthy } from './task-lifecycle.js';

/**
 * ECS native blue/green (`deploymentConfiguration.strategy: BLUE_GREEN`): the green revision scales
 * up to the full desired count beside blue, traffic shifts (test, then production), both run for the
 * bake time, then blue is cleaned up. The stage shows in the service deployment's `lifecycleStage`.
 * Traffic itself is not modelled (there is one target group); lifecycle hooks are not run.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-blue-green.html
 */

/** Sandbox seconds each stage without work of its own lasts, so a poller can see it go by. */
const STAGE_SECONDS = 5;

/** Stages that only mark time here (no hooks, no traffic to move), in the order ECS goes through them. */
const PASSING: Partial<Record<LifecycleStage, LifecycleStage>> = {
  PRE_SCALE_UP: 'SCALE_UP',
  POST_SCALE_UP: 'TEST_TRAFFIC_SHIFT',
  TEST_TRAFFIC_SHIFT: 'POST_TEST_TRAFFIC_SHIFT',
  POST_TEST_TRAFFIC_SHIFT: 'PRODUCTION_TRAFFIC_SHIFT',
  PRODUCTION_TRAFFIC_SHIFT: 'POST_PRODUCTION_TRAFFIC_SHIFT',
  POST_PRODUCTION_TRAFFIC_SHIFT: 'BAKE_TIME',
};

/** A blue/green deployment the scheduler drives by stages; a rollback of one is an ordinary deployment back to blue. */
export function isBlueGreen(record: ServiceDeploymentRecord | undefined, primary: DeploymentRecord): record is ServiceDeploymentRecord {
  return (
    record?.configuration.strategy === 'BLUE_GREEN' && record.rollbackDeploymentId === undefined && primary.rolloutState === 'IN_PROGRESS'
  );
}

/** What the scheduler does in this step for a blue/green deployment besides keeping green at the desired count. */
export type BlueGreenAction = 'wait' | 'clean-up';

export function stepBlueGreen(
  sim: EcsState,
  service: ServiceRecord,
  record: ServiceDeploymentRecord,
  primary: DeploymentRecord,
  now: number,
): BlueGreenAction {
  const stage = record.lifecycleStage;
  if (stage === undefined) return enter(record, 'PRE_SCALE_UP', now);
  const elapsed = now - (record.lifecycleStageAt ?? now);
  const next = PASSING[stage];
  if (next) return elapsed >= STAGE_SECONDS * 1000 ? enter(record, next, now) : 'wait';
  if (stage === 'SCALE_UP') {
    const green = sim.serviceTasks(service).filter((t) => t.deploymentId === primary.id && t.desiredStatus === 'RUNNING');
    const ready = green.length >= service.desiredCount && green.every(isHealthy);
    return ready ? enter(record, 'POST_SCALE_UP', now) : 'wait';
  }
  if (stage === 'BAKE_TIME') {
    const bakeMs = (record.configuration.bakeTimeInMinutes ?? 0) * 60_000;
    return elapsed >= bakeMs ? enter(record, 'CLEAN_UP', now) : 'wait';
  }
  return 'clean-up';
}

function enter(record: ServiceDeploymentRecord, stage: LifecycleStage, now: number): BlueGreenAction {
  Object.assign(record, { lifecycleStage: stage, lifecycleStageAt: now, updatedAt: now });
  return stage === 'CLEAN_UP' ? 'clean-up' : 'wait';
}

/**
 * A blue/green rollback sends traffic back to blue, whose tasks are still running: the rollback
 * deployment takes them over instead of starting new ones, and green drains away.
 */
export function adoptBlueTasks(sim: EcsState, service: ServiceRecord, failed: DeploymentRecord, rollback: DeploymentRecord): void {
  for (const task of sim.serviceTasks(service))
    if (task.deploymentId !== failed.id && task.desiredStatus === 'RUNNING' && task.taskDefinitionArn === rollback.taskDefinitionArn)
      task.deploymentId = rollback.id;
}
