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
 * Error names that can never succeed on retry, whatever status or flags they carry: the caller must
 * change something first (permissions, trust policy, input, token). Checked before anything else.
 */
const FINAL_NAMES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'InvalidIdentityToken',
  'InvalidIdentityTokenException',
  'IDPRejectedClaim',
  'IDPRejectedClaimException',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'ValidationError',
  'ValidationException',
  'InvalidParameterValue',
  'InvalidParameterException',
  'MissingParameter',
  'MalformedPolicyDocument',
  'MalformedPolicyDocumentException',
  'PackedPolicyTooLarge',
  'PackedPolicyTooLargeException',
  'RegionDisabledException',
  'InputError',
  'NotFoundError',
  'DeploymentFailedError',
]);

/** Throttling, transient server-side and IdP errors by name, for errors that arrive without a status. */
const RETRYABLE_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'IDPCommunicationError',
  'IDPCommunicationErrorException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalError',
  'InternalServerError',
  'ServerException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

/** Node/undici network failures: the request may never have reached the service. */
const RETRYABLE_ERRNOS = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/**
 * Whether an error can succeed when the same call is simply made again: SDK error name, the SDK's
 * own `$retryable` flag, HTTP status (429, 5xx) and Node errno. Follows `cause` so errors wrapped by
 * `withContext` classify like the original. Final names win over every other signal.
 */
export function isRetryable(error: unknown): boolean {
  for (let current = error, depth = 0; isObject(current) && depth < 5; current = current.cause, depth++) {
    const name = typeof current.name === 'string' ? current.name : undefined;
    const code = typeof current.code === 'string' ? current.code : undefined;
    if ((name && FINAL_NAMES.has(name)) || (code && FINAL_NAMES.has(code))) return false;
    if ((name && RETRYABLE_NAMES.has(name)) || (code && RETRYABLE_NAMES.has(code))) return true;
    if (code && RETRYABLE_ERRNOS.has(code)) return true;
    if (isObject(current.$retryable)) return true;
    const status = httpStatus(current);
    if (status !== undefined) return status === 429 || status >= 500;
  }
  return false;
}

function httpStatus(error: Record<string, unknown>): number | undefined {
  const metadata = error.$metadata;
  if (isObject(metadata) && typeof metadata.httpStatusCode === 'number') return metadata.httpStatusCode;
  if (typeof error.status === 'number') return error.status;
  if (typeof error.statusCode === 'number') return error.statusCode;
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
