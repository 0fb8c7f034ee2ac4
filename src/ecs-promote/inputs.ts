import { resolveRegion } from '../lib/region.js';
import { checkEcsTarget } from '../lib/ecs-arn-checks.js';
import { checkPollInterval, checkReason, credentialRenewal, ecsResourceName, type CredentialRenewal } from '../lib/ecs-inputs.js';
import { InputError } from '../lib/errors.js';
import type { Inputs } from '../lib/inputs.js';
import { quoteValue } from '../lib/untrusted-text.js';

/** Everything ecs-promote does, decided once from the step's inputs; no other module reads inputs. */
export interface EcsPromoteInputs {
  region: string;
  cluster: string;
  service: string;
  /** ContinueServiceDeployment's action: CONTINUE or ROLLBACK. */
  decision: Decision;
  /** The PAUSE hook to act on; without it, the one hook AWAITING_ACTION on the service's deployment in progress. */
  hookId?: string;
  /** Why, in the user's words (who approved, which run): logged and shown in the job summary. */
  reason?: string;
  /** How long the deployment is followed after the decision, health checks included. */
  waitMs: number;
  pollIntervalMs: number;
  maxRetries: number;
  renewal?: CredentialRenewal;
}

export type Decision = 'continue' | 'rollback';
export const DECISIONS: readonly Decision[] = ['continue', 'rollback'];

const MINUTE_MS = 60_000;
/**
 * ECS gives hook ids as opaque strings; the ones seen are letters, digits and hyphens. Refusing
 * white space, quotes and overlong values catches a pasted log line or an empty job output early,
 * without guessing a format AWS does not document.
 */
const HOOK_ID = /^[A-Za-z0-9][A-Za-z0-9_:.-]{0,254}$/;

export function readEcsPromoteInputs(input: Inputs, env: NodeJS.ProcessEnv): EcsPromoteInputs {
  const region = resolveRegion(input.optionalString('aws-region'), env);
  const clusterValue = input.optionalString('cluster');
  if (clusterValue !== undefined) ecsResourceName(clusterValue, 'cluster');
  const service = ecsResourceName(input.string('service'), 'service');
  const cluster = checkEcsTarget({ region, ...(clusterValue !== undefined ? { cluster: clusterValue } : {}), service });
  const decision = input.optionalEnum('decision', DECISIONS);
  if (decision === undefined) {
    throw new InputError('decision', 'is required', "Set 'decision: continue' to let the deployment go on, or 'decision: rollback'");
  }
  const hookId = input.optionalString('hook-id');
  if (hookId !== undefined && !HOOK_ID.test(hookId)) {
    throw new InputError(
      'hook-id',
      `'${quoteValue(hookId)}' is not a lifecycle hook id`,
      "Give the hookId of lifecycleHookDetails (ecs-deploy's hook-id output with wait-until: paused), or leave it empty to act on the one paused hook",
    );
  }
  const reason = checkReason(input.optionalString('reason'));
  const waitMs = input.integer('wait-for-minutes', 30, { min: 1, max: 360 }) * MINUTE_MS;
  const pollIntervalMs = input.integer('poll-interval-seconds', 10, { min: 1, max: 300 }) * 1000;
  checkPollInterval(pollIntervalMs, waitMs);
  const maxRetries = input.integer('max-retries', 5, { min: 0, max: 20 });
  const renewal = credentialRenewal(input.optionalString('role-to-assume'), env, region, `ecs-promote-${env.GITHUB_RUN_ID ?? 'local'}`);
  return {
    region,
    cluster,
    service,
    decision,
    ...(hookId !== undefined ? { hookId } : {}),
    ...(reason !== undefined ? { reason } : {}),
    waitMs,
    pollIntervalMs,
    maxRetries,
    ...(renewal ? { renewal } : {}),
  };
}
