import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMapping, isString } from '@actions/workflow-parser';
import type { ActionStep, RunStep, Step } from '@actions/workflow-parser/model/workflow-template';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { runAction, type ActionResult } from './run-action.js';
import { parseKeyValueFile } from './workflow-commands.js';
import { evaluateMapping, evaluateToken, isTruthy, type Contexts } from './workflow-expressions.js';

/**
 * One step of a job, as the runner runs it:
 * - `uses: $/actions/<name>` (this repository's action at the running commit): the bundle through the
 *   runner-faithful harness (sandbox/runner/run-action.ts) with the evaluated `with:` as inputs. Its post
 *   step runs right after it (the harness's order); what the post exports is not applied. A caller may
 *   name a stand-in for one of these (`ownStandIns`, e.g. a prepared image instead of a Docker build
 *   when no engine runs): the step then says so in its record (kind `stand-in`) and log.
 * - `uses: <owner>/<repo>@<sha>`: a documented stand-in from THIRD_PARTY (e.g. checkout: the test has
 *   prepared the workspace). An action without a stand-in fails the run, so a new one is noticed.
 * - `run:`: bash (-e, pipefail) with the evaluated env, GITHUB_OUTPUT and GITHUB_ENV honoured. A
 *   script that contains `${{ }}` is refused: values must reach the shell through env.
 */

export const THIRD_PARTY: Record<string, string> = {
  'actions/checkout': 'no-op: the test prepared the workspace (task definition, main.tf) the checkout would have produced',
  'hashicorp/setup-terraform':
    'no-op: the terraform on the machine (the real one on PATH, or the fake one a test names in terraform-binary) stands in',
};

export interface StepRecord {
  id?: string;
  name: string;
  kind: 'action' | 'stand-in' | 'run';
  uses?: string;
  outcome: 'success' | 'failure' | 'skipped';
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  exportedEnv: Record<string, string>;
  log: string;
  result?: ActionResult;
  /** Wall-clock time the step took (set by the job runner). */
  durationMs?: number;
}

/** Stands in for one of this repository's actions: its outputs and a log line saying what it did instead. */
export type OwnActionStandIn = (inputs: Record<string, string>) => Promise<{ outputs: Record<string, string>; log: string }>;

export interface StepEnvironment {
  env: Record<string, string>;
  eventName: string;
  event: Record<string, unknown>;
  workspace: string;
  /** Action name (`ecr-build-push`) → its stand-in. */
  ownStandIns?: Record<string, OwnActionStandIn>;
}

export async function runStep(
  step: Step & { if: NonNullable<Step['if']> },
  raw: TemplateToken | undefined,
  context: Contexts,
  jobFailed: boolean,
  machine: StepEnvironment,
): Promise<StepRecord> {
  const id = step.id.startsWith('__') ? undefined : step.id;
  // Without a name GitHub shows the action reference (or "Run <script>").
  const uses = 'uses' in step ? step.uses.value : undefined;
  const name = step.name ? evaluateToken(step.name, context).coerceString() : (uses ?? `Run ${step.id}`);
  const base = { ...(id ? { id } : {}), name, inputs: {}, outputs: {}, exportedEnv: {}, log: '' };
  const kind = uses === undefined ? 'run' : uses.startsWith('$/') ? 'action' : 'stand-in';
  if (!isTruthy(evaluateToken(step.if, context, jobFailed))) return { ...base, kind, ...(uses ? { uses } : {}), outcome: 'skipped' };
  const env = { ...context.env, ...evaluateMapping((step as RunStep | ActionStep).env, context, jobFailed) };
  if ('uses' in step) return usesStep(step, raw, context, jobFailed, env, machine, base);
  if ('run' in step) return runScript(step, env, machine, base);
  throw new Error(`step ${name}: only uses: and run: steps are supported`);
}

async function usesStep(
  step: ActionStep,
  raw: TemplateToken | undefined,
  context: Contexts,
  jobFailed: boolean,
  env: Record<string, string>,
  machine: StepEnvironment,
  base: Omit<StepRecord, 'kind' | 'outcome'>,
): Promise<StepRecord> {
  const uses = step.uses.value;
  const inputs = evaluateMapping(raw && isMapping(raw) ? raw.find('with') : undefined, context, jobFailed);
  const own = /^\$\/actions\/([a-z0-9-]+)$/.exec(uses);
  if (!own) {
    const standIn = THIRD_PARTY[uses.replace(/@.*$/, '')];
    if (!standIn) throw new Error(`no stand-in for the third-party action ${uses}`);
    return { ...base, kind: 'stand-in', uses, inputs, outcome: 'success', log: standIn };
  }
  const ownStandIn = machine.ownStandIns?.[own[1] ?? ''];
  if (ownStandIn) {
    try {
      const { outputs, log } = await ownStandIn(inputs);
      return { ...base, kind: 'stand-in', uses, inputs, outcome: 'success', outputs, log };
    } catch (error) {
      // A stand-in fails its step, as the action would, instead of the whole run.
      return { ...base, kind: 'stand-in', uses, inputs, outcome: 'failure', log: `${(error as Error).message}\n` };
    }
  }
  const result = await runAction(own[1] ?? '', {
    inputs,
    env: { ...machine.env, ...env },
    event: machine.event,
    eventName: machine.eventName,
    workspace: machine.workspace,
    timeoutMs: 60_000,
  });
  return {
    ...base,
    kind: 'action',
    uses,
    inputs,
    outcome: result.exitCode === 0 ? 'success' : 'failure',
    outputs: result.outputs,
    exportedEnv: result.env,
    log: result.log,
    result,
  };
}

const SCRIPT_TIMEOUT_MS = 60_000;

function runScript(
  step: RunStep,
  env: Record<string, string>,
  machine: StepEnvironment,
  base: Omit<StepRecord, 'kind' | 'outcome'>,
): Promise<StepRecord> {
  if (!isString(step.run)) throw new Error(`step ${base.name}: run: contains \${{ }}; pass values through env instead`);
  const dir = mkdtempSync(join(tmpdir(), 'workflow-step-'));
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_ENV: join(dir, 'env') };
  for (const path of Object.values(files)) writeFileSync(path, '');
  const script = step.run.value;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd: machine.workspace,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? dir, ...machine.env, ...env, ...files },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    // A script that never ends fails its test instead of holding Jest open.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`step ${base.name}: the run: script did not finish within ${SCRIPT_TIMEOUT_MS / 1000} s`));
    }, SCRIPT_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        ...base,
        kind: 'run',
        outcome: code === 0 ? 'success' : 'failure',
        outputs: parseKeyValueFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
        exportedEnv: parseKeyValueFile(readFileSync(files.GITHUB_ENV, 'utf8')),
        log,
      });
    });
  });
}
