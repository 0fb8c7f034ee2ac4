import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Jest globalTeardown: checks every AWS response the run's sandboxes sent against AWS's API models
 * (test/sandbox/model-check.ts, recorded where global-setup.ts said), then removes the run's
 * temporary folder. A response that differs fails the run, listing each difference by operation
 * and path. The check runs under tsx in a child process: Jest loads this hook as plain ESM, without
 * the .js → .ts mapping the test files get.
 */
const PROJECT = fileURLToPath(new URL('..', import.meta.url));

function checkRecordedResponses(folder: string): void {
  const check = spawnSync(process.execPath, ['--import', 'tsx', 'test/sandbox/model-check.ts', folder], {
    cwd: PROJECT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (check.status === 0) {
    // One line, so a run shows the check ran and how much it saw.
    process.stdout.write(`\n${check.stdout.trim()}\n`);
    return;
  }
  const output = `${check.stdout}${check.stderr}`.trim();
  throw new Error(check.error ? `the sandbox model check did not finish: ${check.error.message}` : output);
}

export default function globalTeardown(): void {
  const folder = process.env.ECS_DELIVERY_TEST_TMPDIR;
  const responses = process.env.ECS_DELIVERY_SANDBOX_RESPONSES;
  try {
    // No folder: no sandbox ran (a unit-only run), nothing to check.
    if (responses && existsSync(responses)) checkRecordedResponses(responses);
  } finally {
    if (folder) rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
  }
}
