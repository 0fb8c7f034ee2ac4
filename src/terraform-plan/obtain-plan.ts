import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePlan, type AnalyzedPlan } from './analyze.js';
import type { TerraformPlanInputs } from './inputs.js';
import { runTerraform, type ExecFn, type TerraformRunOptions } from './terraform-cli.js';

/** A plan, whether Terraform ran here (run mode) or another tool made it (read mode). */
export type ObtainedPlan =
  | { ok: true; analyzed: AnalyzedPlan; exitCode: 0 | 2; planFile?: string; planJsonPath: string; planTextPath?: string }
  | { ok: false; exitCode: number; stage: string; output: string };

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

export async function obtainPlan(inputs: TerraformPlanInputs, exec: ExecFn): Promise<ObtainedPlan> {
  const options = terraformOptions(inputs);
  if (inputs.source.kind === 'read' || options === undefined) {
    const source = inputs.source.kind === 'read' ? inputs.source : undefined;
    if (!source) throw new Error('no plan source');
    const analyzed = analyzePlan(readFileSync(source.planJson), source.planText === undefined ? undefined : readFileSync(source.planText));
    const plan: ObtainedPlan = { ok: true, analyzed, exitCode: analyzed.summary.hasChanges ? 2 : 0, planJsonPath: source.planJson };
    if (analyzed.text !== undefined) plan.planTextPath = writeScrubbedText(outputDir(inputs), analyzed.text);
    return plan;
  }
  const run = await runTerraform(options, exec);
  if (!run.ok) return run;
  const dir = outputDir(inputs);
  // The JSON keeps sensitive values in clear text, as `terraform show -json` does: it stays in RUNNER_TEMP.
  const planJsonPath = join(dir, 'plan.json');
  writeFileSync(planJsonPath, run.json, { mode: 0o600 });
  const analyzed = analyzePlan(Buffer.from(run.json, 'utf8'), Buffer.from(run.text, 'utf8'));
  const plan: ObtainedPlan = { ok: true, analyzed, exitCode: run.exitCode, planFile: run.planFile, planJsonPath };
  if (analyzed.text !== undefined) plan.planTextPath = writeScrubbedText(dir, analyzed.text);
  return plan;
}

/** The full plan text, scrubbed: safe to upload as an artifact; the comment points to it. */
function writeScrubbedText(dir: string, text: string): string {
  const path = join(dir, 'plan.txt');
  writeFileSync(path, text);
  return path;
}
