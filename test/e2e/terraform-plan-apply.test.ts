import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GithubApi } from '../../sandbox/github/index.js';
import { OWNER, PR_NUMBER, REPO, SCENARIOS, calls, runPlan, sandbox } from './terraform-plan-helpers.js';

/** mode: apply plans again on the merge commit and applies only when the checksum is the reviewed one. */

let api: GithubApi;
beforeEach(async () => {
  api = await sandbox();
});
afterEach(async () => {
  await api.stop();
});

const PUSH = { ref: 'refs/heads/main', after: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c' };
const applyLog = () => join(mkdtempSync(join(tmpdir(), 'tf-apply-')), 'calls.ndjson');

test('the same plan as reviewed is applied from its plan file', async () => {
  const review = await runPlan(api, { scenario: SCENARIOS.mixed });
  expect(review.exitCode).toBe(0);
  const log = applyLog();
  const result = await runPlan(api, {
    scenario: SCENARIOS.coloured,
    log,
    eventName: 'push',
    event: PUSH,
    inputs: { mode: 'apply', 'pull-request-number': String(PR_NUMBER) },
  });
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  expect(result.log).toContain(`The plan matches the one reviewed on pull request #${PR_NUMBER}`);
  expect(result.outputs['plan-checksum']).toBe(review.outputs['plan-checksum']);
  expect(calls(log).map((call) => call.args[0])).toEqual(['init', 'plan', 'show', 'show', 'apply']);
  expect(calls(log).at(-1)?.args.at(-1)).toBe(result.outputs['plan-file']);
  // Apply does not touch the comment.
  expect(api.admin.comments(OWNER, REPO, PR_NUMBER)).toHaveLength(1);
});

test('a plan that differs from the reviewed one is not applied, and the error says what differs', async () => {
  await runPlan(api, { scenario: SCENARIOS.mixed });
  const log = applyLog();
  const result = await runPlan(api, {
    scenario: SCENARIOS.tainted,
    log,
    eventName: 'push',
    event: PUSH,
    inputs: { mode: 'apply', 'pull-request-number': String(PR_NUMBER) },
  });
  expect(result.exitCode).toBe(1);
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0]).toMatch(
    /^the plan differs from the one reviewed on pull request #2 .*reviewed: 3 to add, 1 to change, 2 to destroy; now: 1 to add, 0 to change, 1 to destroy; new: null_resource\.example; no longer planned: .*Nothing was applied/,
  );
  expect(calls(log).map((call) => call.args[0])).not.toContain('apply');
});

test('no plan comment on the pull request: refuses; require-reviewed-plan: false applies with a warning', async () => {
  const refused = await runPlan(api, {
    scenario: SCENARIOS.mixed,
    eventName: 'push',
    event: PUSH,
    inputs: { mode: 'apply', 'pull-request-number': '7' },
  });
  expect(refused.exitCode).toBe(1);
  expect(refused.errors).toEqual([expect.stringMatching(/^pull request #7 has no plan comment for \. \(workspace default\)/)]);
  const log = applyLog();
  const forced = await runPlan(api, {
    scenario: SCENARIOS.mixed,
    log,
    eventName: 'push',
    event: PUSH,
    inputs: { mode: 'apply', 'require-reviewed-plan': 'false' },
  });
  expect(forced.exitCode).toBe(0);
  expect(forced.warnings).toEqual([expect.stringContaining('require-reviewed-plan is false')]);
  expect(calls(log).map((call) => call.args[0])).toContain('apply');
});

test('on a push without pull-request-number, the merge commit leads to its pull request and the reviewed plan', async () => {
  const review = await runPlan(api, { scenario: SCENARIOS.mixed });
  expect(review.exitCode).toBe(0);
  // The reviewed pull request was merged as the commit this push carries (GITHUB_SHA = PUSH.after).
  api.admin.addPullRequest(OWNER, REPO, { number: PR_NUMBER, head: { ref: 'feature', sha: 'f'.repeat(40) } });
  api.admin.mergePullRequest(OWNER, REPO, PR_NUMBER, PUSH.after);
  const log = applyLog();
  const result = await runPlan(api, { scenario: SCENARIOS.coloured, log, eventName: 'push', event: PUSH, inputs: { mode: 'apply' } });
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  expect(result.log).toContain(`The plan matches the one reviewed on pull request #${PR_NUMBER}`);
  expect(result.outputs['plan-checksum']).toBe(review.outputs['plan-checksum']);
  expect(calls(log).map((call) => call.args[0])).toEqual(['init', 'plan', 'show', 'show', 'apply']);
  const lookups = api.admin.requests().filter((request) => request.operation === 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls');
  expect(lookups.map((request) => request.url)).toEqual([`/repos/${OWNER}/${REPO}/commits/${PUSH.after}/pulls`]);
});

test('on a push whose commit no pull request contains, apply refuses before applying anything', async () => {
  await runPlan(api, { scenario: SCENARIOS.mixed });
  const log = applyLog();
  const result = await runPlan(api, { scenario: SCENARIOS.mixed, log, eventName: 'push', event: PUSH, inputs: { mode: 'apply' } });
  expect(result.exitCode).toBe(1);
  expect(result.errors).toEqual([expect.stringContaining(`no pull request contains commit ${PUSH.after}`)]);
  expect(calls(log).map((call) => call.args[0])).not.toContain('apply');
});
