import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Jest globalSetup: one fresh temporary folder per test run, made the TMPDIR of everything that
 * follows. Jest starts its workers after this hook, so they inherit it, and os.tmpdir() reads TMPDIR
 * on every call; the bundles the harness starts get it too (sandbox/runner/run-action.ts), and their
 * RUNNER_TEMP is a folder inside it. global-teardown.ts removes the whole folder, so no test has to
 * remember to clean up what it mkdtemp'd.
 */

const PREFIX = 'ecs-delivery-tests-';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A run that was killed never reached its teardown: its folder goes now, once its Jest is gone. */
function removeAbandonedFolders(root: string): void {
  for (const name of readdirSync(root)) {
    const pid = new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1];
    if (pid && !isRunning(Number(pid))) rmSync(join(root, name), { recursive: true, force: true });
  }
}

export default function globalSetup(): void {
  const root = tmpdir();
  removeAbandonedFolders(root);
  const folder = mkdtempSync(join(root, `${PREFIX}${process.pid}-`));
  process.env.ECS_DELIVERY_TEST_TMPDIR = folder;
  process.env.TMPDIR = folder;
  // Every sandbox of the run records its AWS responses here (RESPONSES_FOLDER_ENV of
  // sandbox/core/response-recorder.ts; Jest loads this hook without its .js → .ts mapping, so the name is
  // spelled out); global-teardown.ts checks them against AWS's models.
  process.env.ECS_DELIVERY_SANDBOX_RESPONSES = join(folder, 'sandbox-responses');
}
