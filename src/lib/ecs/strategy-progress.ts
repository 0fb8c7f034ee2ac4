import type { DeploymentLifecycleHookDetail, ServiceDeployment } from '@aws-sdk/client-ecs';
import { safeLine } from '../untrusted-text.js';
import type { Verdict } from './deployment-assessment.js';
import type { Logger } from './deps.js';
import { failedHook, hookName } from './strategy-state.js';
import type { Timeline } from './timeline.js';

/**
 * Prints what the service-deployment record shows of a strategy as it happens, each thing once:
 * every new lifecycle stage, every traffic step (test and production weights of the new revision)
 * and every change of a lifecycle hook's status, in the log and the summary's timeline.
 */

const STAGE_TEXT: Record<string, string> = {
  RECONCILE_SERVICE: 'reconciling the service revisions that are still active',
  PRE_SCALE_UP: 'before the new revision starts',
  SCALE_UP: 'starting the tasks of the new revision',
  POST_SCALE_UP: 'the new revision runs; production traffic is still on the old one',
  TEST_TRAFFIC_SHIFT: 'shifting test traffic to the new revision',
  POST_TEST_TRAFFIC_SHIFT: 'test traffic is on the new revision',
  PRE_PRODUCTION_TRAFFIC_SHIFT: 'before a production traffic shift',
  PRODUCTION_TRAFFIC_SHIFT: 'shifting production traffic to the new revision',
  POST_PRODUCTION_TRAFFIC_SHIFT: 'production traffic is on the new revision',
  BAKE_TIME: 'bake time: both revisions run, the old one kept for a rollback',
  CLEAN_UP: 'scaling the old revision down',
};

/** Stages that come after a traffic shift has been made. */
const AFTER_SHIFT = new Set(['POST_TEST_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP']);

export class StrategyProgress {
  /** The last lifecycle stage seen: where a hook that fails was running. */
  stage: string | undefined;
  private productionWeight: number | undefined;
  private testWeight: number | undefined;
  private readonly hooks = new Map<string, string>();

  constructor(
    private readonly log: Pick<Logger, 'info'>,
    private readonly timeline: Timeline,
  ) {}

  observe(sd: ServiceDeployment): void {
    const at = sd.updatedAt;
    const stage = sd.lifecycleStage && sd.lifecycleStage !== this.stage ? sd.lifecycleStage : undefined;
    // A stage that follows a shift is printed after the traffic it follows; one that starts a shift, before it.
    if (stage && !AFTER_SHIFT.has(stage)) this.enterStage(stage, at);
    this.observeTraffic(sd, at);
    if (stage && AFTER_SHIFT.has(stage)) this.enterStage(stage, at);
    for (const hook of sd.lifecycleHookDetails ?? []) {
      const key = hook.hookId ?? hook.targetArn ?? hookName(hook);
      if (this.hooks.get(key) === hook.status || !hook.status) continue;
      this.hooks.set(key, hook.status);
      this.emit(hookLine(hook, this.stage), at);
    }
  }

  private enterStage(stage: string, at: Date | undefined): void {
    this.stage = stage;
    const text = STAGE_TEXT[stage];
    this.emit(`Lifecycle stage ${stage}${text ? `: ${text}` : ''}`, at);
  }

  private observeTraffic(sd: ServiceDeployment, at: Date | undefined): void {
    const target = sd.targetServiceRevision;
    const test = target?.requestedTestTrafficWeight;
    if (test !== undefined && test !== (this.testWeight ?? 0)) this.emit(`Test traffic: ${percent(test)} on the new revision`, at);
    if (test !== undefined) this.testWeight = test;
    const production = target?.requestedProductionTrafficWeight;
    if (production !== undefined && production !== (this.productionWeight ?? 0)) {
      this.emit(`Production traffic: ${percent(production)} on the new revision${trafficStep(sd, production)}`, at);
    }
    if (production !== undefined) this.productionWeight = production;
  }

  private emit(text: string, at: Date | undefined): void {
    this.log.info(safeLine(text));
    this.timeline.addEcs(text, at);
  }
}

function percent(weight: number): string {
  return `${Math.round(weight * 10) / 10}%`;
}

/** `(step 2 of 5)` for LINEAR and CANARY, from their configuration. */
function trafficStep(sd: ServiceDeployment, weight: number): string {
  const config = sd.deploymentConfiguration;
  if (config?.strategy === 'LINEAR' && config.linearConfiguration?.stepPercent) {
    const step = config.linearConfiguration.stepPercent;
    const steps = Math.ceil(100 / step);
    return weight > 0 ? ` (step ${Math.min(steps, Math.ceil(weight / step - 1e-9))} of ${steps})` : '';
  }
  if (config?.strategy === 'CANARY' && config.canaryConfiguration?.canaryPercent !== undefined) {
    if (weight >= 100) return ' (step 2 of 2)';
    return weight > 0 ? ` (canary, step 1 of 2; ${config.canaryConfiguration.canaryBakeTimeInMinutes ?? 0} min bake)` : '';
  }
  return '';
}

function hookLine(hook: DeploymentLifecycleHookDetail, stage: string | undefined): string {
  const where = stage ? ` at stage ${stage}` : '';
  switch (hook.status) {
    case 'AWAITING_ACTION': {
      const expires = hook.expiresAt
        ? `, expires ${hook.expiresAt.toISOString()} (then ${hook.timeoutAction ?? 'its timeout action'})`
        : '';
      return `${hookName(hook)}${where} is AWAITING_ACTION: continue or roll back with ContinueServiceDeployment (hook id ${hook.hookId ?? '?'})${expires}`;
    }
    case 'TIMED_OUT':
      return `${hookName(hook)}${where} TIMED_OUT; ECS takes its timeout action ${hook.timeoutAction ?? '(unknown)'}`;
    default:
      return `${hookName(hook)}${where}: ${hook.status ?? 'UNKNOWN'}`;
  }
}

/**
 * A failure verdict with what the service-deployment record adds: the lifecycle hook that failed
 * (its target and ECS's reason) or the alarm that fired, and in which stage.
 */
export function explainFailure(verdict: Verdict, sd: ServiceDeployment | undefined, stage: string | undefined): Verdict {
  if (verdict.state !== 'failed' || !sd) return verdict;
  const at = stage ? ` at stage ${stage}` : '';
  const hook = failedHook(sd);
  if (hook) return { ...verdict, reason: `lifecycle ${hookName(hook)} ${hook.status ?? 'FAILED'}${at}: ${verdict.reason}` };
  const alarms = sd.alarms?.status === 'TRIGGERED' ? (sd.alarms.triggeredAlarmNames ?? []) : [];
  const unnamed = alarms.filter((name) => !verdict.reason.includes(name));
  if (unnamed.length > 0) return { ...verdict, reason: `CloudWatch alarm ${unnamed.join(', ')} went into ALARM${at}: ${verdict.reason}` };
  // ECS's own reason names the alarm already: add only when it fired.
  if (alarms.length > 0 && stage) return { ...verdict, reason: `${verdict.reason.replace(/\.+\s*$/, '')} (at stage ${stage})` };
  return verdict;
}
