import type { Clock } from '../lib/ecs/deps.js';
import type { StoppedTask } from '../lib/ecs/stopped-tasks.js';
import { Timeline } from '../lib/ecs/timeline.js';
import type { DeploymentEntry } from './history.js';

/**
 * `rolled-back`: the service runs the target and passed the health checks. `started`: the rollback
 * was requested and not waited for. `unchanged`: the service already ran the target. `dry-run`:
 * nothing was changed. `refused`: the target failed a safety check (see `force`). `failed` and
 * `timed-out`: the rollback itself did not succeed.
 */
export type RollbackStatus = 'rolled-back' | 'started' | 'unchanged' | 'dry-run' | 'refused' | 'failed' | 'timed-out';

/**
 * What one run did, filled in phase by phase so that outputs and the job summary can say what is
 * known even when a phase throws.
 */
export class RollbackRecord {
  status: RollbackStatus = 'failed';
  /** Why the run did not succeed; the step's final error line. */
  failure?: string;
  /** The task definition the service ran (or was rolling out) before the rollback. */
  fromTaskDefinitionArn?: string;
  toTaskDefinitionArn?: string;
  /** How the service is taken back, in words: "StopServiceDeployment (ROLLBACK) of …" or "UpdateService to …". */
  method?: string;
  /** The deployments as they were before the rollback, newest first (and after it, when it ran). */
  history: DeploymentEntry[] = [];
  stoppedTasks: StoppedTask[] = [];
  readonly timeline: Timeline;
  readonly startedAt: number;

  constructor(clock: Pick<Clock, 'now'>) {
    this.timeline = new Timeline(clock);
    this.startedAt = clock.now();
  }
}

/** Thrown when the target fails a safety check; the record says `refused`. */
export class RollbackRefusedError extends Error {
  override readonly name = 'RollbackRefusedError';
}
