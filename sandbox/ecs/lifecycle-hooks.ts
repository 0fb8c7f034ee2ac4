import { AwsServiceError } from '../core/contract.js';
import type { HookAction, HookRun, HookStage, ServiceDeploymentRecord } from './records.js';
import type { SeededRandom } from '../core/random.js';

/**
 * Deployment lifecycle hooks (DeploymentConfiguration.lifecycleHooks) as ECS runs them.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-lifecycle-hooks.html
 *
 * How to use (tests):
 * - AWS_LAMBDA hooks: there is no Lambda here; say what the function answers with
 *   `admin.setLifecycleHookBehavior(hookTargetArn, ['IN_PROGRESS', 'SUCCEEDED'])` (one answer per
 *   invocation, the last one repeats) or `admin.setLifecycleHookBehavior(arn, 'FAILED', { reason })`.
 *   A function nobody configured answers SUCCEEDED. ECS invokes it when the stage starts, the answer
 *   arrives HOOK_TIMING.lambdaSeconds later; IN_PROGRESS makes ECS invoke again after callBackDelay
 *   (30 s, or `callBackDelaySeconds`). FAILED rolls the deployment back, naming the hook and reason.
 * - PAUSE hooks wait in AWAITING_ACTION (see `lifecycleHookDetails` in DescribeServiceDeployments for
 *   the hookId and expiresAt) until ContinueServiceDeployment {hookId, action} or the timeout
 *   (timeoutConfiguration, default 1440 minutes, action ROLLBACK).
 * Every time here is sandbox time, so it scales with the sandbox's timeScale (and admin.advance).
 */

export const HOOK_TIMING = { lambdaSeconds: 2, callBackDelaySeconds: 30 } as const;

export type LambdaAnswer = 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS';

export interface LambdaHookBehavior {
  answers: LambdaAnswer[];
  /** Why the function answers FAILED; ends up in the rollback reason. */
  reason?: string;
  /** The `callBackDelay` the function returns with IN_PROGRESS (seconds). */
  callBackDelaySeconds?: number;
}

/** What each Lambda hook target answers, set by tests through the admin handle. */
export class LambdaHookBehaviors {
  private readonly behaviors = new Map<string, LambdaHookBehavior>();

  set(hookTargetArn: string, behavior: LambdaHookBehavior): void {
    if (behavior.answers.length === 0) throw new Error(`setLifecycleHookBehavior(${hookTargetArn}): give at least one answer`);
    this.behaviors.set(hookTargetArn, behavior);
  }

  /** The answer to the n-th invocation (0-based) of one hook run. */
  answer(hookTargetArn: string, invocation: number): { status: LambdaAnswer; reason?: string; delayMs: number } {
    const b = this.behaviors.get(hookTargetArn) ?? { answers: ['SUCCEEDED'] };
    const status = b.answers[Math.min(invocation, b.answers.length - 1)] ?? 'SUCCEEDED';
    return {
      status,
      ...(b.reason !== undefined ? { reason: b.reason } : {}),
      delayMs: (b.callBackDelaySeconds ?? HOOK_TIMING.callBackDelaySeconds) * 1000,
    };
  }
}

const label = (run: HookRun) => (run.hook.targetType === 'PAUSE' ? `PAUSE hook ${run.hookId}` : `Lifecycle hook ${run.hook.hookTargetArn}`);

/** Starts every configured hook of `stage` at this checkpoint; returns whether any did. */
export function startHooks(
  record: ServiceDeploymentRecord,
  stage: HookStage,
  checkpoint: number,
  random: SeededRandom,
  now: number,
): boolean {
  const progress = record.staged;
  if (!progress) return false;
  const hooks = (record.configuration.lifecycleHooks ?? []).filter((h) => h.lifecycleStages.includes(stage));
  for (const hook of hooks) {
    const pause = hook.targetType === 'PAUSE';
    const timeout = hook.timeoutConfiguration?.timeoutInMinutes ?? 1440;
    progress.hookRuns.push({
      hookId: `${pause ? 'ecs-pause' : 'ecs-lambda'}-${random.alphanumeric(43)}`,
      hook,
      stage,
      checkpoint,
      status: pause ? 'AWAITING_ACTION' : 'IN_PROGRESS',
      startedAt: now,
      expiresAt: now + timeout * 60_000,
      ...(pause ? {} : { nextInvokeAt: now + HOOK_TIMING.lambdaSeconds * 1000 }),
      invocations: 0,
    });
  }
  return hooks.length > 0;
}

export type HookOutcome = { kind: 'pending' } | { kind: 'done' } | { kind: 'rollback'; reason: string };

/** Lambda answers and timeouts due by `now` for the hooks of this checkpoint; what the deployment does next. */
export function stepHooks(record: ServiceDeploymentRecord, checkpoint: number, behaviors: LambdaHookBehaviors, now: number): HookOutcome {
  const runs = (record.staged?.hookRuns ?? []).filter((r) => r.checkpoint === checkpoint);
  for (const run of runs) {
    if (run.status !== 'IN_PROGRESS' && run.status !== 'AWAITING_ACTION') continue;
    if (run.status === 'IN_PROGRESS' && run.nextInvokeAt !== undefined && now >= run.nextInvokeAt && now < run.expiresAt) {
      const answer = behaviors.answer(run.hook.hookTargetArn ?? '', run.invocations);
      run.invocations += 1;
      if (answer.status === 'IN_PROGRESS') run.nextInvokeAt = now + answer.delayMs;
      else Object.assign(run, { status: answer.status, nextInvokeAt: undefined, reason: answer.reason });
    } else if (now >= run.expiresAt) {
      run.status = 'TIMED_OUT';
      const action = run.hook.timeoutConfiguration?.action ?? 'ROLLBACK';
      const minutes = run.hook.timeoutConfiguration?.timeoutInMinutes ?? 1440;
      run.reason = `timed out after ${minutes} minutes; timeout action ${action}`;
    }
  }
  const failed = runs.find(
    (r) => r.status === 'FAILED' || (r.status === 'TIMED_OUT' && r.hook.timeoutConfiguration?.action !== 'CONTINUE'),
  );
  if (failed) {
    const why = failed.status === 'FAILED' ? `returned FAILED${failed.reason ? `: ${failed.reason}` : ''}` : (failed.reason ?? 'timed out');
    return { kind: 'rollback', reason: `${label(failed)} at ${failed.stage} ${why}.` };
  }
  return runs.every((r) => r.status === 'SUCCEEDED' || r.status === 'TIMED_OUT') ? { kind: 'done' } : { kind: 'pending' };
}

/**
 * ContinueServiceDeployment on a PAUSE hook: CONTINUE lets the stage finish, ROLLBACK asks for a
 * rollback (acted on at the next step, like StopServiceDeployment). Errors are the operation's own.
 */
export function continueHook(record: ServiceDeploymentRecord, hookId: string, action: HookAction, now: number): void {
  const run = record.staged?.hookRuns.find((r) => r.hookId === hookId);
  if (!run)
    throw new AwsServiceError(
      'InvalidParameterException',
      `The lifecycle hook ${hookId} was not found for service deployment ${record.arn}.`,
    );
  if (run.hook.targetType !== 'PAUSE')
    throw new AwsServiceError(
      'InvalidParameterException',
      `The lifecycle hook ${hookId} is not a PAUSE hook; only PAUSE hooks can be continued.`,
    );
  if (record.status !== 'IN_PROGRESS')
    throw new AwsServiceError(
      'ClientException',
      `The service deployment is in status ${record.status}; only an IN_PROGRESS deployment can be continued.`,
    );
  if (run.status !== 'AWAITING_ACTION')
    throw new AwsServiceError('InvalidParameterException', `The lifecycle hook ${hookId} is in status ${run.status}, not AWAITING_ACTION.`);
  if (action === 'CONTINUE') {
    run.status = 'SUCCEEDED';
  } else {
    Object.assign(run, { status: 'FAILED', reason: 'rolled back by ContinueServiceDeployment' });
    Object.assign(record, {
      status: 'ROLLBACK_REQUESTED',
      rollbackRequested: true,
      rollbackRequestReason: `PAUSE hook ${hookId} at ${run.stage}: ContinueServiceDeployment asked for a rollback.`,
    });
  }
  record.updatedAt = now;
}

/** ServiceDeployment.lifecycleHookDetails: the hooks of the checkpoint the deployment is at (or ended at). */
export function hookDetailsView(record: ServiceDeploymentRecord): Record<string, unknown>[] | undefined {
  const progress = record.staged;
  if (!progress) return undefined;
  const runs = progress.hookRuns.filter((r) => r.checkpoint === progress.checkpoint);
  if (runs.length === 0) return undefined;
  return runs.map((r) => ({
    hookId: r.hookId,
    targetType: r.hook.targetType,
    ...(r.hook.hookTargetArn !== undefined ? { targetArn: r.hook.hookTargetArn } : {}),
    status: r.status,
    expiresAt: new Date(r.expiresAt),
    timeoutAction: r.hook.timeoutConfiguration?.action ?? 'ROLLBACK',
  }));
}
