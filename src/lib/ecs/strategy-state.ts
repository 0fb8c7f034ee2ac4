import type { DeploymentCircuitBreaker, DeploymentLifecycleHookDetail, Deployment, Service, ServiceDeployment } from '@aws-sdk/client-ecs';

/**
 * What the service-deployment record says about a ROLLING, BLUE_GREEN, LINEAR or CANARY deployment
 * beyond its status: where production traffic is, which lifecycle hook runs or waits, and whether a
 * deployment that has not finished is healthy (baking, at a hook, between traffic steps) or stuck.
 * Pure, so every state is unit-tested. Shapes: ServiceDeployment, DeploymentLifecycleHookDetail and
 * ServiceRevisionSummary in https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceDeployment.html
 */

export type Strategy = 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY';
/** Where the wait of ecs-deploy ends (the `wait-until` input). */
export type WaitGoal = 'completed' | 'traffic-shifted' | 'paused';
export const WAIT_GOALS: readonly WaitGoal[] = ['completed', 'traffic-shifted', 'paused'];

export function strategyOf(service: Service | undefined): Strategy {
  const strategy = service?.deploymentConfiguration?.strategy;
  return strategy === 'BLUE_GREEN' || strategy === 'LINEAR' || strategy === 'CANARY' ? strategy : 'ROLLING';
}

/** Whether lifecycle stages and hooks matter: then the service-deployment record is read on every poll. */
export function followsStages(service: Service | undefined): boolean {
  return strategyOf(service) !== 'ROLLING' || (service?.deploymentConfiguration?.lifecycleHooks?.length ?? 0) > 0;
}

/** Stages ECS reaches only once production traffic is wholly on the new revision. */
const AFTER_PRODUCTION_SHIFT = new Set(['POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP']);

export function productionTrafficShifted(sd: ServiceDeployment): boolean {
  if (AFTER_PRODUCTION_SHIFT.has(sd.lifecycleStage ?? '')) return true;
  // LINEAR and CANARY pass PRODUCTION_TRAFFIC_SHIFT at every step: only the last one puts 100% on the new revision.
  return sd.lifecycleStage === 'PRODUCTION_TRAFFIC_SHIFT' && (sd.targetServiceRevision?.requestedProductionTrafficWeight ?? 0) >= 100;
}

/** A PAUSE hook waiting for ContinueServiceDeployment. */
export function pausedHook(sd: ServiceDeployment | undefined): DeploymentLifecycleHookDetail | undefined {
  return sd?.lifecycleHookDetails?.find((hook) => hook.targetType === 'PAUSE' && hook.status === 'AWAITING_ACTION');
}

/** A hook that ended the deployment: FAILED, or TIMED_OUT with ROLLBACK as its timeout action. */
export function failedHook(sd: ServiceDeployment | undefined): DeploymentLifecycleHookDetail | undefined {
  return sd?.lifecycleHookDetails?.find(
    (hook) => hook.status === 'FAILED' || (hook.status === 'TIMED_OUT' && hook.timeoutAction !== 'CONTINUE'),
  );
}

/** `Lambda hook arn:…:function:check` or `PAUSE hook 1a2b3c`: what the hook is, as a reader knows it. */
export function hookName(hook: DeploymentLifecycleHookDetail): string {
  if (hook.targetType === 'PAUSE') return `PAUSE hook ${hook.hookId ?? '(no id)'}`;
  return `Lambda hook ${hook.targetArn ?? hook.hookId ?? '(unnamed)'}`;
}

/** The goal a wait reached while ECS goes on, or undefined (`completed` is reached by ECS's own success). */
export function goalReached(
  goal: WaitGoal,
  sd: ServiceDeployment | undefined,
): { goal: 'traffic-shifted' | 'paused'; hook?: DeploymentLifecycleHookDetail; stage?: string } | undefined {
  if (!sd || sd.status !== 'IN_PROGRESS') return undefined;
  const stage = sd.lifecycleStage ? { stage: sd.lifecycleStage } : {};
  if (goal === 'paused') {
    const hook = pausedHook(sd);
    return hook ? { goal, hook, ...stage } : undefined;
  }
  if (goal === 'traffic-shifted' && productionTrafficShifted(sd)) return { goal, ...stage };
  return undefined;
}

export interface InFlightState {
  /** ECS reports nothing wrong and the new revision runs: it is baking, at a hook, or between traffic steps. */
  healthy: boolean;
  /** What ECS is doing, as one clause: "is in its bake time (60 min) with production traffic on the new revision". */
  doing: string;
}

/**
 * What ECS is doing with a deployment our wait gave up on, and whether that is healthy. A deployment
 * whose new tasks do not all run (and that no hook or bake holds) is stuck, not healthy.
 */
export function inFlightState(
  service: Service | undefined,
  ours: Deployment | undefined,
  sd: ServiceDeployment | undefined,
): InFlightState {
  // No poll was ever answered (throttled or hung throughout): say so rather than "0 of 0 new tasks running".
  if (!service && !ours && !sd) return { healthy: false, doing: 'is in an unknown state: ECS answered none of our polls' };
  const config = sd?.deploymentConfiguration ?? service?.deploymentConfiguration;
  const monitorsFired = sd?.deploymentCircuitBreaker?.status === 'TRIGGERED' || sd?.alarms?.status === 'TRIGGERED';
  const paused = pausedHook(sd);
  if (paused && !monitorsFired) {
    const expires = paused.expiresAt
      ? ` until ${paused.expiresAt.toISOString()}, then ${paused.timeoutAction ?? 'its timeout action'}`
      : '';
    return {
      healthy: true,
      doing: `is paused at ${hookName(paused)} (stage ${sd?.lifecycleStage ?? 'unknown'}), waiting for ContinueServiceDeployment${expires}`,
    };
  }
  const running = sd?.lifecycleHookDetails?.find((hook) => hook.status === 'IN_PROGRESS');
  if (running && !monitorsFired)
    return { healthy: true, doing: `is running ${hookName(running)} (stage ${sd?.lifecycleStage ?? 'unknown'})` };
  // The service's desired count, not the deployment's: a rolling deployment's own count may still be ramping up.
  const requested = sd?.targetServiceRevision?.requestedTaskCount ?? service?.desiredCount ?? ours?.desiredCount ?? 0;
  const runningCount = sd?.targetServiceRevision?.runningTaskCount ?? ours?.runningCount ?? 0;
  const tasks = `${runningCount} of ${requested} new tasks running`;
  const allRunning = requested > 0 && runningCount >= requested && !monitorsFired;
  const weight = sd?.targetServiceRevision?.requestedProductionTrafficWeight;
  const stage = sd?.lifecycleStage;
  switch (stage) {
    case 'BAKE_TIME':
      return {
        healthy: !monitorsFired,
        doing: `is in its bake time${config?.bakeTimeInMinutes !== undefined ? ` (${config.bakeTimeInMinutes} min)` : ''} with production traffic on the new revision`,
      };
    case 'POST_PRODUCTION_TRAFFIC_SHIFT':
    case 'CLEAN_UP':
      return { healthy: !monitorsFired, doing: `is in stage ${stage} with production traffic on the new revision` };
    case 'PRODUCTION_TRAFFIC_SHIFT':
      return { healthy: allRunning, doing: `is shifting production traffic (${weight ?? 0}% on the new revision; ${tasks})` };
    case undefined:
      return { healthy: allRunning, doing: `is rolling out (${tasks})` };
    default:
      return { healthy: allRunning, doing: `is in stage ${stage} (${tasks})` };
  }
}

/**
 * ECS's own circuit-breaker threshold (ServiceDeploymentCircuitBreaker.threshold, ThresholdConfiguration):
 * BOUNDED_PERCENT (the default, 50) is value% of the desired count rounded up, at least 3 and at most
 * 200; UNBOUNDED_PERCENT the same without the bounds; COUNT the value itself.
 */
export function breakerThreshold(desiredCount: number, breaker?: DeploymentCircuitBreaker): number {
  const config = breaker?.thresholdConfiguration;
  const value = config?.value ?? 50;
  if (config?.type === 'COUNT') return Math.max(1, value);
  const percent = Math.ceil((value * desiredCount) / 100);
  if (config?.type === 'UNBOUNDED_PERCENT') return Math.max(1, percent);
  return Math.min(200, Math.max(3, percent));
}
