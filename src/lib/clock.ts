/**
 * Time as the logic sees it: passed in (on the runner, in deps) so that tests move a fake clock
 * instead of sleeping. Kept apart from runner.ts so that code that only waits does not load
 * @actions/core.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Real time for production; tests inject a fake. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
