import { join } from 'node:path';
import type { KeyValue } from '../lib/inputs.js';

/** Runs a program and collects its output; main.ts implements it with @actions/exec, `env` added to the step's own. */
export type ExecFn = (
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; silent?: boolean },
) => Promise<{ exitCode: number; stdout: string; stderr: string }>;

export interface TerraformRunOptions {
  binary: string;
  workingDirectory: string;
  workspace: string;
  init: boolean;
  varFiles: string[];
  variables: KeyValue[];
  backendConfig: string[];
}

/** The plan file, relative to the working directory, where Terraform writes it. */
export const PLAN_FILE_NAME = 'tfplan';

/** `log` is what init and workspace selection printed, for the caller to scrub and log once. */
export type TerraformRun =
  | { ok: true; exitCode: 0 | 2; planFile: string; json: string; text: string; log: string }
  | { ok: false; exitCode: number; stage: string; output: string; log: string };

/**
 * Variables go to Terraform as TF_VAR_* environment variables, never as `-var` arguments: @actions/exec
 * echoes every command line, and a process list shows arguments to anyone on the machine.
 */
function variableEnv(variables: KeyValue[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const variable of variables) env[`TF_VAR_${variable.key}`] = variable.value;
  return env;
}

/**
 * init → workspace → plan → show (text) → show -json, stopping at the first failure with its output.
 * Every command runs silent: Terraform's output may quote a sensitive value (a failed validation
 * prints `var.x is "…"`), so the caller logs it once, scrubbed.
 */
export async function runTerraform(options: TerraformRunOptions, exec: ExecFn): Promise<TerraformRun> {
  const cwd = options.workingDirectory;
  const env = { ...variableEnv(options.variables), TF_IN_AUTOMATION: 'true', TF_INPUT: '0' };
  const logged: string[] = [];
  const step = async (stage: string, args: string[]) => {
    // Which commands ran is part of the log; variables travel in the environment, never in `args`.
    logged.push(`[command]${options.binary} ${args.join(' ')}`);
    const result = await exec(options.binary, args, { cwd, env, silent: true });
    return { stage, ...result };
  };
  const failed = (result: { stage: string; exitCode: number; stdout: string; stderr: string }): TerraformRun => ({
    ok: false,
    exitCode: result.exitCode,
    stage: result.stage,
    output: `${result.stdout}\n${result.stderr}`.trim(),
    log: logged.join('\n'),
  });

  if (options.init) {
    const init = await step('init', [
      'init',
      '-input=false',
      '-no-color',
      ...options.backendConfig.map((entry) => `-backend-config=${entry}`),
    ]);
    if (init.exitCode !== 0) return failed(init);
    logged.push(`${init.stdout}\n${init.stderr}`.trim());
  }
  if (options.workspace !== 'default') {
    const select = await step('workspace select', ['workspace', 'select', '-or-create=true', options.workspace]);
    if (select.exitCode !== 0) return failed(select);
    logged.push(`${select.stdout}\n${select.stderr}`.trim());
  }
  const plan = await step('plan', [
    'plan',
    `-out=${PLAN_FILE_NAME}`,
    '-detailed-exitcode',
    '-no-color',
    '-input=false',
    ...options.varFiles.map((file) => `-var-file=${file}`),
  ]);
  if (plan.exitCode !== 0 && plan.exitCode !== 2) return failed(plan);
  // Warnings of a successful plan (deprecations) go to the log; its diff is logged from `show`.
  if (plan.stderr.trim() !== '') logged.push(plan.stderr.trim());
  const text = await step('show', ['show', '-no-color', PLAN_FILE_NAME]);
  if (text.exitCode !== 0) return failed(text);
  // The JSON holds sensitive values in clear text: on failure only its error output is kept.
  const json = await step('show -json', ['show', '-json', PLAN_FILE_NAME]);
  if (json.exitCode !== 0) return failed({ ...json, stdout: '' });
  return {
    ok: true,
    exitCode: plan.exitCode,
    planFile: join(cwd, PLAN_FILE_NAME),
    json: json.stdout,
    text: text.stdout,
    log: logged.join('\n'),
  };
}

/**
 * The first diagnostic as one line: its summary and the first sentence block of its detail, with
 * Terraform's line wrapping undone ("Error: Unreadable module directory: Unable to evaluate …").
 */
export function firstError(output: string): string | undefined {
  const lines = output.split('\n').map((line) => line.replace(/^[ \t]*[│╷╵][ \t]?/, '').trimEnd());
  const at = lines.findIndex((line) => /^Error: /.test(line));
  if (at < 0) return undefined;
  const paragraph = (from: number) => {
    const taken: string[] = [];
    for (let index = from; index < lines.length && (lines[index] ?? '').trim() !== ''; index += 1) taken.push((lines[index] ?? '').trim());
    return { text: taken.join(' '), next: from + taken.length };
  };
  const summary = paragraph(at);
  let detailStart = summary.next;
  while (detailStart < lines.length && (lines[detailStart] ?? '').trim() === '') detailStart += 1;
  // A source snippet ("on main.tf line 3:") comes before the detail: skip it to the text after it.
  if (/^on .* line \d+/.test((lines[detailStart] ?? '').trim())) {
    detailStart = paragraph(detailStart).next;
    while (detailStart < lines.length && (lines[detailStart] ?? '').trim() === '') detailStart += 1;
  }
  const detail = /^(?:Error|Warning): /.test((lines[detailStart] ?? '').trim()) ? '' : paragraph(detailStart).text;
  const line = detail === '' ? summary.text : `${summary.text.replace(/[.:]$/, '')}: ${detail}`;
  return line.length > 400 ? `${line.slice(0, 399)}…` : line;
}

/**
 * Applies a saved plan file: Terraform applies exactly that plan, without asking. Silent, like every
 * command here: `scrub` cleans the output before it is logged and before an error quotes it.
 */
export async function applyPlanFile(
  options: TerraformRunOptions,
  planFile: string,
  exec: ExecFn,
  log: { info: (message: string) => void; scrub: (text: string) => string },
): Promise<void> {
  const result = await exec(options.binary, ['apply', '-input=false', '-no-color', planFile], {
    cwd: options.workingDirectory,
    env: { ...variableEnv(options.variables), TF_IN_AUTOMATION: 'true', TF_INPUT: '0' },
    silent: true,
  });
  const output = log.scrub(`${result.stdout}\n${result.stderr}`.trim());
  if (output !== '') log.info(output);
  if (result.exitCode !== 0) {
    throw new Error(`terraform apply failed in ${options.workingDirectory}: ${firstError(output) ?? `exit code ${result.exitCode}`}`);
  }
}
