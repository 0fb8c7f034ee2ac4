/**
 * terraform-plan against the real Terraform: a 3,000-resource configuration of the built-in
 * `terraform_data` (no provider download), planned by the bundled action exactly as a runner starts
 * it. The `terraform-binary` is a wrapper that records how long each Terraform command took, so one
 * run gives both: Terraform's time and the action's own (start-up, parsing, redaction, checksum,
 * rendering, writing files), which is the step's wall time minus Terraform's.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../../sandbox/runner/run-action.js';

const RESOURCES = 3_000;
const RUNS = 3;

interface RealResult {
  totalMs: number;
  terraformMs: Record<string, number>;
  actionMs: number;
  summaryChars: number;
}

const CONFIG = `
variable "db_password" {
  type      = string
  sensitive = true
  default   = "bench-secret-value"
}
resource "terraform_data" "item" {
  count = ${RESOURCES}
  input = { name = "item-\${count.index}", size = count.index % 7, tags = ["a", "b"] }
}
resource "terraform_data" "database" {
  input = var.db_password
}
`;

function wrapper(dir: string, log: string): string {
  const path = join(dir, 'timed-terraform');
  // Nanosecond stamps around each command; the sub-command is the first argument.
  writeFileSync(path, `#!/bin/sh\nstart=$(date +%s%N)\nterraform "$@"\ncode=$?\necho "$1 $start $(date +%s%N)" >> '${log}'\nexit $code\n`);
  chmodSync(path, 0o755);
  return path;
}

async function once(dir: string, env: Record<string, string>): Promise<RealResult> {
  const log = join(dir, `times-${Date.now()}.log`);
  const binary = wrapper(dir, log);
  rmSync(join(dir, 'tfplan'), { force: true });
  const started = performance.now();
  const result = await runAction('terraform-plan', {
    inputs: { 'terraform-binary': binary, comment: 'false', init: 'false' },
    env,
    eventName: 'push',
    workspace: dir,
    timeoutMs: 300_000,
  });
  const totalMs = performance.now() - started;
  if (result.exitCode !== 0) throw new Error(`the action failed: ${result.errors.join('; ')}`);
  const terraformMs: Record<string, number> = {};
  for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
    const [command = '?', start = '0', end = '0'] = line.split(' ');
    terraformMs[command] = (terraformMs[command] ?? 0) + (Number(end) - Number(start)) / 1e6;
  }
  const terraformTotal = Object.values(terraformMs).reduce((sum, ms) => sum + ms, 0);
  return { totalMs, terraformMs, actionMs: totalMs - terraformTotal, summaryChars: result.summary.length };
}

/** The markdown section, or a line saying why it was not measured. */
export async function realTerraformSection(): Promise<string> {
  const heading = `## terraform-plan against the real Terraform (bench/plan)`;
  const version = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  if (version.status !== 0) return `${heading}\n\nNot measured: terraform is not on PATH.\n`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-plan-real-'));
  const config = join(dir, 'terraformrc');
  writeFileSync(config, 'disable_checkpoint = true\n');
  writeFileSync(join(dir, 'main.tf'), CONFIG);
  const env = { TF_CLI_CONFIG_FILE: config, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  try {
    const results: RealResult[] = [];
    for (let run = 0; run < RUNS; run += 1) results.push(await once(dir, env));
    results.sort((a, b) => a.totalMs - b.totalMs);
    const median = results[Math.floor(results.length / 2)] ?? results[0];
    if (!median) throw new Error('no run');
    const ms = (value: number | undefined) => String(Math.round(value ?? 0));
    const show = median.terraformMs.show ?? 0;
    const share = Math.round((median.actionMs / median.totalMs) * 100);
    return [
      heading,
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with ${version.stdout.split('\n')[0] ?? 'terraform'}, Node ${process.version}, ${process.platform}/${process.arch}; \`npx tsx bench/plan/run.ts\`.`,
      `${RESOURCES.toLocaleString('en')} \`terraform_data\` resources and one sensitive variable, planned by the bundled action (run mode, no init, no comment) as a runner starts it; median of ${RUNS} runs. A wrapper around \`terraform\` times each command, so Terraform's share and the action's own come from the same run. The action's own time is everything else: Node start-up, reading inputs, parsing ${RESOURCES.toLocaleString('en')} resource changes, redaction, checksum, rendering the summary, writing \`plan.txt\`.`,
      '',
      "| step total ms | `terraform plan` ms | `terraform show` + `show -json` ms | action's own ms | action's share | summary chars |",
      '| --- | --- | --- | --- | --- | --- |',
      `| ${ms(median.totalMs)} | ${ms(median.terraformMs.plan)} | ${ms(show)} | ${ms(median.actionMs)} | ${share} % | ${median.summaryChars.toLocaleString('en')} |`,
      '',
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
