/**
 * Commit-scoped REST endpoints: "list pull requests associated with a commit", which terraform-plan's
 * apply uses on a push to find the pull request (and its reviewed plan) a merge commit came from.
 * https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit
 */
import { labelJson, pullRequestJson } from './github-shapes.js';
import { paginate } from './pagination.js';
import type { Route } from './route.js';

/** The list returns GitHub's "pull-request-simple": the pull request without the fields only GET of one PR computes. */
const FULL_ONLY = new Set(['merged', 'mergeable', 'mergeable_state', 'merged_by', 'comments', 'commits', 'additions', 'deletions']);

export const COMMIT_ROUTES: Route[] = [
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/commits/{commit_sha}/pulls',
    write: false,
    docs: 'https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit',
    handle(ctx) {
      const { owner = '', repo = '', commit_sha: sha = '' } = ctx.params;
      const all = ctx.store.pullRequestsForCommit(owner, repo, sha).map((pr) => {
        const labels = ctx.store
          .issueLabels(owner, repo, pr.number)
          .map((name) => labelJson(owner, repo, name, ctx.store.labelId(owner, repo, name), ctx.apiUrl));
        const full = pullRequestJson(owner, repo, pr, labels, ctx.apiUrl);
        return Object.fromEntries(Object.entries(full).filter(([key]) => !FULL_ONLY.has(key)));
      });
      const { page, link } = paginate(ctx, all);
      return { status: 200, body: page, ...(link ? { headers: { link } } : {}) };
    },
  },
];
