import type { Runner } from '../../src/lib/runner.js';

export const FAKE_START = Date.UTC(2026, 4, 4, 10, 0, 0);

/**
 * A Runner that records everything and never touches the process: a clock that moves only when the
 * code under test sleeps, outputs/variables/state in maps, log lines and summaries in arrays.
 */
export function fakeRunner(options: { idToken?: (audience: string) => Promise<string>; start?: number } = {}) {
  let now = options.start ?? FAKE_START;
  const lines: { level: 'info' | 'warning' | 'error'; text: string }[] = [];
  const outputs: Record<string, string> = {};
  const exported: Record<string, string> = {};
  const state: Record<string, string> = {};
  const summaries: string[] = [];
  const runner: Runner = {
    log: {
      info: (text) => lines.push({ level: 'info', text }),
      warning: (text) => lines.push({ level: 'warning', text }),
      error: (text) => lines.push({ level: 'error', text }),
    },
    setOutput: (name, value) => {
      outputs[name] = value;
    },
    exportVariable: (name, value) => {
      exported[name] = value;
    },
    saveState: (name, value) => {
      state[name] = value;
    },
    getState: (name) => state[name] ?? '',
    getIdToken: options.idToken ?? (() => Promise.reject(new Error('fakeRunner: no OIDC token configured'))),
    summary: {
      append: async (markdown) => {
        summaries.push(markdown);
      },
    },
    clock: {
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    },
  };
  return {
    runner,
    lines,
    outputs,
    exported,
    state,
    summaries,
    /** Every log line as `level: text`, one per line. */
    text: () => lines.map((l) => `${l.level}: ${l.text}`).join('\n'),
    elapsed: () => now - (options.start ?? FAKE_START),
  };
}
