/**
 * Bounded waiting for tests. Every wait in a test goes through one of these, so that a condition
 * that never comes fails the test with what it was waiting for, instead of leaving a loop or a
 * promise running that keeps Jest from exiting.
 */

export interface WaitOptions {
  /** Wall-clock limit. */
  timeoutMs: number;
  /** What is awaited, for the failure message: "an UpdateService request". */
  label: string;
  intervalMs?: number;
}

function timedOut({ timeoutMs, label }: WaitOptions): Error {
  return new Error(`timed out after ${timeoutMs} ms waiting for ${label}`);
}

/** Polls `probe` until it returns a value other than undefined or false, and returns that value. */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, options: WaitOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() >= deadline) throw timedOut(options);
    await sleep(options.intervalMs ?? 25);
  }
}

/** Settles as `promise` does, or rejects once the time is up; the timer never outlives the wait. */
export async function withDeadline<T>(promise: Promise<T>, options: WaitOptions): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(timedOut(options)), options.timeoutMs);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
