import { readFileSync } from 'node:fs';
import { getOctokit } from '@actions/github';
import { startGithubApi, type GithubApi } from '../../sandbox/github/index.js';
import { fixturePath } from '../fixture-paths.js';

/**
 * GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls through Octokit: a merge commit maps to the
 * pull request it merged; a commit not merged yet maps to the open pull requests whose head it is.
 * https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit
 */

const FIXTURE_PR = (
  JSON.parse(readFileSync(fixturePath('github/octokit__webhooks/pull_request/opened.payload.json'), 'utf8')) as {
    pull_request: Record<string, unknown>;
  }
).pull_request;

const repo = { owner: 'acme', repo: 'infra' };
const HEAD = 'a'.repeat(40);
const MERGE = 'b'.repeat(40);

let gh: GithubApi;
let octokit: ReturnType<typeof getOctokit>;

beforeAll(async () => {
  gh = await startGithubApi();
  octokit = getOctokit(gh.env.GITHUB_TOKEN, { baseUrl: gh.env.GITHUB_API_URL });
  gh.admin.addPullRequest(repo.owner, repo.repo, { number: 12, title: 'Add a bucket', head: { ref: 'bucket', sha: HEAD } });
  gh.admin.addPullRequest(repo.owner, repo.repo, { number: 13, head: { ref: 'other', sha: 'c'.repeat(40) } });
});
afterAll(async () => gh.stop());

const list = (sha: string, extra: Record<string, unknown> = {}) =>
  octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha, ...extra });

test('an open pull request is found by its head commit, in the pull-request-simple shape', async () => {
  const { status, data } = await list(HEAD);
  expect(status).toBe(200);
  expect(data.map((pr) => pr.number)).toEqual([12]);
  const pr = data[0] as unknown as Record<string, unknown>;
  const simpleKeys = ['url', 'id', 'html_url', 'number', 'state', 'title', 'user', 'body', 'labels', 'created_at', 'merged_at'];
  for (const key of simpleKeys) expect(Object.keys(FIXTURE_PR)).toContain(key);
  expect(Object.keys(pr)).toEqual(expect.arrayContaining(simpleKeys));
  expect(pr).toMatchObject({ state: 'open', merged_at: null, merge_commit_sha: null, head: { sha: HEAD } });
  expect(pr).not.toHaveProperty('mergeable');
});

test('after the merge, the merge commit maps to the merged pull request', async () => {
  gh.admin.mergePullRequest(repo.owner, repo.repo, 12, MERGE);
  const { data } = await list(MERGE);
  expect(data.map((pr) => pr.number)).toEqual([12]);
  expect(data[0]).toMatchObject({
    state: 'closed',
    merge_commit_sha: MERGE,
    merged_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
  });
  // The head of a closed pull request no longer lists it; a full GET says it was merged.
  expect((await list(HEAD)).data).toEqual([]);
  const full = await octokit.rest.pulls.get({ ...repo, pull_number: 12 });
  expect(full.data).toMatchObject({ merged: true, merge_commit_sha: MERGE, state: 'closed' });
});

test('a commit no pull request contains lists nothing, and other repositories do not leak in', async () => {
  expect((await list('d'.repeat(40))).data).toEqual([]);
  expect((await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: 'acme', repo: 'web', commit_sha: MERGE })).data).toEqual(
    [],
  );
});

test('the read-only token of a fork pull request may read it', async () => {
  const readOnly = getOctokit(gh.readOnlyToken, { baseUrl: gh.env.GITHUB_API_URL });
  const { data } = await readOnly.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: MERGE });
  expect(data.map((pr) => pr.number)).toEqual([12]);
});
