import type { Clock, EcsDeps, ServiceRef } from './ecs/deps.js';
import type { RollbackContext } from './ecs/rollback.js';
import type { ServiceEventTracker } from './ecs/service-events.js';
import type { StoppedTask } from './ecs/stopped-tasks.js';
import { Timeline } from './ecs/timeline.js';

/**
 * What ecs-promote and ecs-rollback keep about one run on a service, and how both start following
 * ECS. Each action's record adds its own facts and statuses; the parts here are the ones its job
 * summary and outputs read the same way in both (see ecs-run-summary.ts).
 */

/** Filled in step by step, so that outputs and the job summary say what is known even when a step throws. */
export class EcsRunRecord<Status extends string> {
  /** Why the run did not succeed; the step's final error line. */
  failure?: string;
  stoppedTasks: StoppedTask[] = [];
  readonly timeline: Timeline;
  readonly startedAt: number;

  constructor(
    clock: Pick<Clock, 'now'>,
    /** What the run ended as; it starts as the status of a run that threw. */
    public status: Status,
  ) {
    this.timeline = new Timeline(clock);
    this.startedAt = clock.now();
  }
}

/** How the shared watcher and rollback primitives follow the service: the run's wait from now, events already seen left out. */
export function followContext(
  ref: ServiceRef,
  wait: { pollIntervalMs: number; waitMs: number },
  deps: Pick<EcsDeps, 'clock'>,
  timeline: Timeline,
  events: ServiceEventTracker,
): RollbackContext {
  return {
    ref,
    pollIntervalMs: wait.pollIntervalMs,
    deadline: deps.clock.now() + wait.waitMs,
    events,
    seenTasks: new Set<string>(),
    timeline,
  };
}
