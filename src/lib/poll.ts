import type { Clock } from './clock.js';
import { errorMessage } from './errors.js';
import { isRetryable } from './retry.js';

/**
 * The one polling primitive, as retry.ts is the one retry primitive: every wait for AWS to reach a
 * state (the deployment watcher, the health checks, the health-check URL, the one-off task) is this
 * loop with its own, explicit policy. The first check runs at once; then one check per interval
 * until the check answers, the deadline passes, or an error ends it. No sleep starts at or after the
 * deadline, and the last sleep is cut so that one last check runs at the deadline itself.
 */

export interface PollPolicy {
  /** Names the loop in its log lines: `Deployment ecs-svc/1: poll 3 failed (…); trying again at the next poll`. */
  label: string;
  /** Absolute time (on `clock`) after which no check starts. */
  deadline: number;
  intervalMs: number;
  /**
   * How many checks in a row may fail with an error `classify` calls passing (throttling, 5xx, a
   * reset: the aws-call classifier) before the error ends the loop; 0 = the first error does. An
   * error `classify` calls final (access denied, not found, a bug) always ends it at once.
   */
  toleratedErrors: number;
  classify?: (error: unknown) => boolean;
  clock: Clock;
  /** Where a tolerated error is reported (a warning); silent when omitted. */
  warn?: (line: string) => void;
}

export type PollOutcome<T> = { done: true; value: T; checks: number } | { done: false; checks: number };

/**
 * Runs `check` (given the 1-based check number) until it returns a value other than undefined.
 * `done: false` means the deadline passed first; the caller words its own timeout.
 */
export async function poll<T>(check: (attempt: number) => Promise<T | undefined>, policy: PollPolicy): Promise<PollOutcome<T>> {
  const { label, deadline, intervalMs, toleratedErrors, classify = isRetryable, clock, warn = () => undefined } = policy;
  if (!(intervalMs > 0)) throw new RangeError(`poll(${label}): the interval must be more than 0 ms`);
  let errorsInARow = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await check(attempt);
      errorsInARow = 0;
      if (value !== undefined) return { done: true, value, checks: attempt };
    } catch (error: unknown) {
      errorsInARow += 1;
      if (!classify(error) || errorsInARow > toleratedErrors) throw error;
      warn(`${label}: poll ${attempt} failed (${errorMessage(error)}); trying again at the next poll`);
    }
    const left = deadline - clock.now();
    if (left <= 0) return { done: false, checks: attempt };
    await clock.sleep(Math.min(intervalMs, left));
  }
}
