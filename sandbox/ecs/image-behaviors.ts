import { createHash } from 'node:crypto';
import type { TargetFailure } from '../elbv2/target-groups.js';
import type { ContainerSpec, TaskPlan } from './records.js';

export type ImageBehaviorKind = 'healthy' | 'exit' | 'unhealthy-container' | 'unhealthy-target' | 'pull-error' | 'slow-start';

/** What a container running this image does, set per image reference by a test. */
export interface ImageBehavior {
  kind: ImageBehaviorKind;
  /** For `exit`: the exit code (default 1). */
  exitCode?: number;
  /** For `slow-start`: seconds from pull to RUNNING (default 120); for `exit`: seconds it runs (default 5). */
  startSeconds?: number;
  /** What the container prints to its log (awslogs). */
  logLines?: string[];
  /** For `unhealthy-target`: how its ALB health checks fail (Target.FailedHealthChecks when not said). */
  targetFailure?: TargetFailure;
}

/** Sandbox seconds each phase takes; roughly what Fargate takes. */
export const TIMING = {
  provisioning: 5,
  pull: 5,
  start: 2,
  slowStart: 120,
  exitAfter: 5,
  containerHealthy: 10,
  containerUnhealthy: 30,
  targetVerdict: 15,
} as const;

/** A stable sha256 digest per image reference (or the one the reference pins). */
export function imageDigest(image: string): string {
  const pinned = /@(sha256:[0-9a-f]{64})$/.exec(image);
  return pinned?.[1] ?? `sha256:${createHash('sha256').update(`sandbox-image:${image}`).digest('hex')}`;
}

export function defaultLogLines(image: string, behavior: ImageBehavior): string[] {
  switch (behavior.kind) {
    case 'exit':
      return behavior.exitCode === 0
        ? [`starting ${image}`, 'done']
        : [`starting ${image}`, `fatal: exiting with status ${behavior.exitCode ?? 1}`];
    case 'unhealthy-container':
      return [`starting ${image}`, 'health check endpoint returned 500'];
    case 'pull-error':
      return [];
    default:
      return [`starting ${image}`, 'listening on 0.0.0.0:8080'];
  }
}

export function pullErrorReason(image: string): string {
  return `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${image}: not found`;
}

/**
 * The task's timeline, decided at launch from what each container's image does (for the command it
 * runs, when RunTask overrides it). The worst essential container wins: a pull error stops the task
 * before it runs; an exit stops it; health failures are acted on by whoever watches them (the service
 * scheduler, or ECS for standalone tasks).
 */
export function planTask(
  createdAt: number,
  containers: ContainerSpec[],
  behaviorOf: (container: ContainerSpec) => ImageBehavior,
): TaskPlan {
  const s = (seconds: number) => seconds * 1000;
  const pendingAt = createdAt + s(TIMING.provisioning);
  const pullDoneAt = pendingAt + s(TIMING.pull);
  const plan: TaskPlan = { pendingAt, pullDoneAt, targetHealthy: true };
  const pullFailure = containers.find((c) => behaviorOf(c).kind === 'pull-error');
  if (pullFailure) return { ...plan, pullError: pullErrorReason(pullFailure.image) };

  const startSeconds = Math.max(
    TIMING.start,
    ...containers.map((c) => {
      const b = behaviorOf(c);
      return b.kind === 'slow-start' ? (b.startSeconds ?? TIMING.slowStart) : TIMING.start;
    }),
  );
  const runningAt = pullDoneAt + s(startSeconds);
  plan.runningAt = runningAt;
  for (const container of containers) {
    const b = behaviorOf(container);
    if (b.kind === 'exit' && container.essential) {
      const at = runningAt + s(b.startSeconds ?? TIMING.exitAfter);
      if (plan.exitAt === undefined || at < plan.exitAt)
        Object.assign(plan, { exitAt: at, exitCode: b.exitCode ?? 1, exitContainer: container.name });
    }
    if (b.kind === 'unhealthy-container') {
      plan.containerUnhealthyAt = runningAt + s(TIMING.containerUnhealthy);
      plan.unhealthyContainer = container.name;
    }
    if (b.kind === 'unhealthy-target') plan.targetHealthy = false;
  }
  if (containers.some((c) => c.hasHealthCheck)) plan.containerHealthyAt = runningAt + s(TIMING.containerHealthy);
  plan.targetVerdictAt = runningAt + s(TIMING.targetVerdict);
  return plan;
}
