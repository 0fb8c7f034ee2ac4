import * as core from '@actions/core';
import { systemClock, type Clock } from './clock.js';
import { fitToBytes, STEP_SUMMARY_LIMIT_BYTES } from './summary.js';
import { safeText } from './untrusted-text.js';

/**
 * The one seam between an action's logic and the GitHub runner. Every action's main.ts builds it
 * once with `createRunner` (after the inputs are valid: loading @actions/core costs start-up time),
 * its deps.ts picks what the logic needs, and unit tests pass `fakeRunner()` (test/fakes/runner.ts).
 * Nothing else in src/ imports @actions/core.
 */

/**
 * The step log, one vocabulary for every action. `error` and `warning` are annotations (@actions/core
 * escapes their line breaks); `info` lines often quote what came from outside (container logs, events,
 * Terraform output, task-definition values), so the runner prints them such that no line is a workflow command.
 */
export interface Log {
  info: (line: string) => void;
  warning: (line: string) => void;
  error: (line: string) => void;
}

export interface Runner {
  log: Log;
  setOutput: (name: string, value: string) => void;
  /** For later steps of the job (`GITHUB_ENV`); also set in this process, as @actions/core does. */
  exportVariable: (name: string, value: string) => void;
  /** Main → post hand-off. */
  saveState: (name: string, value: string) => void;
  getState: (name: string) => string;
  /** The job's GitHub OIDC token for `audience` (needs `id-token: write`). */
  getIdToken: (audience: string) => Promise<string>;
  /** The step summary; markdown beyond GitHub's 1 MiB limit is cut. Nothing happens outside a runner. */
  summary: { append: (markdown: string) => Promise<void> };
  clock: Clock;
}

/** The real runner, from @actions/core. `env` decides only whether a step summary exists. */
export function createRunner(env: NodeJS.ProcessEnv): Runner {
  return {
    log: { info: (line) => core.info(safeText(line)), warning: (line) => core.warning(line), error: (line) => core.error(line) },
    setOutput: (name, value) => core.setOutput(name, value),
    exportVariable: (name, value) => core.exportVariable(name, value),
    saveState: (name, value) => core.saveState(name, value),
    getState: (name) => core.getState(name),
    getIdToken: (audience) => core.getIDToken(audience),
    summary: {
      append: async (markdown) => {
        if (!env.GITHUB_STEP_SUMMARY) return;
        await core.summary.addRaw(fitToBytes(markdown, STEP_SUMMARY_LIMIT_BYTES), true).write();
      },
    },
    clock: systemClock,
  };
}
