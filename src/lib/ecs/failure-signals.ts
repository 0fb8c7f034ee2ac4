import type { ContainerDefinition, Deployment, Service, ServiceEvent } from '@aws-sdk/client-ecs';
import type { Verdict } from './deployment-assessment.js';
import type { EcsDeps, ServiceRef } from './deps.js';
import { isUnableToPlace } from './service-events.js';
import { DELIBERATE_STOP, newlyStoppedTasks, reportStoppedTasks, summarizeStoppedTask, type StoppedTask } from './stopped-tasks.js';
import type { Timeline } from './timeline.js';
import { breakerThreshold } from './strategy-state.js';

/**
 * Failure that ECS does not (yet) call a failure: tasks of the new revision that keep stopping, an
 * image that cannot be pulled, capacity that never fits. Also the place where stopped tasks are
 * looked up, explained and printed once each.
 *
 * Stopped tasks are counted here, with or without the circuit breaker: ECS resets failedTasks (and
 * the breaker's failureCount) once one task of the deployment ran and stops evaluating it, so a
 * revision whose tasks start failing later is never caught by the breaker. We fail at the breaker's
 * own threshold, counting our revision's stopped tasks ourselves.
 *
 * Lookups cost two ECS calls or more (ListTasks pages + DescribeTasks), so they are made only on a
 * signal, and not while ECS does the counting for us: with the breaker on and no task of ours ever
 * running, ECS's breaker turns the failures into a verdict, and the stopped tasks are looked up then
 * (one early lookup at the first failure still catches an image that cannot be pulled at once).
 * A watch that only follows ECS's rollback (failFast false) looks up nothing until its verdict.
 */

interface SignalsRequest {
  ref: ServiceRef;
  taskDefinitionArn: string;
  containerDefinitions?: ContainerDefinition[];
  seenTasks: Set<string>;
  timeline: Timeline;
  /** False for a watch that follows ECS's rollback: no lookups on signals, only at a failed verdict. Default true. */
  failFast?: boolean;
}

/** Stopped tasks per watch whose container logs are read. */
export const LOG_TAILED_TASKS = 5;

/** Polls in a row that "unable to place" may last, with nothing of ours running, before it counts as failure. */
export const UNABLE_TO_PLACE_POLLS = 3;

// Not "has stopped N running tasks": every rollout stops the old tasks; failedTasks counts the failures.
const STOP_HINT = /health checks|CannotPullContainerError|failed to (start|launch)|is unhealthy|essential container/i;
const STARTED = /has started \d+ tasks/;
const PULL_ERROR = /CannotPullContainerError|pull image manifest|PullImageError|ImagePull/i;

export class FailureSignals {
  readonly stoppedTasks: StoppedTask[] = [];
  /** Whether the last observe() already looked the stopped tasks up (so a verdict in the same poll need not again). */
  collectedThisPoll = false;
  private lastFailedTasks = 0;
  private unableToPlace: { message: string; polls: number } | undefined;
  private breakerEnabled = false;
  private threshold = breakerThreshold(1);
  /** Our deployment's running count at the last poll: a drop means a task of ours stopped, whatever failedTasks says. */
  private lastRunning = 0;
  private everRan = false;
  /** failedTasks as last seen (not the maximum): a drop means ECS reset it and stopped counting. */
  private lastFailedTasksSeen = 0;
  private ecsStoppedCounting = false;
  private lookups = 0;

  constructor(
    private readonly request: SignalsRequest,
    private readonly deps: EcsDeps,
  ) {}

  /** Takes in one poll: looks for stopped tasks when ECS hints that some stopped. */
  async observe(service: Service, ours: Deployment | undefined, fresh: ServiceEvent[]): Promise<void> {
    const breaker = service.deploymentConfiguration?.deploymentCircuitBreaker;
    this.breakerEnabled = breaker?.enable === true;
    this.threshold = breakerThreshold(ours?.desiredCount ?? service.desiredCount ?? 1, breaker);
    const failedTasks = ours?.failedTasks ?? 0;
    const running = ours?.runningCount ?? 0;
    // Once a task of ours ran, a start means a replacement may be due to one that stopped between two polls.
    const replacement = this.everRan && fresh.some((event) => STARTED.test(event.message ?? ''));
    this.ecsStoppedCounting ||= failedTasks < this.lastFailedTasksSeen;
    const signal =
      failedTasks > this.lastFailedTasks ||
      running < this.lastRunning ||
      replacement ||
      fresh.some((event) => STOP_HINT.test(event.message ?? ''));
    // ECS still counts (breaker on, nothing of ours ever ran, failedTasks never reset): after the first lookup its verdict decides.
    const ecsCounts = this.breakerEnabled && !this.everRan && !this.ecsStoppedCounting && running === 0;
    this.collectedThisPoll = signal && this.request.failFast !== false && !(ecsCounts && this.lookups > 0);
    if (this.collectedThisPoll) await this.collectStopped();
    this.lastFailedTasks = Math.max(this.lastFailedTasks, failedTasks);
    this.lastFailedTasksSeen = failedTasks;
    this.lastRunning = running;
    this.everRan ||= running > 0;

    const placement = fresh.find(isUnableToPlace);
    if (placement) this.unableToPlace ??= { message: placement.message ?? '', polls: 0 };
    if (this.unableToPlace) {
      if ((ours?.runningCount ?? 0) > 0) this.unableToPlace = undefined;
      else this.unableToPlace.polls += 1;
    }
  }

  /** Finds tasks of the new revision that stopped since the last look, explains and prints each once. */
  async collectStopped(): Promise<void> {
    this.lookups += 1;
    // A task on its way down already carries its stoppedReason: counting it then fails the deployment a poll earlier.
    const stopped = await newlyStoppedTasks(
      this.deps,
      this.request.ref,
      this.request.seenTasks,
      (task) => task.lastStatus === 'STOPPED' || task.stoppedReason !== undefined,
    );
    if (stopped.length === 0) return;
    const ours = stopped.filter(
      (task) => task.taskDefinitionArn === this.request.taskDefinitionArn && !DELIBERATE_STOP.test(task.stoppedReason ?? ''),
    );
    // Log tails are bounded per watch: a 200-task crash loop reads the logs of the first few, not of every task.
    const logTails = Math.max(0, LOG_TAILED_TASKS - this.stoppedTasks.length);
    const { containerDefinitions, timeline } = this.request;
    this.stoppedTasks.push(
      ...(await reportStoppedTasks(ours, { containerDefinitions, timeline, heading: 'Task stopped', logTails }, this.deps)),
    );
  }

  /** A failure verdict from our own signals, or undefined while none fired. */
  verdict(): Verdict | undefined {
    const pull = this.stoppedTasks.find((task) =>
      PULL_ERROR.test([task.stoppedReason, ...task.containers.map((c) => c.reason ?? '')].join(' ')),
    );
    if (pull) {
      const reason = pull.containers.find((c) => PULL_ERROR.test(c.reason ?? ''))?.reason ?? pull.stoppedReason;
      return { state: 'failed', reason: `the image cannot be pulled: ${reason}`, rollback: 'none', inFlight: true };
    }
    const { threshold } = this;
    const last = this.stoppedTasks.at(-1);
    if (last && this.stoppedTasks.length >= threshold) {
      const breaker = this.breakerEnabled
        ? 'the circuit breaker has not tripped: ECS stops counting failed tasks once one task of a deployment ran'
        : 'the circuit breaker is off';
      return {
        state: 'failed',
        reason: `${this.stoppedTasks.length} tasks of the new revision stopped (${breaker}; failing at the circuit breaker's own threshold of ${threshold}). Last one: ${summarizeStoppedTask(last)}`,
        rollback: 'none',
        inFlight: true,
      };
    }
    if (this.unableToPlace && this.unableToPlace.polls >= UNABLE_TO_PLACE_POLLS) {
      return { state: 'failed', reason: `ECS cannot place the new tasks: ${this.unableToPlace.message}`, rollback: 'none', inFlight: true };
    }
    return undefined;
  }
}
