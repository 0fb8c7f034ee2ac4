import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../sandbox/index.js';
import type { ActionResult } from '../../sandbox/runner/run-action.js';
import { behave, deployInputs, existingService, renderedFile, runDeploy, startDeploySandbox } from './ecs-deploy-helpers.js';
import { runRollback, serviceWithHistory } from './ecs-rollback-helpers.js';
import { runPlan, sandbox as githubSandbox, SCENARIOS, workspaceWith } from './terraform-plan-helpers.js';

/**
 * Text from outside printed by the actions (a stopped task's log lines, ecs-rollback's `reason`,
 * Terraform's output) never becomes a workflow command: the harness reads the output as the runner
 * does (lines end at CR or LF; `::name::` after leading white space; `##[name]` anywhere), so an
 * injected `::error::` would show in `errors` and an `::add-mask::` in `masked`.
 */

/** Lines an application (or a user of it) could make it print; each would be a command if printed raw. */
const HOSTILE = [
  'request from a\r::error::pwned-by-cr',
  'request from b\n::add-mask::Rollback',
  '  \t::warning title=x::pwned-by-indent',
  'GET /search?q=##[error]pwned-by-legacy-form',
  'line\u2028::error::pwned-by-line-separator',
  '\u001b[31m::error::pwned-after-ansi\u001b[0m',
  'c\r\n::stop-commands::pwned-token',
];

function expectNoInjectedCommand(result: ActionResult): void {
  const all = [result, ...(result.post ? [result.post] : [])];
  for (const step of all) {
    expect(step.errors.filter((line) => /pwned/.test(line) && !/last log line/.test(line))).toEqual([]);
    expect(step.warnings.filter((line) => /pwned/.test(line))).toEqual([]);
    expect(step.masked).not.toContain('Rollback');
    expect(step.masked).not.toContain('x');
  }
}

describe('through AWS', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startDeploySandbox();
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  test("a stopped task's log lines are shown, and none of them is a command", async () => {
    existingService(sandbox, 'inject');
    behave(sandbox, 'inject:v2', { kind: 'exit', exitCode: 1, logLines: ['booting', ...HOSTILE, 'exiting'] });
    const { workspace, file } = renderedFile('inject', 'inject:v2');
    const result = await runDeploy(sandbox, deployInputs(file, 'inject'), { workspace });
    rmSync(workspace, { recursive: true, force: true });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('rolled-back');
    expectNoInjectedCommand(result);
    // Every injected line was still printed, readable (zero-width spaces aside).
    const shown = result.log.replace(/\u200B/g, '');
    for (const marker of ['pwned-by-cr', 'pwned-by-indent', 'pwned-by-legacy-form', 'pwned-by-line-separator', 'pwned-after-ansi']) {
      expect(shown).toContain(marker);
    }
    expect(shown).toContain('::add-mask::Rollback');
    // And the runner kept processing our own commands after the `stop-commands` line.
    expect(result.errors.some((line) => /Rolled back/.test(line))).toBe(true);
  });

  test("ecs-rollback's reason is printed and summarised, never run", async () => {
    await serviceWithHistory(sandbox, 'reasoned');
    const reason = ['hotfix', ...HOSTILE, '<img src=x onerror=alert(1)> | broken | table'].join('\n');
    const result = await runRollback(sandbox, { service: 'reasoned', reason });
    expect(result.exitCode).toBe(0);
    expect(result.errors).toEqual([]);
    expectNoInjectedCommand(result);
    expect(result.log.replace(/\u200B/g, '')).toContain('pwned-by-legacy-form');
    // The summary shows the reason as text: no HTML, no broken table.
    expect(result.summary).not.toMatch(/<img/);
    expect(result.summary).toMatch(/\*\*Reason:\*\* hotfix request from a/);
    expect(result.summary).toContain('&lt;img src=x onerror=alert\\(1\\)&gt; \\| broken \\| table');
  });
});

test("Terraform's plan output is printed, and none of its lines is a command", async () => {
  const api = await githubSandbox();
  const scenarioFiles = mkdtempSync(join(tmpdir(), 'tf-inject-'));
  try {
    const text = join(scenarioFiles, 'plan.txt');
    writeFileSync(text, `Terraform will perform the following actions:\n${HOSTILE.join('\n')}\nPlan: 1 to add.\n`);
    const workspace = workspaceWith();
    const result = await runPlan(api, { scenario: { json: SCENARIOS.mixed.json, text }, workspace });
    rmSync(workspace, { recursive: true, force: true });
    expect(result.exitCode).toBe(0);
    expectNoInjectedCommand(result);
    expect(result.log.replace(/\u200B/g, '')).toContain('pwned-by-cr');
  } finally {
    rmSync(scenarioFiles, { recursive: true, force: true });
    await api.stop();
  }
});
