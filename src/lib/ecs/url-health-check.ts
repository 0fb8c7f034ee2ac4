import type { HealthCheckOptions } from '../ecs-inputs.js';
import { errorMessage } from '../errors.js';
import { poll } from '../poll.js';
import type { EcsDeps } from './deps.js';

/**
 * The user's own definition of healthy: a URL that answers the expected status several times in a
 * row. A single success proves little (the old tasks may still answer behind the load balancer), so
 * the streak must be unbroken; a streak of failures as long ends the check early.
 */

export interface UrlCheckRequest {
  url: string;
  expectedStatus: number;
  successes: number;
  intervalMs: number;
  /** Absolute time (deps.clock) after which the check fails. */
  deadline: number;
}

export type UrlCheckResult = { healthy: true } | { healthy: false; reason: string };

const ATTEMPT_TIMEOUT_MS = 10_000;

export async function checkUrl(request: UrlCheckRequest, deps: Pick<EcsDeps, 'clock' | 'log' | 'fetch'>): Promise<UrlCheckResult> {
  const fetcher = deps.fetch ?? fetch;
  const failuresAllowed = Math.max(3, request.successes);
  let streak = 0;
  let failures = 0;
  let last = '';
  // Policy: a failed probe is an answer (counted in the streak of failures), never an error, so none is tolerated.
  const outcome = await poll<UrlCheckResult>(
    async () => {
      last = await probe(fetcher, request.url);
      if (last === String(request.expectedStatus)) {
        streak += 1;
        failures = 0;
        deps.log.info(`Health check ${request.url}: ${last} (${streak}/${request.successes} in a row)`);
        return streak >= request.successes ? { healthy: true } : undefined;
      }
      streak = 0;
      failures += 1;
      deps.log.info(`Health check ${request.url}: ${last}, expected ${request.expectedStatus} (${failures} failure(s) in a row)`);
      if (failures < failuresAllowed) return undefined;
      return {
        healthy: false,
        reason: `health check ${request.url} answered ${last} ${failures} times in a row (expected ${request.expectedStatus})`,
      };
    },
    {
      label: `Health check ${request.url}`,
      deadline: request.deadline,
      intervalMs: request.intervalMs,
      toleratedErrors: 0,
      clock: deps.clock,
    },
  );
  if (outcome.done) return outcome.value;
  return {
    healthy: false,
    reason: `health check ${request.url} did not answer ${request.expectedStatus} ${request.successes} times in a row in time (last answer: ${last})`,
  };
}

/**
 * The verify step for the user's health-check inputs: the reason the URL is not healthy, or undefined. The check's own timeout
 * never outlasts the deployment's deadline.
 */
export async function verifyHealthCheckUrl(
  healthCheck: HealthCheckOptions,
  timing: { pollIntervalMs: number; deadline: number },
  deps: Pick<EcsDeps, 'clock' | 'log' | 'fetch'>,
): Promise<string | undefined> {
  const { url, expectedStatus, successes, timeoutMs } = healthCheck;
  const result = await checkUrl(
    {
      url,
      expectedStatus,
      successes,
      intervalMs: timing.pollIntervalMs,
      deadline: Math.min(timing.deadline, deps.clock.now() + timeoutMs),
    },
    deps,
  );
  return result.healthy ? undefined : result.reason;
}

/** The status code as text, or what went wrong ("connection refused"). Redirects are not followed: a 302 to a login page is not healthy. */
async function probe(fetcher: typeof fetch, url: string): Promise<string> {
  try {
    const response = await fetcher(url, { redirect: 'manual', signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
    await response.body?.cancel();
    return String(response.status);
  } catch (error: unknown) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `no answer (${errorMessage(error)}${cause})`;
  }
}
