import { describe, expect, test } from '@jest/globals';
import { poll, type PollPolicy } from '../../../src/lib/poll.js';
import { InputError } from '../../../src/lib/errors.js';

/** A clock that moves only when the loop sleeps, recording every sleep and the time of every check. */
function harness(overrides: Partial<PollPolicy> = {}) {
  let now = 0;
  const sleeps: number[] = [];
  const checkedAt: number[] = [];
  const warnings: string[] = [];
  const policy: PollPolicy = {
    label: 'Thing x',
    deadline: 35_000,
    intervalMs: 10_000,
    toleratedErrors: 0,
    clock: {
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    },
    warn: (line) => warnings.push(line),
    ...overrides,
  };
  const at = () => {
    checkedAt.push(now);
    return checkedAt.length;
  };
  return { policy, sleeps, checkedAt, warnings, at, now: () => now };
}

function throttled(): Error {
  return Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
}

describe('poll', () => {
  test('checks at once, then once per interval, and returns the first answer', async () => {
    const h = harness();
    const outcome = await poll(async () => (h.at() === 3 ? 'ready' : undefined), h.policy);
    expect(outcome).toEqual({ done: true, value: 'ready', checks: 3 });
    expect(h.checkedAt).toEqual([0, 10_000, 20_000]);
    expect(h.sleeps).toEqual([10_000, 10_000]);
  });

  test('an answer at the first check sleeps not at all', async () => {
    const h = harness();
    expect(await poll(async () => 42, h.policy)).toEqual({ done: true, value: 42, checks: 1 });
    expect(h.sleeps).toEqual([]);
  });

  test('cuts the last sleep to the deadline, checks there once more, and never sleeps after it', async () => {
    const h = harness();
    const outcome = await poll(async () => void h.at(), h.policy);
    expect(outcome).toEqual({ done: false, checks: 5 });
    expect(h.checkedAt).toEqual([0, 10_000, 20_000, 30_000, 35_000]);
    expect(h.sleeps).toEqual([10_000, 10_000, 10_000, 5_000]);
    expect(h.now()).toBe(35_000);
  });

  test('a deadline already past still gets the one immediate check', async () => {
    const h = harness({ deadline: -1 });
    expect(await poll(async () => void h.at(), h.policy)).toEqual({ done: false, checks: 1 });
    expect(h.sleeps).toEqual([]);
  });

  test('tolerates as many passing errors in a row as the policy says, warning with the label', async () => {
    const h = harness({ toleratedErrors: 2, deadline: 100_000 });
    const outcome = await poll(async () => {
      const n = h.at();
      if (n <= 2) throw throttled();
      return n === 3 ? 'ok' : undefined;
    }, h.policy);
    expect(outcome).toEqual({ done: true, value: 'ok', checks: 3 });
    expect(h.warnings).toHaveLength(2);
    expect(h.warnings[0]).toMatch(/^Thing x: poll 1 failed \(.*Rate exceeded.*\); trying again at the next poll$/);
  });

  test('one error more than tolerated in a row ends the loop with that error', async () => {
    const h = harness({ toleratedErrors: 2, deadline: 100_000 });
    const error = throttled();
    await expect(
      poll(async () => {
        h.at();
        throw error;
      }, h.policy),
    ).rejects.toBe(error);
    expect(h.checkedAt).toHaveLength(3);
  });

  test('a success resets the count of errors in a row', async () => {
    const h = harness({ toleratedErrors: 1, deadline: 100_000 });
    const outcome = await poll(async () => {
      const n = h.at();
      if (n % 2 === 1 && n < 7) throw throttled();
      return n === 7 ? 'done' : undefined;
    }, h.policy);
    expect(outcome).toEqual({ done: true, value: 'done', checks: 7 });
    expect(h.warnings).toHaveLength(3);
  });

  test('an error the classifier calls final ends the loop at once, whatever the tolerance', async () => {
    const h = harness({ toleratedErrors: 10 });
    const denied = Object.assign(new Error('not allowed'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
    await expect(poll(async () => Promise.reject(denied), h.policy)).rejects.toBe(denied);
    await expect(poll(async () => Promise.reject(new InputError('x', 'bad', 'fix')), h.policy)).rejects.toBeInstanceOf(InputError);
    expect(h.warnings).toEqual([]);
  });

  test('with no tolerance the first passing error ends the loop', async () => {
    const h = harness();
    await expect(poll(async () => Promise.reject(throttled()), h.policy)).rejects.toThrow('Rate exceeded');
    expect(h.sleeps).toEqual([]);
  });

  test('a custom classifier decides what passes', async () => {
    const h = harness({ toleratedErrors: 1, classify: (error) => error instanceof RangeError });
    const outcome = await poll(async () => {
      if (h.at() === 1) throw new RangeError('odd');
      return 'fine';
    }, h.policy);
    expect(outcome).toEqual({ done: true, value: 'fine', checks: 2 });
  });

  test('refuses an interval that would spin', async () => {
    const h = harness({ intervalMs: 0 });
    await expect(poll(async () => undefined, h.policy)).rejects.toThrow(RangeError);
  });
});
