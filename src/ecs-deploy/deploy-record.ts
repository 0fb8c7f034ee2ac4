import type { StoppedTask } from '../lib/ecs/stopped-tasks.js';
import { Timeline } from '../lib/ecs/timeline.js';
import type { Clock } from '../lib/ecs/deps.js';

export type DeployStatus = 'succeeded' | 'rolled-back' | 'failed' | 'timed-out' | 'superseded' | 'traffic-shifted' | 'paused';

/** Statuses that end the step successfully: the wait reached its `wait-until` goal. */
export const SUCCESS_STATUSES: readonly DeployStatus[] = ['succeeded', 'traffic-shifted', 'paused'];

/**
 * What one run did, filled in phase by phase so that outputs and the job summary can say what is
 * known even when a phase throws (AccessDenied half-way still reports the registered revision).
 */
export class DeployRecord {
  status: DeployStatus = 'failed';
  /** Why the run did not succeed; the step's final error line. */
  reason?: string;
  taskDefinitionArn?: string;
  registered = false;
  deploymentId?: string;
  serviceDeploymentArn?: string;
  /** The PAUSE hook the deployment waits at (wait-until: paused), for ContinueServiceDeployment. */
  hookId?: string;
  /** The task definition that was PRIMARY and COMPLETED before this run. */
  previousTaskDefinitionArn?: string;
  rollbackTaskDefinitionArn?: string;
  /** The service's circuit breaker before this run, for what ECS does when nobody watches. */
  circuitBreaker?: { enabled: boolean; rollback: boolean };
  /** Who took the service back: 'ecs' (circuit breaker/alarms, or our StopServiceDeployment) or 'update-service'. */
  rollbackMethod?: string;
  runTaskArn?: string;
  /** Container → image as the task definitions ask (tags). */
  previousImages: Record<string, string> = {};
  newImages: Record<string, string> = {};
  /** Container → image digest that actually runs, from the service revision. */
  images: Record<string, string> = {};
  stoppedTasks: StoppedTask[] = [];
  waited = true;
  readonly timeline: Timeline;
  readonly startedAt: number;

  constructor(clock: Pick<Clock, 'now'>) {
    this.timeline = new Timeline(clock);
    this.startedAt = clock.now();
  }
}
