import { startGithubApi, type GithubApi } from '../../../sandbox/github/index.js';
import { createGithubClient, tokenLogin } from '../../../src/lib/github.js';
import { findStickyComment, upsertStickyComment } from '../../../src/terraform-plan/sticky-comment.js';

/** The sticky-comment rules against the sandbox's GitHub API, through the real Octokit client. */

let api: GithubApi;
beforeEach(async () => {
  api = await startGithubApi();
});
afterEach(async () => {
  await api.stop();
});

const ref = { owner: 'o', repo: 'r', issueNumber: 5 };
const MARKER = '<!-- ecs-delivery:terraform-plan id=abc -->';
const client = () => createGithubClient({ token: api.env.GITHUB_TOKEN, apiUrl: api.env.GITHUB_API_URL });

test('the job token writes as github-actions[bot] (GET /user is refused to installation tokens)', async () => {
  expect(await tokenLogin(client())).toBe('github-actions[bot]');
});

test('duplicates left by a race are deleted, keeping the oldest, which gets the new body', async () => {
  const older = api.admin.addComment('o', 'r', 5, `${MARKER}\nfirst`, 'github-actions[bot]');
  api.admin.addComment('o', 'r', 5, `${MARKER}\nsecond`, 'github-actions[bot]');
  api.admin.addComment('o', 'r', 5, `${MARKER}\nby a person`, 'octocat');
  const result = await upsertStickyComment(client(), ref, MARKER, 'github-actions[bot]', `${MARKER}\nnew`);
  expect(result).toMatchObject({ id: older.id, action: 'updated', removedDuplicates: 1 });
  expect(api.admin.comments('o', 'r', 5).map((comment) => [comment.user.login, comment.body.split('\n')[1]])).toEqual([
    ['github-actions[bot]', 'new'],
    ['octocat', 'by a person'],
  ]);
});

test('an unchanged body is not written again; another marker is another comment', async () => {
  const first = await upsertStickyComment(client(), ref, MARKER, 'github-actions[bot]', `${MARKER}\nbody`);
  const again = await upsertStickyComment(client(), ref, MARKER, 'github-actions[bot]', `${MARKER}\nbody`);
  expect([first.action, again.action, again.id]).toEqual(['created', 'unchanged', first.id]);
  const other = '<!-- ecs-delivery:terraform-plan id=def -->';
  await upsertStickyComment(client(), ref, other, 'github-actions[bot]', `${other}\nbody`);
  expect(api.admin.comments('o', 'r', 5)).toHaveLength(2);
  expect((await findStickyComment(client(), ref, other, 'github-actions[bot]'))?.body).toContain(other);
});

test('comments are found across pages', async () => {
  for (let index = 0; index < 130; index += 1) api.admin.addComment('o', 'r', 5, `chatter ${index}`, 'octocat');
  const mine = api.admin.addComment('o', 'r', 5, `${MARKER}\nlate`, 'github-actions[bot]');
  expect((await findStickyComment(client(), ref, MARKER, 'github-actions[bot]'))?.id).toBe(mine.id);
});
