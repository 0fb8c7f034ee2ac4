import type { SandboxClock } from './contract.js';

/**
 * A clock that runs `timeScale` times faster than real time, plus manual jumps. Everything in the
 * sandbox reads time from here, so a ten-minute rollout takes seconds and timestamps stay consistent.
 */
export function createClock(timeScale = 1, start = Date.now()): SandboxClock {
  if (!(timeScale > 0)) throw new Error(`timeScale must be a positive number, got ${timeScale}`);
  const realStart = Date.now();
  let jumped = 0;
  return {
    timeScale,
    now: () => start + (Date.now() - realStart) * timeScale + jumped,
    advance(ms: number) {
      if (ms < 0) throw new Error('the sandbox clock only moves forward');
      jumped += ms;
    },
    sleep: (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / timeScale))),
  };
}
