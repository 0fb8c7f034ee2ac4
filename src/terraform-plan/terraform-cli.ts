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

export type TerraformRun =
  | { ok: true; exitCode: 0 | 2; planFile: string; json: string; text: string }
  | { ok: false; exitCode: number; stage: string; output: string };

/**
 * Variables go to Terraform as TF_VAR_* environment variables, never as `-var` arguments: @actions/exec
 * echoes every command line, and a process list shows arguments to anyone on the machine.
 */
function variableEnv(variables: KeyValue[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const variable of variables) env[`TF_VAR_${variable.key}`] = variable.value;
  return env;
}

/** init → workspace → plan → show (text) → show -json, stopping at the first failure with its output. */
export async function runTerraform(options: TerraformRunOptions, exec: ExecFn): Promise<TerraformRun> {
  const cwd = options.workingDirectory;
  const env = { ...variableEnv(options.variables), TF_IN_AUTOMATION: 'true', TF_INPUT: '0' };
  const step = async (stage: string, args: string[], silent = false) => {
    const result = await exec(options.binary, args, { cwd, env, silent });
    return { stage, ...result };
  };
  const failed = (result: { stage: string; exitCode: number; stdout: string; stderr: string }): TerraformRun => ({
    ok: false,
    exitCode: result.exitCode,
    stage: result.stage,
    output: `${result.stderr}\n${result.stdout}`.trim(),
  });

  if (options.init) {
    const init = await step('init', [
      'init',
      '-input=false',
      '-no-color',
      ...options.backendConfig.map((entry) => `-backend-config=${entry}`),
    ]);
    if (init.exitCode !== 0) return failed(init);
  }
  if (options.workspace !== 'default') {
    const select = await step('workspace select', ['workspace', 'select', '-or-create=true', options.workspace]);
    if (select.exitCode !== 0) return failed(select);
  }
  // Silent: the action logs the plan text itself once it is scrubbed of sensitive values (a wrapper
  // or an old provider may print them); on failure the output is logged as the error.
  const plan = await step(
    'plan',
    [
      'plan',
      `-out=${PLAN_FILE_NAME}`,
      '-detailed-exitcode',
      '-no-color',
      '-input=false',
      ...options.varFiles.map((file) => `-var-file=${file}`),
    ],
    true,
  );
  if (plan.exitCode !== 0 && plan.exitCode !== 2) return failed(plan);
  const text = await step('show', ['show', '-no-color', PLAN_FILE_NAME], true);
  if (text.exitCode !== 0) return failed(text);
  // Silent: the JSON holds sensitive values in clear text and must never reach the log.
  const json = await step('show -json', ['show', '-json', PLAN_FILE_NAME], true);
  if (json.exitCode !== 0) return failed({ ...json, stdout: '' });
  return { ok: true, exitCode: plan.exitCode, planFile: join(cwd, PLAN_FILE_NAME), json: json.stdout, text: text.stdout };
}

/** Applies a saved plan file: Terraform applies exactly that plan, without asking. */
export async function applyPlanFile(options: TerraformRunOptions, planFile: string, exec: ExecFn): Promise<void> {
  const result = await exec(options.binary, ['apply', '-input=false', '-no-color', planFile], {
    cwd: options.workingDirectory,
    env: { ...variableEnv(options.variables), TF_IN_AUTOMATION: 'true', TF_INPUT: '0' },
  });
  if (result.exitCode !== 0) {
    const firstError = /Error: .*/.exec(`${result.stderr}\n${result.stdout}`)?.[0] ?? `exit code ${result.exitCode}`;
    throw new Error(`terraform apply failed in ${options.workingDirectory}: ${firstError}`);
  }
}
