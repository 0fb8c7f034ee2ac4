import { startHooks, stepHooks } from './lifecycle-hooks.js';
import type { DeploymentRecord, HookStage, LifecycleStage, ServiceDeploymentRecord, ServiceRecord } from './records.js';
import type { EcsState } from './state.js';
import { isHealthy } from './task-lifecycle.js';

/**
 * ECS-managed BLUE_GREEN, LINEAR and CANARY deployments: green scales up to the full desired count
 * beside blue, test traffic moves to it, then production traffic in one step (BLUE_GREEN), in
 * `stepPercent` steps with `stepBakeTimeInMinutes` between them (LINEAR), or `canaryPercent` then the
 * rest after `canaryBakeTimeInMinutes` (CANARY); both revisions run for `bakeTimeInMinutes`, then blue
 * is cleaned up. Hooks run at each documented stage (lifecycle-hooks.ts).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-linear.html
 *
 * How to use (tests): DescribeServiceDeployments shows `lifecycleStage`, `lifecycleHookDetails` and,
 * on `targetServiceRevision` / `sourceServiceRevisions`, `requestedProductionTrafficWeight` and
 * `requestedTestTrafficWeight`. Each stage without work of its own lasts STAGE_SECONDS; SCALE_UP lasts
 * until green is healthy; bakes last their minutes. All sandbox time (scales with timeScale).
 * The load balancer itself is not re-pointed: green tasks register in the service's target group.
 */

/** Sandbox seconds a stage without work of its own lasts, so a poller can see it go by. */
export const STAGE_SECONDS = 5;

/** One step of the plan: the stage it shows, the hooks it runs, what it waits for, the traffic it moves. */
interface Checkpoint {
  stage: LifecycleStage;
  hooks?: HookStage;
  wait: { kind: 'pass'; ms: number } | { kind: 'scale-up' } | { kind: 'clean-up' };
  production?: number;
  test?: number;
}

/** Production weights of the target revision, step by step, ending at 100. */
export function productionSteps(record: ServiceDeploymentRecord): number[] {
  const { strategy, linearConfiguration, canaryConfiguration } = record.configuration;
  if (strategy === 'LINEAR' && linearConfiguration) {
    const steps: number[] = [];
    for (let w = linearConfiguration.stepPercent; w < 100 - 1e-9; w += linearConfiguration.stepPercent) steps.push(Math.round(w * 10) / 10);
    return [...steps, 100];
  }
  if (strategy === 'CANARY' && canaryConfiguration && canaryConfiguration.canaryPercent < 100)
    return [canaryConfiguration.canaryPercent, 100];
  return [100];
}

function stepBakeMs(record: ServiceDeploymentRecord): number {
  const { linearConfiguration, canaryConfiguration } = record.configuration;
  return (linearConfiguration?.stepBakeTimeInMinutes ?? canaryConfiguration?.canaryBakeTimeInMinutes ?? 0) * 60_000;
}

function plan(record: ServiceDeploymentRecord): Checkpoint[] {
  const pass = (ms = STAGE_SECONDS * 1000) => ({ kind: 'pass' as const, ms });
  const checkpoints: Checkpoint[] = [];
  // RECONCILE_SERVICE only happens when more than one service revision is ACTIVE.
  if (record.sourceRevisionArns.length > 1) checkpoints.push({ stage: 'RECONCILE_SERVICE', hooks: 'RECONCILE_SERVICE', wait: pass() });
  checkpoints.push(
    { stage: 'PRE_SCALE_UP', hooks: 'PRE_SCALE_UP', wait: pass() },
    { stage: 'SCALE_UP', wait: { kind: 'scale-up' } },
    { stage: 'POST_SCALE_UP', hooks: 'POST_SCALE_UP', wait: pass() },
    { stage: 'TEST_TRAFFIC_SHIFT', hooks: 'TEST_TRAFFIC_SHIFT', wait: pass(), test: 100 },
    { stage: 'POST_TEST_TRAFFIC_SHIFT', hooks: 'POST_TEST_TRAFFIC_SHIFT', wait: pass() },
  );
  // PRE_PRODUCTION_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT hooks run before and at every step.
  for (const weight of productionSteps(record)) {
    checkpoints.push(
      { stage: 'PRODUCTION_TRAFFIC_SHIFT', hooks: 'PRE_PRODUCTION_TRAFFIC_SHIFT', wait: pass(0) },
      { stage: 'PRODUCTION_TRAFFIC_SHIFT', hooks: 'PRODUCTION_TRAFFIC_SHIFT', wait: pass(), production: weight },
    );
    if (weight < 100) checkpoints.push({ stage: 'PRODUCTION_TRAFFIC_SHIFT', wait: pass(stepBakeMs(record)) });
  }
  checkpoints.push(
    { stage: 'POST_PRODUCTION_TRAFFIC_SHIFT', hooks: 'POST_PRODUCTION_TRAFFIC_SHIFT', wait: pass() },
    { stage: 'BAKE_TIME', wait: pass((record.configuration.bakeTimeInMinutes ?? 0) * 60_000) },
    { stage: 'CLEAN_UP', wait: { kind: 'clean-up' } },
  );
  return checkpoints;
}

/** A staged deployment the scheduler drives by stages; a rollback of one is an ordinary deployment back to blue. */
export function isStaged(record: ServiceDeploymentRecord | undefined, primary: DeploymentRecord): record is ServiceDeploymentRecord {
  return (
    record !== undefined &&
    record.configuration.strategy !== 'ROLLING' &&
    record.rollbackDeploymentId === undefined &&
    primary.rolloutState === 'IN_PROGRESS'
  );
}

/** What the scheduler does in this step besides keeping green at the desired count. */
export type StagedAction = { kind: 'wait' } | { kind: 'clean-up' } | { kind: 'rollback'; reason: string };

export function stepStaged(
  sim: EcsState,
  service: ServiceRecord,
  record: ServiceDeploymentRecord,
  primary: DeploymentRecord,
  now: number,
): StagedAction {
  const checkpoints = plan(record);
  if (!record.staged) {
    record.staged = { checkpoint: -1, checkpointAt: now, productionWeight: 0, testWeight: 0, hookRuns: [] };
    return enter(sim, record, checkpoints, 0, now);
  }
  const progress = record.staged;
  const current = checkpoints[progress.checkpoint];
  if (!current) return { kind: 'clean-up' };
  const hooks = stepHooks(record, progress.checkpoint, sim.hookBehaviors, now);
  if (hooks.kind === 'rollback') return { kind: 'rollback', reason: hooks.reason };
  const { wait } = current;
  if (wait.kind === 'clean-up') return { kind: 'clean-up' };
  if (hooks.kind === 'pending') return { kind: 'wait' };
  if (wait.kind === 'scale-up') {
    const green = sim.serviceTasks(service).filter((t) => t.deploymentId === primary.id && t.desiredStatus === 'RUNNING');
    if (green.length < service.desiredCount || !green.every(isHealthy)) return { kind: 'wait' };
  } else if (now - progress.checkpointAt < wait.ms) return { kind: 'wait' };
  return enter(sim, record, checkpoints, progress.checkpoint + 1, now);
}

/** Enters checkpoint `index`: shows its stage, moves its traffic, starts its hooks; a checkpoint with nothing to do is passed at once. */
function enter(sim: EcsState, record: ServiceDeploymentRecord, checkpoints: Checkpoint[], index: number, now: number): StagedAction {
  const progress = record.staged;
  const checkpoint = checkpoints[index];
  if (!progress || !checkpoint) return { kind: 'clean-up' };
  if (record.lifecycleStage !== checkpoint.stage) Object.assign(record, { lifecycleStage: checkpoint.stage, lifecycleStageAt: now });
  Object.assign(progress, { checkpoint: index, checkpointAt: now });
  if (checkpoint.production !== undefined) progress.productionWeight = checkpoint.production;
  if (checkpoint.test !== undefined) progress.testWeight = checkpoint.test;
  record.updatedAt = now;
  const started = checkpoint.hooks ? startHooks(record, checkpoint.hooks, index, sim.random, now) : false;
  if (checkpoint.wait.kind === 'clean-up') return { kind: 'clean-up' };
  if (!started && checkpoint.wait.kind === 'pass' && checkpoint.wait.ms === 0) return enter(sim, record, checkpoints, index + 1, now);
  return { kind: 'wait' };
}
