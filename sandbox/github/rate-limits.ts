/**
 * GitHub's rate limiting as clients see it: x-ratelimit-* headers on every response, a primary
 * limit per token per hour (on the sandbox clock), and secondary limits on demand — 403 with
 * `retry-after` and the message @octokit/plugin-throttling recognises.
 */

export interface RateState {
  limit: number;
  remaining: number;
  /** Sandbox clock ms when the window resets. */
  resetAt: number;
}

export class RateLimits {
  private readonly windows = new Map<string, RateState>();
  private secondary = { count: 0, retryAfterSeconds: 60 };

  constructor(
    private readonly now: () => number,
    private readonly limit = 5000,
  ) {}

  private window(key: string): RateState {
    let state = this.windows.get(key);
    if (!state || this.now() >= state.resetAt) {
      state = { limit: this.limit, remaining: this.limit, resetAt: this.now() + 3600_000 };
      this.windows.set(key, state);
    }
    return state;
  }

  /** Counts one request against `key` (a token); returns the state after counting, or 'exhausted'. */
  consume(key: string): RateState | 'exhausted' {
    const state = this.window(key);
    if (state.remaining <= 0) return 'exhausted';
    state.remaining -= 1;
    return state;
  }

  peek(key: string): RateState {
    return this.window(key);
  }

  setRemaining(key: string, remaining: number): void {
    this.window(key).remaining = remaining;
  }

  /** The next `count` requests hit a secondary rate limit. */
  armSecondary(count: number, retryAfterSeconds = 60): void {
    this.secondary = { count, retryAfterSeconds };
  }

  takeSecondary(): number | undefined {
    if (this.secondary.count <= 0) return undefined;
    this.secondary.count -= 1;
    return this.secondary.retryAfterSeconds;
  }

  headers(state: RateState, resource: string): Record<string, string> {
    return {
      'x-ratelimit-limit': String(state.limit),
      'x-ratelimit-remaining': String(state.remaining),
      'x-ratelimit-reset': String(Math.ceil(state.resetAt / 1000)),
      'x-ratelimit-used': String(state.limit - state.remaining),
      'x-ratelimit-resource': resource,
    };
  }
}

export const SECONDARY_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ';
