import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryStrategyV2, StandardRetryToken } from '@smithy/types';
import type { Clock } from './clock.js';

/**
 * The SDK's standard retry strategy — which errors are retried, how many attempts, the shared retry
 * capacity that stops retry storms — with its back-off slept on the caller's clock instead of a bare
 * setTimeout. In production that clock is real time, so nothing changes; on the sandbox's scaled or
 * virtual clock a throttled call now backs off in the same time as everything else in the run,
 * where before a 20 s real back-off became minutes of simulated time and flipped benchmark verdicts.
 * Back-off as the SDK's own: full jitter over base × 2^retry, capped at 20 s; throttling starts
 * from a longer base. https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
 */

const BASE_DELAY_MS = 50;
const THROTTLING_BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 20_000;

export class ClockedRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard';
  private readonly inner: StandardRetryStrategy;

  constructor(
    maxAttempts: number,
    private readonly clock: Pick<Clock, 'sleep'>,
    private readonly random: () => number = Math.random,
  ) {
    // The inner strategy decides and accounts; its own sleep is made zero so the back-off happens once, here.
    this.inner = new StandardRetryStrategy({ maxAttempts, backoff: { computeNextBackoffDelay: () => 0, setDelayBase: () => undefined } });
  }

  acquireInitialRetryToken(scope: string): Promise<StandardRetryToken> {
    return this.inner.acquireInitialRetryToken(scope);
  }

  async refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo): Promise<StandardRetryToken> {
    const next = await this.inner.refreshRetryTokenForRetry(token, errorInfo);
    await this.clock.sleep(backoffMs(token.getRetryCount(), errorInfo.errorType === 'THROTTLING', this.random));
    return next;
  }

  recordSuccess(token: StandardRetryToken): void {
    this.inner.recordSuccess(token);
  }
}

/** Full jitter: a random share of base × 2^retry, capped. */
export function backoffMs(retry: number, throttled: boolean, random: () => number): number {
  const base = throttled ? THROTTLING_BASE_DELAY_MS : BASE_DELAY_MS;
  return Math.floor(random() * Math.min(base * 2 ** retry, MAX_DELAY_MS));
}
