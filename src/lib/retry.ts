import { classifyAwsError } from './aws-call.js';
import { errorMessage } from './errors.js';

/** How one retried operation behaves. Everything time-related is injected so tests never sleep. */
export interface RetryOptions {
  /** Names the operation in log lines: `retry(sts:AssumeRoleWithWebIdentity): attempt 2 of 5 failed …`. */
  label: string;
  /** Total attempts, the first one included (≥ 1). */
  maxAttempts: number;
  /** Overall budget in ms from the first attempt: no sleep is begun that would end at or past it. */
  deadlineMs?: number;
  /** Backoff before the 2nd attempt is drawn from [base/2, base]; it doubles per attempt up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Decides whether an error can succeed on retry; defaults to `isRetryable`. */
  classify?: (error: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** A number in [0, 1); injected so tests get fixed delays. */
  random?: () => number;
  log?: (line: string) => void;
}

export const DEFAULT_BASE_DELAY_MS = 1_000;
export const DEFAULT_MAX_DELAY_MS = 20_000;

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The backoff before attempt `attempt + 1`: exponential, capped, with "equal jitter" (half fixed,
 * half random) so that many jobs throttled at the same moment do not retry in lockstep, while the
 * wait never collapses to zero.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Runs `operation` until it succeeds, fails with an error the classifier calls final, or runs out of
 * attempts or time. The operation receives the attempt number (1-based) so that callers can fetch
 * fresh per-attempt material (an OIDC token). The last error is rethrown unchanged: callers and the
 * run wrapper decide by its type, so it must not be wrapped here.
 */
export async function retry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const {
    label,
    maxAttempts,
    deadlineMs,
    baseDelayMs = DEFAULT_BASE_DELAY_MS,
    maxDelayMs = DEFAULT_MAX_DELAY_MS,
    classify = isRetryable,
    sleep = realSleep,
    now = Date.now,
    random = Math.random,
    log = () => undefined,
  } = options;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`retry(${label}): maxAttempts must be a whole number ≥ 1`);
  const deadline = deadlineMs === undefined ? Infinity : now() + deadlineMs;

  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error: unknown) {
      if (!classify(error)) throw error;
      const reason = oneLine(errorMessage(error));
      if (attempt >= maxAttempts) {
        log(`retry(${label}): attempt ${attempt} of ${maxAttempts} failed (${reason}); no attempts left`);
        throw error;
      }
      const delay = backoffDelay(attempt, baseDelayMs, maxDelayMs, random);
      if (now() + delay >= deadline) {
        log(
          `retry(${label}): attempt ${attempt} of ${maxAttempts} failed (${reason}); the ${deadlineMs} ms deadline leaves no time for another`,
        );
        throw error;
      }
      log(`retry(${label}): attempt ${attempt} of ${maxAttempts} failed (${reason}); retrying in ${delay} ms`);
      await sleep(delay);
    }
  }
}

function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * Whether an error can succeed when the same call is simply made again: throttling, a transient
 * AWS or network fault (the one classifier in aws-call.ts, which follows `cause`, so errors wrapped
 * with context classify like the original). Access denied, expired credentials, not found and
 * everything final are not retried.
 */
export function isRetryable(error: unknown): boolean {
  return classifyAwsError(error) === 'transient';
}
