import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../lib/errors.js';
import { analyzePlan, type AnalyzedPlan } from './analyze.js';
import { findConfigSecrets, scrubDiagnostics, type ConfigSecrets } from './config-secrets.js';
import type { TerraformPlanInputs } from './inputs.js';
import { PlanFormatError } from './plan-parse.js';
import { scrubText } from './sensitive.js';
import { runTerraform, type ExecFn, type TerraformRunOptions } from './terraform-cli.js';

/**
 * A plan, whether Terraform ran here (run mode) or another tool made it (read mode). `scrub` cleans
 * any text before it is shown: every sensitive value known (from the plan when there is one, from
 * the configuration and variable sources always) and the values in Terraform's diagnostics.
 */
export type ObtainedPlan = { scrub: (text: string) => string; log: string } & (
  | { ok: true; analyzed: AnalyzedPlan; exitCode: 0 | 2; planFile?: string; planJsonPath: string; planTextPath?: string }
  | { ok: false; exitCode: number; stage: string; output: string }
);

export function terraformOptions(inputs: TerraformPlanInputs): TerraformRunOptions | undefined {
  const { source } = inputs;
  if (source.kind !== 'run') return undefined;
  return {
    binary: source.terraformBinary,
    workingDirectory: inputs.workingDirectory,
    workspace: inputs.workspace,
    init: source.init,
    varFiles: source.varFiles,
    variables: source.variables,
    backendConfig: source.backendConfig,
  };
}

/** One folder per working directory and workspace, so two plan steps in one job do not collide. */
function outputDir(inputs: TerraformPlanInputs): string {
  const slug = `${inputs.workingDirectoryLabel}-${inputs.workspace}-${inputs.commentKey}`.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 80);
  const dir = join(inputs.tempDir, 'terraform-plan', slug);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function scrubber(config: ConfigSecrets | undefined, secrets: readonly string[]): (text: string) => string {
  const all = [...new Set([...(config?.values ?? []), ...secrets])];
  return (text) => {
    const scrubbed = scrubText(text, all);
    return config ? scrubDiagnostics(scrubbed, config) : scrubbed;
  };
}

/** A plan another tool made: a document that is not a plan is a bad `plan-json` input, said as such. */
function analyzeGivenPlan(source: { planJson: string; planText?: string }, key: { checksumKey?: string }): AnalyzedPlan {
  const json = readFileSync(source.planJson);
  const text = source.planText === undefined ? undefined : readFileSync(source.planText);
  try {
    return analyzePlan(json, text, key);
  } catch (error: unknown) {
    if (!(error instanceof PlanFormatError)) throw error;
    throw new InputError('plan-json', `is not a Terraform plan: ${error.message}`, 'Give the output of terraform show -json <planfile>');
  }
}

export async function obtainPlan(inputs: TerraformPlanInputs, exec: ExecFn): Promise<ObtainedPlan> {
  const options = terraformOptions(inputs);
  const key = inputs.checksumKey === undefined ? {} : { checksumKey: inputs.checksumKey };
  if (inputs.source.kind === 'read' || options === undefined) {
    const source = inputs.source.kind === 'read' ? inputs.source : undefined;
    if (!source) throw new Error('no plan source');
    const analyzed = analyzeGivenPlan(source, key);
    const plan: ObtainedPlan = {
      ok: true,
      analyzed,
      exitCode: analyzed.summary.hasChanges ? 2 : 0,
      planJsonPath: source.planJson,
      scrub: scrubber(undefined, analyzed.secrets),
      log: '',
    };
    if (analyzed.text !== undefined) plan.planTextPath = writeScrubbedText(outputDir(inputs), analyzed.text);
    return plan;
  }
  // Read before Terraform runs: when it fails there is no plan to say what is sensitive.
  const config = findConfigSecrets({
    workingDirectory: inputs.workingDirectory,
    varFiles: options.varFiles,
    variables: options.variables,
    environment: inputs.source.environment,
  });
  const run = await runTerraform(options, exec);
  if (!run.ok) return { ...run, scrub: scrubber(config, []) };
  const dir = outputDir(inputs);
  // The JSON keeps sensitive values in clear text, as `terraform show -json` does: it stays in RUNNER_TEMP.
  const planJsonPath = join(dir, 'plan.json');
  writeFileSync(planJsonPath, run.json, { mode: 0o600 });
  const analyzed = analyzePlan(Buffer.from(run.json, 'utf8'), Buffer.from(run.text, 'utf8'), {
    // The `variables` input is masked whole in the log, so plan.txt and the comment hide it too.
    extraSecrets: [...config.values, ...options.variables.map((variable) => variable.value)],
    ...key,
  });
  const scrub = scrubber(config, analyzed.secrets);
  const plan: ObtainedPlan = { ok: true, analyzed, exitCode: run.exitCode, planFile: run.planFile, planJsonPath, scrub, log: run.log };
  if (analyzed.text !== undefined) plan.planTextPath = writeScrubbedText(dir, analyzed.text);
  return plan;
}

/** The full plan text, scrubbed: safe to upload as an artifact; the comment points to it. */
function writeScrubbedText(dir: string, text: string): string {
  const path = join(dir, 'plan.txt');
  writeFileSync(path, text);
  return path;
}
