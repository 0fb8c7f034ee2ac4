import type { Clock } from '../lib/ecs/deps.js';
import { EcsRunRecord } from '../lib/ecs-run-record.js';

/**
 * `succeeded`: continued, ECS completed the deployment and its tasks are healthy. `paused`: continued,
 * and the deployment now waits at a later PAUSE hook (its id is the `hook-id` output). `rolled-back`:
 * ECS rolled the deployment back (asked to, or on its own after a continue). `refused`: nothing waits
 * for a decision (no paused deployment, or the hook expired or moved on); nothing was changed.
 * `failed` and `timed-out`: the deployment did not reach an end in time or ended badly.
 */
export type PromoteStatus = 'succeeded' | 'paused' | 'rolled-back' | 'refused' | 'failed' | 'timed-out';

/** What one run did, beyond what every run records. */
export class PromoteRecord extends EcsRunRecord<PromoteStatus> {
  serviceDeploymentArn?: string;
  /** The `ecs-svc/…` id in deployments[]. */
  deploymentId?: string;
  /** The hook acted on, and the stage it held the deployment at. */
  hookId?: string;
  stage?: string;
  /** A later PAUSE hook the deployment waits at after a continue. */
  nextHookId?: string;
  /** The revision being deployed, and the one it replaces. */
  targetTaskDefinitionArn?: string;
  sourceTaskDefinitionArn?: string;
  /** What the service runs when the run ends. */
  runningTaskDefinitionArn?: string;

  constructor(clock: Pick<Clock, 'now'>) {
    super(clock, 'failed');
  }
}

/** Nothing waits for the decision: the record says `refused` and the message says what ECS did instead. */
export class NothingPausedError extends Error {
  override readonly name = 'NothingPausedError';
}
