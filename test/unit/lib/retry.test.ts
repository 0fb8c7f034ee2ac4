import { describe, expect, test } from '@jest/globals';
import { backoffDelay, isRetryable, retry, type RetryOptions } from '../../../src/lib/retry.js';
import { InputError, withContext } from '../../../src/lib/errors.js';

/** A fake clock whose sleep moves time forward instantly, recording every sleep. */
function fakeTime(start = 1_000_000) {
  let time = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
  };
}

function sdkError(name: string, status: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status }, ...extra });
}

function options(overrides: Partial<RetryOptions> = {}): RetryOptions & { lines: string[]; sleeps: number[] } {
  const time = fakeTime();
  const lines: string[] = [];
  return {
    label: 'test-op',
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    random: () => 0.5,
    now: time.now,
    sleep: time.sleep,
    log: (line) => lines.push(line),
    lines,
    sleeps: time.sleeps,
    ...overrides,
  };
}

describe('retry', () => {
  test('returns the first success and passes the attempt number', async () => {
    const seen: number[] = [];
    const opts = options();
    const result = await retry(async (attempt) => {
      seen.push(attempt);
      if (attempt < 3) throw sdkError('ThrottlingException', 400);
      return 'ok';
    }, opts);
    expect(result).toBe('ok');
    expect(seen).toEqual([1, 2, 3]);
    expect(opts.sleeps).toEqual([75, 150]);
    expect(opts.lines[0]).toBe('retry(test-op): attempt 1 of 4 failed (ThrottlingException happened); retrying in 75 ms');
  });

  test('does not sleep after the last attempt and rethrows the last error unchanged', async () => {
    const opts = options({ maxAttempts: 3 });
    const errors = [sdkError('Throttling', 400), sdkError('ServiceUnavailable', 503), sdkError('InternalFailure', 500)];
    const failure = retry(async (attempt) => {
      throw errors[attempt - 1];
    }, opts);
    await expect(failure).rejects.toBe(errors[2]);
    expect(opts.sleeps).toHaveLength(2);
    expect(opts.lines.at(-1)).toContain('attempt 3 of 3 failed (InternalFailure happened); no attempts left');
  });

  test('a final error fails at once without sleeping or logging', async () => {
    const opts = options();
    let calls = 0;
    const denied = sdkError('AccessDenied', 403);
    await expect(
      retry(async () => {
        calls++;
        throw denied;
      }, opts),
    ).rejects.toBe(denied);
    expect(calls).toBe(1);
    expect(opts.sleeps).toEqual([]);
    expect(opts.lines).toEqual([]);
  });

  test('stops when the next sleep would cross the overall deadline', async () => {
    const opts = options({ maxAttempts: 10, deadlineMs: 400 });
    let calls = 0;
    await expect(
      retry(async () => {
        calls++;
        throw sdkError('Throttling', 400);
      }, opts),
    ).rejects.toThrow('Throttling happened');
    // Sleeps of 75 and 150 fit (225 ms); the next (300) would end at 525 ≥ 400.
    expect(opts.sleeps).toEqual([75, 150]);
    expect(calls).toBe(3);
    expect(opts.lines.at(-1)).toContain('the 400 ms deadline leaves no time for another');
  });

  test('time spent inside attempts counts toward the deadline', async () => {
    const time = fakeTime();
    let current = 0;
    const opts = options({ maxAttempts: 10, deadlineMs: 1_000, now: () => time.now() + current, sleep: time.sleep });
    let calls = 0;
    await expect(
      retry(async () => {
        calls++;
        current += 600; // each attempt takes 600 ms
        throw sdkError('Throttling', 400);
      }, opts),
    ).rejects.toThrow();
    expect(calls).toBe(2);
  });

  test('a custom classifier decides', async () => {
    const opts = options({ classify: (error) => error instanceof RangeError, maxAttempts: 2 });
    let calls = 0;
    await expect(
      retry(async () => {
        calls++;
        throw new RangeError('odd');
      }, opts),
    ).rejects.toThrow('odd');
    expect(calls).toBe(2);
  });

  test('rejects a nonsensical attempt count', async () => {
    await expect(retry(async () => 1, options({ maxAttempts: 0 }))).rejects.toThrow(RangeError);
  });

  test('backoff grows exponentially, is capped, and is jittered within [ceiling/2, ceiling]', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 100, 1_000, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([1, 2, 3].map((n) => backoffDelay(n, 100, 1_000, () => 0.999999))).toEqual([100, 200, 400]);
  });
});

describe('isRetryable', () => {
  test.each([
    ['Throttling (STS, HTTP 400)', sdkError('Throttling', 400)],
    ['ThrottlingException', sdkError('ThrottlingException', 400)],
    ['IDPCommunicationError', sdkError('IDPCommunicationErrorException', 400, { $retryable: {} })],
    ['HTTP 429 of an unknown name', sdkError('Whatever', 429)],
    ['HTTP 500', sdkError('UnknownError', 500)],
    ['HTTP 503', sdkError('ServiceUnavailable', 503)],
    ['the SDK $retryable flag', sdkError('SomethingNew', 400, { $retryable: { throttling: true } })],
    ['ECONNRESET', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['ETIMEDOUT', Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })],
    ['EPIPE', Object.assign(new Error('broken pipe'), { code: 'EPIPE' })],
    ['smithy TimeoutError', Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' })],
    ['a retryable error wrapped by withContext', withContext('calling STS', sdkError('Throttling', 400))],
  ])('retries %s', (_label, error) => {
    expect(isRetryable(error)).toBe(true);
  });

  test.each([
    ['AccessDenied', sdkError('AccessDenied', 403)],
    ['AccessDenied even with a 5xx status', sdkError('AccessDenied', 500)],
    ['AccessDeniedException', sdkError('AccessDeniedException', 400)],
    ['InvalidIdentityToken', sdkError('InvalidIdentityTokenException', 400)],
    ['ExpiredToken', sdkError('ExpiredTokenException', 400)],
    ['ExpiredToken even when flagged retryable', sdkError('ExpiredTokenException', 400, { $retryable: {} })],
    ['ValidationError', sdkError('ValidationError', 400)],
    ['MalformedPolicyDocument', sdkError('MalformedPolicyDocumentException', 400)],
    ['PackedPolicyTooLarge', sdkError('PackedPolicyTooLargeException', 400)],
    ['an unknown 400', sdkError('SomethingElse', 400)],
    ['an InputError', new InputError('role-to-assume', 'bad')],
    ['a wrapped AccessDenied', withContext('assuming role', sdkError('AccessDenied', 403))],
    ['a plain Error', new Error('boom')],
    ['a string', 'boom'],
    ['undefined', undefined],
    ['ENOENT', Object.assign(new Error('missing'), { code: 'ENOENT' })],
  ])('does not retry %s', (_label, error) => {
    expect(isRetryable(error)).toBe(false);
  });
});
