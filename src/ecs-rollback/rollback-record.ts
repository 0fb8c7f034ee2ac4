import type { Clock } from '../lib/ecs/deps.js';
import { EcsRunRecord } from '../lib/ecs-run-record.js';
import type { DeploymentEntry } from './history.js';

/**
 * `rolled-back`: the service runs the target and passed the health checks. `started`: the rollback
 * was requested and not waited for. `unchanged`: the service already ran the target. `dry-run`:
 * nothing was changed. `refused`: the target failed a safety check (see `force`). `failed` and
 * `timed-out`: the rollback itself did not succeed.
 */
export type RollbackStatus = 'rolled-back' | 'started' | 'unchanged' | 'dry-run' | 'refused' | 'failed' | 'timed-out';

/** What one run did, beyond what every run records. */
export class RollbackRecord extends EcsRunRecord<RollbackStatus> {
  /** The task definition the service ran (or was rolling out) before the rollback. */
  fromTaskDefinitionArn?: string;
  toTaskDefinitionArn?: string;
  /** How the service is taken back, in words: "StopServiceDeployment (ROLLBACK) of …" or "UpdateService to …". */
  method?: string;
  /** The deployments as they were before the rollback, newest first (and after it, when it ran). */
  history: DeploymentEntry[] = [];

  constructor(clock: Pick<Clock, 'now'>) {
    super(clock, 'failed');
  }
}

/** Thrown when the target fails a safety check; the record says `refused`. */
export class RollbackRefusedError extends Error {
  override readonly name = 'RollbackRefusedError';
}
