/**
 * Benchmark of plan rendering: parse, classify, checksum and render the comment and the job summary
 * for the 5,000-resource plan and the 300-resource plan (with its text). Each case runs in its own
 * process so that its peak RSS is its own. Then the real-Terraform case (real-terraform.ts): the
 * bundled action planning 3,000 resources, its own time beside Terraform's. Run:
 * `npx tsx bench/plan/run.ts`. Appends (or replaces) both sections of BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePlan } from '../../src/terraform-plan/analyze.js';
import { COMMENT_LIMIT_CHARS, renderPlan } from '../../src/terraform-plan/render-comment.js';
import { FIXTURES } from '../../test/fixture-paths.js';
import { writeBenchmarkSection } from '../lib/benchmarks-md.js';
import { realTerraformSection } from './real-terraform.js';

const TF = join(FIXTURES, 'terraform');
const CASES: Record<string, { label: string; json: string; text?: string }> = {
  large: {
    label: '5,000 resources (tf_test_large.json, JSON only)',
    json: join(TF, 'terraform-change-pr-commenter/test-data/tf_test_large.json'),
  },
  hundreds: {
    label: '300 resources (7-create-hundreds, JSON + text)',
    json: join(TF, 'terraform-plan-comment/tests/fixtures/basic/7-create-hundreds/plan.json'),
    text: join(TF, 'terraform-plan-comment/tests/fixtures/basic/7-create-hundreds/plan.txt'),
  },
};
const RUNS = 5;

interface CaseResult {
  label: string;
  medianMs: number;
  maxMs: number;
  peakRssMb: number;
  commentChars: number;
  summaryBytes: number;
}

/** In the child: time RUNS full renderings (reading the files included), report the peak RSS. */
function measure(name: string): CaseResult {
  const spec = CASES[name];
  if (!spec) throw new Error(`unknown case ${name}`);
  const times: number[] = [];
  let commentChars = 0;
  let summaryBytes = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const analyzed = analyzePlan(readFileSync(spec.json), spec.text ? readFileSync(spec.text) : undefined);
    const report = {
      identity: { workflow: 'plan', workingDirectory: 'infra', workspace: 'default', commentKey: '' },
      summary: analyzed.summary,
      record: { checksum: analyzed.checksum, counts: analyzed.summary.counts, digests: analyzed.digests },
      textBlocks: analyzed.textBlocks,
      fullPlanLocation: 'the job summary',
    };
    const comment = renderPlan(report);
    const summary = renderPlan(report, { limit: 1024 * 1024 - 1024, measure: (text) => Buffer.byteLength(text) });
    times.push(performance.now() - started);
    commentChars = comment.length;
    summaryBytes = Buffer.byteLength(summary);
  }
  times.sort((a, b) => a - b);
  return {
    label: spec.label,
    medianMs: Math.round(times[Math.floor(times.length / 2)] ?? 0),
    maxMs: Math.round(times.at(-1) ?? 0),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    commentChars,
    summaryBytes,
  };
}

function section(results: CaseResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.label} | ${r.medianMs} | ${r.maxMs} | ${r.peakRssMb} | ${r.commentChars.toLocaleString('en')} | ${r.summaryBytes.toLocaleString('en')} |`,
  );
  return [
    '## terraform-plan rendering (bench/plan)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on Node ${process.version}, ${process.platform}/${process.arch}; \`npx tsx bench/plan/run.ts\`.`,
    `Each case: read the files, parse, classify, checksum, render the comment (≤ ${COMMENT_LIMIT_CHARS.toLocaleString('en')} characters) and the job summary (≤ 1 MiB); ${RUNS} runs in a fresh process; peak RSS is the whole process (Node itself included).`,
    'Targets for 5,000 resources: under 1 s and under 200 MB, comment within the limit.',
    '',
    '| plan | median ms | max ms | peak RSS MB | comment chars | summary bytes |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

const caseIndex = process.argv.indexOf('--case');
if (caseIndex >= 0) {
  process.stdout.write(JSON.stringify(measure(process.argv[caseIndex + 1] ?? '')));
} else {
  const results = Object.keys(CASES).map((name) => {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--case', name], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`case ${name} failed: ${child.stderr}`);
    return JSON.parse(child.stdout) as CaseResult;
  });
  const markdown = section(results);
  process.stdout.write(markdown);
  writeBenchmarkSection('plan', markdown);
  const real = await realTerraformSection();
  process.stdout.write(`\n${real}`);
  writeBenchmarkSection('plan-terraform', real);
}
