import { readFileSync } from 'node:fs';
import { getOctokit } from '@actions/github';
import { startGithubApi, type GithubApi } from '../../sandbox/github/index.js';
import { fixturePath } from '../fixture-paths.js';

const FIXTURE_COMMENT = (
  JSON.parse(readFileSync(fixturePath('github/octokit__webhooks/issue_comment/created.payload.json'), 'utf8')) as {
    comment: Record<string, unknown> & { user: Record<string, unknown> };
  }
).comment;
const FIXTURE_PR = (
  JSON.parse(readFileSync(fixturePath('github/octokit__webhooks/pull_request/opened.payload.json'), 'utf8')) as {
    pull_request: Record<string, unknown>;
  }
).pull_request;

const repo = { owner: 'acme', repo: 'web' };

/** Every fixture key is present with a value of the same JSON type. */
function expectSameShape(actual: Record<string, unknown>, fixture: Record<string, unknown>, keys = Object.keys(fixture)) {
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  for (const key of keys) {
    expect([key, typeOf(actual[key])]).toEqual([key, typeOf(fixture[key])]);
  }
}

async function statusOf(
  promise: Promise<unknown>,
): Promise<{ status: number; data: Record<string, unknown>; headers: Record<string, string> }> {
  try {
    await promise;
  } catch (error: unknown) {
    const e = error as { status: number; response: { data: Record<string, unknown>; headers: Record<string, string> } };
    return { status: e.status, data: e.response.data, headers: e.response.headers };
  }
  throw new Error('expected the request to fail');
}

describe('GitHub API sandbox through @actions/github', () => {
  let gh: GithubApi;
  let octokit: ReturnType<typeof getOctokit>;

  beforeAll(async () => {
    gh = await startGithubApi();
    octokit = getOctokit(gh.env.GITHUB_TOKEN, { baseUrl: gh.env.GITHUB_API_URL });
  });
  afterAll(async () => gh.stop());

  it('creates, reads, updates and deletes issue comments in GitHub shape', async () => {
    const created = await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: '<!-- plan:prod -->\nhello' });
    expect(created.status).toBe(201);
    expectSameShape(created.data as never, FIXTURE_COMMENT, [
      'id',
      'node_id',
      'url',
      'html_url',
      'issue_url',
      'body',
      'user',
      'created_at',
      'updated_at',
      'author_association',
      'reactions',
      'performed_via_github_app',
    ]);
    expectSameShape(created.data.user as never, FIXTURE_COMMENT.user, [
      'login',
      'id',
      'node_id',
      'type',
      'site_admin',
      'avatar_url',
      'html_url',
    ]);
    expect(created.data.user).toMatchObject({ login: 'github-actions[bot]', id: 41898282, type: 'Bot' });
    expect(created.data.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(created.data.html_url).toBe(`https://github.com/acme/web/issues/7#issuecomment-${created.data.id}`);
    expect(created.headers['x-ratelimit-remaining']).toMatch(/^\d+$/);

    const updated = await octokit.rest.issues.updateComment({ ...repo, comment_id: created.data.id, body: '<!-- plan:prod -->\nupdated' });
    expect(updated.data).toMatchObject({ id: created.data.id, body: '<!-- plan:prod -->\nupdated' });
    const fetched = await octokit.rest.issues.getComment({ ...repo, comment_id: created.data.id });
    expect(fetched.data.body).toBe('<!-- plan:prod -->\nupdated');
    expect(gh.admin.comments('acme', 'web', 7).map((c) => c.body)).toEqual(['<!-- plan:prod -->\nupdated']);

    const deleted = await octokit.rest.issues.deleteComment({ ...repo, comment_id: created.data.id });
    expect(deleted.status).toBe(204);
    expect((await statusOf(octokit.rest.issues.getComment({ ...repo, comment_id: created.data.id }))).status).toBe(404);
  });

  it('paginates with per_page/page and a Link header that octokit.paginate follows', async () => {
    for (let i = 0; i < 7; i += 1) gh.admin.addComment('acme', 'web', 8, `comment ${i}`);
    const first = await octokit.rest.issues.listComments({ ...repo, issue_number: 8, per_page: 3 });
    expect(first.data.map((c) => c.body)).toEqual(['comment 0', 'comment 1', 'comment 2']);
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toContain('page=3>; rel="last"');
    const second = await octokit.rest.issues.listComments({ ...repo, issue_number: 8, per_page: 3, page: 2 });
    expect(second.headers.link).toMatch(/page=1>; rel="prev".*rel="next".*rel="last".*page=1>; rel="first"/);
    const last = await octokit.rest.issues.listComments({ ...repo, issue_number: 8, per_page: 3, page: 3 });
    expect(last.data.map((c) => c.body)).toEqual(['comment 6']);
    expect(last.headers.link).not.toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: 8, per_page: 2 });
    expect(all.map((c) => c.body)).toEqual(Array.from({ length: 7 }, (_, i) => `comment ${i}`));
  });

  it("refuses a body over 65,536 characters with GitHub's 422", async () => {
    await expect(octokit.rest.issues.createComment({ ...repo, issue_number: 9, body: 'x'.repeat(65536) })).resolves.toHaveProperty(
      'status',
      201,
    );
    const error = await statusOf(octokit.rest.issues.createComment({ ...repo, issue_number: 9, body: 'x'.repeat(65537) }));
    expect(error.status).toBe(422);
    expect(error.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }],
      documentation_url: expect.stringContaining('docs.github.com'),
    });
  });

  it('gives a read-only token 403 on writes and lets it read', async () => {
    const readOnly = getOctokit(gh.readOnlyToken, { baseUrl: gh.env.GITHUB_API_URL });
    const error = await statusOf(readOnly.rest.issues.createComment({ ...repo, issue_number: 10, body: 'plan' }));
    expect(error.status).toBe(403);
    expect(error.data).toMatchObject({
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
    });
    expect((await statusOf(readOnly.rest.issues.addLabels({ ...repo, issue_number: 10, labels: ['x'] }))).status).toBe(403);
    await expect(readOnly.rest.issues.listComments({ ...repo, issue_number: 10 })).resolves.toHaveProperty('status', 200);
  });

  it('answers an unknown token with 401 Bad credentials', async () => {
    const stranger = getOctokit('ghp_notatoken', { baseUrl: gh.env.GITHUB_API_URL });
    const error = await statusOf(stranger.rest.issues.listComments({ ...repo, issue_number: 1 }));
    expect(error).toMatchObject({ status: 401, data: { message: 'Bad credentials' } });
  });

  it('adds and removes labels', async () => {
    const added = await octokit.rest.issues.addLabels({ ...repo, issue_number: 11, labels: ['plan-failed', 'terraform'] });
    expect(added.data.map((l) => l.name)).toEqual(['plan-failed', 'terraform']);
    expect(added.data[0]).toMatchObject({ id: expect.any(Number), node_id: expect.any(String), color: expect.any(String), default: false });
    const removed = await octokit.rest.issues.removeLabel({ ...repo, issue_number: 11, name: 'plan-failed' });
    expect(removed.data.map((l) => l.name)).toEqual(['terraform']);
    expect((await statusOf(octokit.rest.issues.removeLabel({ ...repo, issue_number: 11, name: 'nope' }))).data.message).toBe(
      'Label does not exist',
    );
  });

  it("serves a pull request in the webhook payload's shape", async () => {
    gh.admin.addPullRequest('acme', 'web', { number: 12, title: 'Add cache', head: { ref: 'cache', sha: 'a'.repeat(40) } });
    const pr = await octokit.rest.pulls.get({ ...repo, pull_number: 12 });
    expectSameShape(pr.data as never, FIXTURE_PR, [
      'url',
      'id',
      'node_id',
      'html_url',
      'number',
      'state',
      'locked',
      'title',
      'user',
      'labels',
      'head',
      'base',
      'draft',
      'merged',
      'author_association',
    ]);
    expect(pr.data.head).toMatchObject({ ref: 'cache', sha: 'a'.repeat(40) });
    expect((await statusOf(octokit.rest.pulls.get({ ...repo, pull_number: 99 }))).status).toBe(404);
  });

  it('refuses GET /user to the installation token as GitHub does, and serves it to a user token', async () => {
    expect((await statusOf(octokit.rest.users.getAuthenticated())).data.message).toBe('Resource not accessible by integration');
    gh.admin.addToken('ghp_personal', { login: 'octocat', permission: 'write' });
    const me = await getOctokit('ghp_personal', { baseUrl: gh.env.GITHUB_API_URL }).rest.users.getAuthenticated();
    expect(me.data).toMatchObject({ login: 'octocat', type: 'User' });
  });

  it('minimizes a comment through GraphQL', async () => {
    const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: 13, body: 'old plan' });
    const result = await octokit.graphql<{ minimizeComment: { minimizedComment: { isMinimized: boolean; minimizedReason: string } } }>(
      'mutation($id: ID!) { minimizeComment(input: {subjectId: $id, classifier: OUTDATED}) { minimizedComment { isMinimized minimizedReason } } }',
      { id: data.node_id },
    );
    expect(result.minimizeComment.minimizedComment).toEqual({ isMinimized: true, minimizedReason: 'outdated' });
    expect(gh.admin.comments('acme', 'web', 13)[0]?.minimized).toEqual({ reason: 'outdated' });
    await expect(
      octokit.graphql('mutation($id: ID!) { minimizeComment(input: {subjectId: $id, classifier: OUTDATED}) { clientMutationId } }', {
        id: 'IC_bogus',
      }),
    ).rejects.toThrow(/Could not resolve to a node/);
  });

  it('hits a secondary rate limit on demand with retry-after', async () => {
    gh.admin.secondaryRateLimit(1, 7);
    const error = await statusOf(octokit.rest.issues.listComments({ ...repo, issue_number: 1 }));
    expect(error.status).toBe(403);
    expect(error.headers['retry-after']).toBe('7');
    expect(String(error.data.message)).toMatch(/secondary rate limit/);
    await expect(octokit.rest.issues.listComments({ ...repo, issue_number: 1 })).resolves.toHaveProperty('status', 200);
  });

  it('counts the primary rate limit and says so in headers', async () => {
    const a = await octokit.rest.issues.listComments({ ...repo, issue_number: 1 });
    const b = await octokit.rest.issues.listComments({ ...repo, issue_number: 1 });
    expect(Number(b.headers['x-ratelimit-remaining'])).toBe(Number(a.headers['x-ratelimit-remaining']) - 1);
    expect(b.headers['x-ratelimit-limit']).toBe('5000');
    expect(Number(b.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    gh.admin.setRateLimitRemaining(gh.env.GITHUB_TOKEN, 0);
    const error = await statusOf(octokit.rest.issues.listComments({ ...repo, issue_number: 1 }));
    expect(error.status).toBe(403);
    expect(error.headers['x-ratelimit-remaining']).toBe('0');
    gh.admin.setRateLimitRemaining(gh.env.GITHUB_TOKEN, 100);
  });

  it('logs every request with its token for leak scans', () => {
    const log = gh.admin.requests();
    expect(log.length).toBeGreaterThan(10);
    const create = log.find((r) => r.operation === 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments');
    expect(create).toMatchObject({ method: 'POST', token: gh.env.GITHUB_TOKEN, login: 'github-actions[bot]', status: 201 });
    expect(create?.body).toContain('"body"');
  });
});
