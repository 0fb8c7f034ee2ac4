import type { GithubApi } from '../../sandbox/github/index.js';
import { PLANTED_SECRETS } from '../unit/terraform-plan/fixture-files.js';
import { linesShowing } from '../../sandbox/runner/workflow-commands.js';
import {
  FAILED_PLAN,
  OWNER,
  PR_NUMBER,
  REPO,
  SCENARIOS,
  everythingVisible,
  runPlan,
  sandbox,
  workspaceHolding,
  workspaceWith,
} from './terraform-plan-helpers.js';

/** The bundled terraform-plan against the sandbox's GitHub API, with a fake terraform replaying fixtures. */

let api: GithubApi;
beforeEach(async () => {
  api = await sandbox();
});
afterEach(async () => {
  await api.stop();
});

const comments = () => api.admin.comments(OWNER, REPO, PR_NUMBER);

test('creates one sticky comment with verdict, counts and diffs, and sets every output', async () => {
  const result = await runPlan(api, { scenario: SCENARIOS.mixed });
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  const [comment, ...others] = comments();
  expect(others).toEqual([]);
  expect(comment?.user.login).toBe('github-actions[bot]');
  expect(comment?.body).toContain('**Plan: 3 to add, 1 to change, 2 to destroy.**');
  expect(comment?.body).toContain('<details><summary><code>azuredevops_variable_group.example</code> · replace</summary>');
  expect(result.outputs).toMatchObject({
    'has-changes': 'true',
    add: '3',
    change: '1',
    destroy: '2',
    replace: '1',
    import: '0',
    move: '0',
    'exit-code': '2',
    'comment-id': String(comment?.id),
  });
  expect(result.outputs['plan-checksum']).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(result.outputs['comment-url']).toContain(`#issuecomment-${comment?.id}`);
  expect(result.outputs['plan-file']).toMatch(/tfplan$/);
  expect(result.summary).toContain('**Plan: 3 to add, 1 to change, 2 to destroy.**');
});

test('a second run updates the same comment in place; a comment by someone else with the marker is left alone', async () => {
  const first = await runPlan(api, { scenario: SCENARIOS.mixed });
  const id = comments()[0]?.id;
  const marker = comments()[0]?.body.split('\n')[0] ?? '';
  api.admin.addComment(OWNER, REPO, PR_NUMBER, `quoting the bot:\n${marker}`, 'octocat');
  const second = await runPlan(api, { scenario: SCENARIOS.tainted });
  expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
  const ours = comments().filter((comment) => comment.user.login === 'github-actions[bot]');
  expect(ours.map((comment) => comment.id)).toEqual([id]);
  expect(ours[0]?.body).toContain('**Plan: 1 to add, 0 to change, 1 to destroy.**');
  expect(comments().find((comment) => comment.user.login === 'octocat')?.body).toContain('quoting the bot');
  expect(second.outputs['comment-id']).toBe(String(id));
});

test('two working directories get two comments', async () => {
  const workspace = workspaceWith('infra/network', 'infra/app');
  await runPlan(api, { scenario: SCENARIOS.mixed, workspace, inputs: { 'working-directory': 'infra/network' } });
  await runPlan(api, { scenario: SCENARIOS.tainted, workspace, inputs: { 'working-directory': 'infra/app' } });
  await runPlan(api, { scenario: SCENARIOS.tainted, workspace, inputs: { 'working-directory': 'infra/app', workspace: 'staging' } });
  const bodies = comments().map((comment) => comment.body.split('\n').find((line) => line.startsWith('### ')));
  expect(bodies).toEqual([
    '### Terraform plan: `infra/network` · workspace `default`',
    '### Terraform plan: `infra/app` · workspace `default`',
    '### Terraform plan: `infra/app` · workspace `staging`',
  ]);
});

test('two runs racing on one pull request leave exactly one comment', async () => {
  const results = await Promise.all([
    runPlan(api, { scenario: SCENARIOS.mixed }),
    runPlan(api, { scenario: SCENARIOS.mixed }),
    runPlan(api, { scenario: SCENARIOS.mixed }),
  ]);
  expect(results.map((result) => result.exitCode)).toEqual([0, 0, 0]);
  expect(comments()).toHaveLength(1);
  expect(comments()[0]?.body).toContain('**Plan: 3 to add');
  // Every comment a racer created beyond the kept one was deleted again (by one racer or another).
  const count = (operation: string) =>
    api.admin.requests().filter((request) => request.operation === operation && request.status < 300).length;
  expect(count('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}')).toBe(
    count('POST /repos/{owner}/{repo}/issues/{issue_number}/comments') - 1,
  );
});

test('a read-only token (fork) writes the summary, warns, and does not fail', async () => {
  const result = await runPlan(api, { scenario: SCENARIOS.mixed, token: api.readOnlyToken, inputs: { 'add-labels': 'true' } });
  expect(result.exitCode).toBe(0);
  expect(result.errors).toEqual([]);
  expect(result.warnings).toEqual([
    expect.stringContaining(`Could not comment on pull request #${PR_NUMBER}: the token is read-only`),
    expect.stringContaining('Could not label'),
  ]);
  expect(comments()).toEqual([]);
  expect(result.summary).toContain('**Plan: 3 to add, 1 to change, 2 to destroy.**');
  expect(result.outputs['comment-id']).toBeUndefined();
});

test('a personal token writes as its user (GET /user) and finds its own comment again', async () => {
  api.admin.addToken('ghp_planbotpersonaltoken0001', { login: 'plan-bot', permission: 'write' });
  await runPlan(api, { scenario: SCENARIOS.mixed, token: 'ghp_planbotpersonaltoken0001' });
  await runPlan(api, { scenario: SCENARIOS.tainted, token: 'ghp_planbotpersonaltoken0001' });
  expect(comments().map((comment) => comment.user.login)).toEqual(['plan-bot']);
});

test('labels follow the verdict', async () => {
  await runPlan(api, { scenario: SCENARIOS.empty, inputs: { 'add-labels': 'true' } });
  expect(api.admin.labels(OWNER, REPO, PR_NUMBER)).toEqual(['terraform:no-changes']);
  await runPlan(api, { scenario: SCENARIOS.mixed, inputs: { 'add-labels': 'true' } });
  expect(api.admin.labels(OWNER, REPO, PR_NUMBER).sort()).toEqual(['terraform:changes', 'terraform:destroy']);
});

test('an oversize plan keeps every address and cuts the diffs, within 65,536 characters', async () => {
  const result = await runPlan(api, { scenario: SCENARIOS.hundreds });
  expect(result.exitCode).toBe(0);
  const body = comments()[0]?.body ?? '';
  expect(body.length).toBeLessThanOrEqual(65_536);
  expect(body).toContain('- `local_file.test["299"]`');
  expect(body).toMatch(
    /_Diffs cut after \d+ of 300 resources to fit the size limit\. Full plan: the job summary of \[this run\]\(https:\/\/github\.com\/octo-org\/octo-service\/actions\/runs\/1658821493\)/,
  );
  expect(result.summary).toContain('<code>local_file.test[&quot;99&quot;]</code>');
});

test('a failed plan posts its error output and fails the step with one error line', async () => {
  const result = await runPlan(api, { scenario: { ...SCENARIOS.mixed, fail: FAILED_PLAN } });
  expect(result.exitCode).toBe(1);
  expect(result.errors).toEqual([
    'terraform plan failed in .: Error: Unsupported argument: An argument named "bukcet" is not expected here. Did you mean "bucket"?',
  ]);
  expect(result.outputs['exit-code']).toBe('1');
  expect(comments()[0]?.body).toContain('❌ **The plan failed.**');
  expect(comments()[0]?.body).toContain('An argument named "bukcet" is not expected here.');
});

test('no changes says so in one line', async () => {
  const result = await runPlan(api, { scenario: SCENARIOS.empty });
  expect(result.outputs).toMatchObject({ 'has-changes': 'false', 'exit-code': '0', add: '0' });
  expect(comments()[0]?.body).toContain('✅ **No changes.** The infrastructure matches the configuration.');
});

test('no planted secret reaches the log, outputs, summary or GitHub; variables are masked', async () => {
  const results = [
    await runPlan(api, { scenario: SCENARIOS.planted, inputs: { variables: 'db_password=PLANTED-var-value-9f2c', 'add-labels': 'true' } }),
    // Read mode reads plan files from the workspace (or RUNNER_TEMP) only: copied there, as a checkout would hold them.
    await runPlan(api, {
      scenario: SCENARIOS.planted,
      workspace: workspaceHolding({ 'plan.json': SCENARIOS.planted.json, 'plan.txt': SCENARIOS.planted.text }),
      inputs: { 'comment-key': 'read mode', 'plan-json': 'plan.json', 'plan-text': 'plan.txt' },
    }),
  ];
  expect(results.map((result) => result.exitCode)).toEqual([0, 0]);
  expect(comments()).toHaveLength(2);
  expect(results[0]?.masked).toContain('PLANTED-var-value-9f2c');
  const visible = everythingVisible(api, results);
  for (const secret of PLANTED_SECRETS) expect(visible).not.toContain(secret);
  // Stricter than the log (masked only from each mask line on): no raw line carries one outside its own mask command.
  for (const result of results) for (const secret of PLANTED_SECRETS) expect(linesShowing(result, secret)).toEqual([]);
});
