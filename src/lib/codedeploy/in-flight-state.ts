import type { DeploymentInfo, ECSTarget, LifecycleEvent } from '@aws-sdk/client-codedeploy';
import { replacementTaskSet, trafficShifted } from './lifecycle.js';

/**
 * What a CodeDeploy deployment is doing when our wait ends, and whether it is healthy doing it —
 * the CodeDeploy side of strategy-state's inFlightState. Healthy: production traffic is on the
 * replacement (the termination wait), the deployment waits, Ready, for ContinueDeployment, a hook
 * is running (CodeDeploy bounds it), or every replacement task runs while traffic moves. Not
 * healthy: the replacement's tasks are not all running, or CodeDeploy has not started it. A
 * healthy deployment is left to CodeDeploy on a timeout (on-timeout: leave); the rest are failures.
 */

export interface CodeDeployInFlightState {
  healthy: boolean;
  /** Reads after "it": `is in its termination wait (30 min) with production traffic on the replacement`. */
  doing: string;
}

/** CodeDeploy's own steps; every other lifecycle event is a hook (a Lambda function, or nothing to run). */
const CODEDEPLOY_STEPS = new Set(['Install', 'AllowTestTraffic', 'AllowTraffic']);

export function codeDeployInFlightState(
  info: DeploymentInfo | undefined,
  target: ECSTarget | undefined,
  options: { terminationWaitMinutes: number; hooks: Map<string, string> },
): CodeDeployInFlightState {
  const status = info?.status ?? 'Created';
  if (status === 'Created' || status === 'Queued') {
    const why = status === 'Queued' ? ' (queued behind another deployment of the group)' : '';
    return { healthy: false, doing: `has not started${why}` };
  }
  if (status === 'Ready') return { healthy: true, doing: 'is Ready, waiting for ContinueDeployment to reroute production traffic' };
  if (info && trafficShifted(target, info)) {
    const wait = options.terminationWaitMinutes > 0 ? ` (${options.terminationWaitMinutes} min)` : '';
    return { healthy: true, doing: `is in its termination wait${wait} with production traffic on the replacement` };
  }
  const green = replacementTaskSet(target);
  const desired = green?.desiredCount ?? 0;
  const running = green?.runningCount ?? 0;
  const allRunning = desired > 0 && running >= desired;
  const tasks = `${running} of ${desired} replacement tasks running`;
  const event = currentEvent(target);
  const name = event?.lifecycleEventName;
  if (name && !CODEDEPLOY_STEPS.has(name)) {
    const hook = options.hooks.get(name);
    return { healthy: true, doing: `is running lifecycle event ${name}${hook ? ` (hook ${hook})` : ''}` };
  }
  if (name === 'AllowTraffic') {
    const weight = Math.round(green?.trafficWeight ?? 0);
    return { healthy: allRunning, doing: `is shifting production traffic (${weight}% on the replacement; ${tasks})` };
  }
  return { healthy: allRunning, doing: `is at ${name ?? 'its start'} (${tasks})` };
}

/** The event under way: the one in progress, else the first not yet ended. */
function currentEvent(target: ECSTarget | undefined): LifecycleEvent | undefined {
  const events = target?.lifecycleEvents ?? [];
  return events.find((event) => event.status === 'InProgress') ?? events.find((event) => event.status === 'Pending');
}
