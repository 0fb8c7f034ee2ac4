import type { DeploymentInfo, ECSTarget, ECSTaskSet, LifecycleEvent } from '@aws-sdk/client-codedeploy';
import { oneLine } from '../untrusted-text.js';

/**
 * Reading one ECS deployment target as CodeDeploy reports it: which lifecycle events ended (each
 * reported once), whether production traffic is on the replacement, why a hook failed, and why
 * CodeDeploy stopped a deployment. ECSTarget: https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_ECSTarget.html
 */

/** The ECS events in the order CodeDeploy runs them (Install, AllowTestTraffic and AllowTraffic are CodeDeploy's own steps). */
export const ECS_EVENTS = [
  'BeforeInstall',
  'Install',
  'AfterInstall',
  'AllowTestTraffic',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AllowTraffic',
  'AfterAllowTraffic',
] as const;

const ENDED = new Set(['Succeeded', 'Failed', 'Skipped']);
/** Deployment states in which CodeDeploy may still change the service. */
export const IN_FLIGHT = new Set(['Created', 'Queued', 'InProgress', 'Baking', 'Ready']);

/** Prints each lifecycle event once, when it ends, and the deployment's own state changes. */
export class LifecycleTracker {
  private readonly reported = new Set<string>();
  private lastStatus: string | undefined;
  private lastTaskSets = '';

  /** Events that ended since the last call, in CodeDeploy's order. */
  newlyEnded(target: ECSTarget | undefined): LifecycleEvent[] {
    const ended = (target?.lifecycleEvents ?? []).filter(
      (event) => event.lifecycleEventName && ENDED.has(event.status ?? '') && !this.reported.has(event.lifecycleEventName),
    );
    for (const event of ended) this.reported.add(event.lifecycleEventName ?? '');
    return ended.sort((a, b) => order(a.lifecycleEventName) - order(b.lifecycleEventName));
  }

  /** The deployment's status when it changed since the last call. */
  statusChange(info: DeploymentInfo): string | undefined {
    if (!info.status || info.status === this.lastStatus) return undefined;
    this.lastStatus = info.status;
    return info.status;
  }

  /** A line on the task sets (running counts and traffic) when it changed since the last call. */
  taskSetChange(target: ECSTarget | undefined): string | undefined {
    const sets = target?.taskSetsInfo ?? [];
    if (sets.length === 0) return undefined;
    const line = sets.map(describeTaskSet).join('; ');
    if (line === this.lastTaskSets) return undefined;
    this.lastTaskSets = line;
    return line;
  }
}

function order(name: string | undefined): number {
  const at = (ECS_EVENTS as readonly string[]).indexOf(name ?? '');
  return at < 0 ? ECS_EVENTS.length : at;
}

function describeTaskSet(set: ECSTaskSet): string {
  const role = set.taskSetLabel === 'Green' ? 'replacement' : set.taskSetLabel === 'Blue' ? 'original' : 'task set';
  const weight = set.trafficWeight !== undefined ? `, ${Math.round(set.trafficWeight)}% of production traffic` : '';
  return `${role} ${set.runningCount ?? 0}/${set.desiredCount ?? 0} running${weight}`;
}

/** The replacement (Green) task set CodeDeploy created, once it exists. */
export function replacementTaskSet(target: ECSTarget | undefined): ECSTaskSet | undefined {
  return target?.taskSetsInfo?.find((set) => set.taskSetLabel === 'Green');
}

/** Production traffic is on the replacement once AllowTraffic succeeded (the termination wait comes after). */
export function trafficShifted(target: ECSTarget | undefined, info: DeploymentInfo): boolean {
  const allowTraffic = target?.lifecycleEvents?.find((event) => event.lifecycleEventName === 'AllowTraffic');
  return allowTraffic?.status === 'Succeeded' || info.instanceTerminationWaitTimeStarted === true;
}

/** One line for an ended event: `AfterAllowTestTraffic succeeded (hook CheckTestTraffic)`. */
export function describeEvent(event: LifecycleEvent, hooks: Map<string, string>): string {
  const name = event.lifecycleEventName ?? '?';
  const hook = hooks.get(name);
  const status = (event.status ?? 'Unknown').toLowerCase();
  return `${name} ${status}${hook ? ` (hook ${hook})` : ''}`;
}

/** Why a failed event failed, naming the event, its hook and CodeDeploy's diagnostics. */
export function failedEventReason(event: LifecycleEvent, hooks: Map<string, string>): string {
  const name = event.lifecycleEventName ?? '?';
  const hook = hooks.get(name);
  const diagnostics = event.diagnostics;
  const detail = [diagnostics?.errorCode, diagnostics?.message].filter((part) => part && part !== 'Success').map((p) => oneLine(p ?? ''));
  return `lifecycle event ${name} failed${hook ? ` in hook ${hook}` : ''}${detail.length > 0 ? `: ${detail.join(': ')}` : ''}`;
}

/**
 * Why CodeDeploy ended a deployment that did not succeed: the alarm that stopped it (ALARM_ACTIVE
 * names the alarms in its message), a failed hook, or CodeDeploy's code and message.
 */
export function deploymentFailureReason(info: DeploymentInfo, alarms: string[]): string {
  const code = info.errorInformation?.code;
  const message = oneLine(info.errorInformation?.message ?? info.deploymentStatusMessages?.join('; ') ?? '');
  if (code === 'ALARM_ACTIVE') {
    const named = alarms.filter((alarm) => message.includes(alarm));
    const which = named.length > 0 ? `alarm ${named.join(', ')}` : 'a CloudWatch alarm';
    return `${which} stopped the deployment (ALARM_ACTIVE${message ? `: ${message}` : ''})`;
  }
  const status = (info.status ?? 'Failed').toLowerCase();
  return `CodeDeploy ${status === 'stopped' ? 'stopped' : 'failed'} the deployment${code ? ` (${code}${message ? `: ${message}` : ''})` : message ? `: ${message}` : ''}`;
}
