import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../sandbox/runner/run-action.js';

/**
 * `npm run demo` as a newcomer runs it (tsx scripts/demo.ts): the story of examples/http-echo end to
 * end, printed as the Actions UI shows it, exit code 0 only when every promise of the story held.
 * The prepared image is forced, so the output does not depend on a Docker engine on the machine.
 */

const DEMO_TIMEOUT_MS = 150_000;
const TSX = join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function runDemo(env: Record<string, string>): Promise<{ code: number | null; output: string; tmp: string }> {
  const tmp = mkdtempSync(join(tmpdir(), 'demo-test-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, 'scripts/demo.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, TMPDIR: tmp, ECS_DELIVERY_DEMO_BUILD: 'prepared', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the demo did not end within ${DEMO_TIMEOUT_MS / 1000} s:\n${output}`));
    }, DEMO_TIMEOUT_MS - 10_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, tmp });
    });
  });
}

/** What is left in the demo's TMPDIR besides tsx's own compile cache (tsx-<uid>), which tsx keeps on purpose. */
function leftIn(tmp: string): string[] {
  return readdirSync(tmp).filter((name) => !/^tsx-\d+$/.test(name));
}

test(
  'npm run demo: plan comment, reviewed apply, staging then production, a crash rolled back, the rollback button',
  async () => {
    const { code, output, tmp } = await runDemo({});
    expect({ code, tail: output.split('\n').slice(-20) }).toEqual({ code: 0, tail: expect.any(Array) });
    const lines = output.split('\n');
    const has = (pattern: RegExp) => expect(lines.filter((line) => pattern.test(line))).not.toEqual([]);
    has(/^Images: a prepared image stands in for the Docker build \(ECS_DELIVERY_DEMO_BUILD=prepared\)/);
    has(/^━━ terraform plan · pull_request #2 opened/);
    has(/💬 github-actions\[bot\] commented on pull request #2/);
    has(/^ {2}│ 📝 Plan: 10 to add, 0 to change, 0 to destroy\./);
    has(/^ {6}The plan matches the one reviewed on pull request #2 \(sha256:/);
    has(/^✓ staging \/ deploy \(deploy\.yml · environment staging\) +\d+\.\d s$/);
    has(/^✓ production \/ deploy \(deploy\.yml · environment production\)/);
    has(/^ {2}✗ Deploy +\d+\.\d s$/);
    has(
      /^ {6}Error: .*\(http-echo: exit 2\); last log line: listen tcp :8080: bind: address already in use\. Rolled back: service http-echo runs http-echo:3 again$/,
    );
    has(/^⊘ production \(deploy\.yml\) skipped: a job it needs did not succeed$/);
    has(/^ {4}│ ecs-deploy: ↩️ Failed and rolled back — http-echo in staging$/);
    has(/^ {6}Rollback finished: service http-echo runs http-echo:4$/);
    has(/^ {2}merge #3 +deploy +staging +✗ failure +\d+\.\d s$/);
    has(/^ {2}Run workflow +rollback +rollback +✓ success +\d+\.\d s$/);
    expect(lines).toContain('✓ Every expectation of the story held.');
    // No secret of the sandbox reaches the output.
    expect(output).not.toMatch(/AWS_SECRET_ACCESS_KEY|aws_secret/i);
    // Its temporary folder, and everything the bundles and Terraform wrote inside it, is gone.
    expect(leftIn(tmp)).toEqual([]);
  },
  DEMO_TIMEOUT_MS,
);

test(
  'a story that cannot run to its end exits 1 and says which expectation failed',
  async () => {
    // Without Terraform on PATH the pipeline cannot start: the demo must not pass, nor hang.
    const { code, output, tmp } = await runDemo({ PATH: '/nonexistent' });
    expect(code).toBe(1);
    expect(output).toMatch(/✗ EXPECTED: the story runs to its end \(got the example pipelines run the real terraform: install Terraform/);
    expect(output).toMatch(/✗ 1 expectation\(s\) of the story failed:/);
    expect(leftIn(tmp)).toEqual([]);
  },
  DEMO_TIMEOUT_MS,
);
