/**
 * Bundle size and cold start of every action, against a bare `node -e 0`, measured side by side in
 * one run (runs interleaved, so machine noise hits both alike). Cold start = process start to the
 * first failure on a missing input. Targets: ≤ 1.5 MB per action, ≤ 2 × bare Node.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../sandbox/runner/run-action.js';
import { median, writeBenchmarkSection } from '../lib/benchmarks-md.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const SIZE_TARGET_BYTES = 1.5 * 1024 * 1024;

/** Bytes under `path`, leaving out the folders named in `except` (the post step's own bundle). */
function bytes(path: string, except: string[] = []): number {
  if (!statSync(path).isDirectory()) return statSync(path).size;
  return readdirSync(path)
    .filter((name) => !except.includes(name))
    .reduce((sum, name) => sum + bytes(join(path, name)), 0);
}

/** A runner-like environment with no inputs, so each action stops at its first input check. */
function runnerEnv(): NodeJS.ProcessEnv {
  const temp = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const files = ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'];
  for (const file of files) writeFileSync(join(temp, file), '');
  return {
    PATH: process.env.PATH,
    RUNNER_TEMP: temp,
    GITHUB_WORKSPACE: temp,
    ...Object.fromEntries(files.map((file) => [file, join(temp, file)])),
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    GITHUB_API_URL: 'http://127.0.0.1:9',
  };
}

function timeRun(args: string[], env: NodeJS.ProcessEnv): { ms: number; status: number | null } {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: result.status };
}

const actions = readdirSync(join(PROJECT_ROOT, 'dist')).filter((name) => existsSync(join(PROJECT_ROOT, 'dist', name, 'index.js')));
const env = runnerEnv();
const bare: number[] = [];
const cold = new Map<string, number[]>(actions.map((name) => [name, []]));
for (let run = 0; run < RUNS; run++) {
  bare.push(timeRun(['-e', '0'], env).ms);
  for (const name of actions) {
    const result = timeRun([join(PROJECT_ROOT, 'dist', name, 'index.js')], env);
    if (result.status !== 1) throw new Error(`${name} should fail on missing inputs with exit code 1, got ${result.status}`);
    cold.get(name)?.push(result.ms);
  }
}

const bareMedian = median(bare);
const rows = actions.map((name) => {
  const entry = bytes(join(PROJECT_ROOT, 'dist', name, 'index.js'));
  const total = bytes(join(PROJECT_ROOT, 'dist', name), ['post']);
  const postDir = join(PROJECT_ROOT, 'dist', name, 'post');
  const post = existsSync(postDir) ? `${(bytes(postDir) / 1e6).toFixed(2)} MB` : '–';
  const start = median(cold.get(name) ?? []);
  const ratio = start / bareMedian;
  const ok = total <= SIZE_TARGET_BYTES && ratio <= 2 ? 'yes' : 'no';
  return `| ${name} | ${(entry / 1e6).toFixed(2)} MB | ${(total / 1e6).toFixed(2)} MB | ${post} | ${start.toFixed(0)} ms | ${ratio.toFixed(2)} × | ${ok} |`;
});

const markdown = `## Startup (bench/startup)

Node ${process.version}, ${RUNS} interleaved runs, medians. Bare \`node -e 0\`: ${bareMedian.toFixed(0)} ms.
"Entry" is what Node loads at start; "main" adds the chunks loaded only once inputs are valid (the AWS SDK,
@actions/core); "post" is the separate bundle of the post step, which runs in a process of its own.
Targets: main ≤ 1.5 MB, cold start ≤ 2 × bare Node.

| action | entry | main | post | cold start | vs bare node | within targets |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`;
writeBenchmarkSection('startup', markdown);
console.log(markdown);
