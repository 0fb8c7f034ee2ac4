/**
 * The REST endpoints the suite's actions call, as a route table: path template, whether the call
 * writes (read-only tokens get 403 on those), GitHub's documentation URL for error bodies, and
 * the handler.
 */
import { commentJson, labelJson, pullRequestJson, userJson } from './github-shapes.js';
import { paginate } from './pagination.js';
import { COMMIT_ROUTES } from './commit-routes.js';
import { GithubHttpError, type Route, type RouteContext } from './route.js';

export const COMMENT_BODY_LIMIT = 65536;
const DOCS = 'https://docs.github.com/rest';

function commentBody(ctx: RouteContext): string {
  const body = (ctx.body as { body?: unknown } | null)?.body;
  if (typeof body !== 'string') {
    throw new GithubHttpError(422, 'Invalid request.\n\nNo subschema in "anyOf" matched.\n"body" wasn\'t supplied.');
  }
  if (body.length > COMMENT_BODY_LIMIT) {
    throw new GithubHttpError(422, 'Validation Failed', {
      errors: [
        {
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: `body is too long (maximum is ${COMMENT_BODY_LIMIT} characters)`,
        },
      ],
    });
  }
  return body;
}

function existingComment(ctx: RouteContext) {
  const comment = ctx.store.comment(ctx.params.owner ?? '', ctx.params.repo ?? '', Number(ctx.params.comment_id));
  if (!comment) throw new GithubHttpError(404, 'Not Found');
  return comment;
}

function labelsJson(ctx: RouteContext, names: string[]) {
  const { owner = '', repo = '' } = ctx.params;
  return names.map((name) => labelJson(owner, repo, name, ctx.store.labelId(owner, repo, name), ctx.apiUrl));
}

const issue = (ctx: RouteContext) => [ctx.params.owner ?? '', ctx.params.repo ?? '', Number(ctx.params.issue_number)] as const;

export const ROUTES: Route[] = [
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    write: false,
    docs: `${DOCS}/issues/comments#list-issue-comments`,
    handle(ctx) {
      const all = ctx.store.issueComments(...issue(ctx)).map((c) => commentJson(c, ctx.apiUrl));
      const { page, link } = paginate(ctx, all);
      return { status: 200, body: page, ...(link ? { headers: { link } } : {}) };
    },
  },
  {
    method: 'POST',
    template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    write: true,
    docs: `${DOCS}/issues/comments#create-an-issue-comment`,
    handle(ctx) {
      const comment = ctx.store.addComment(...issue(ctx), commentBody(ctx), ctx.token.user, ctx.now);
      const body = commentJson(comment, ctx.apiUrl);
      return { status: 201, body, headers: { location: String(body.url) } };
    },
  },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    write: false,
    docs: `${DOCS}/issues/comments#get-an-issue-comment`,
    handle: (ctx) => ({ status: 200, body: commentJson(existingComment(ctx), ctx.apiUrl) }),
  },
  {
    method: 'PATCH',
    template: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    write: true,
    docs: `${DOCS}/issues/comments#update-an-issue-comment`,
    handle(ctx) {
      const comment = existingComment(ctx);
      comment.body = commentBody(ctx);
      comment.updatedAt = ctx.now;
      return { status: 200, body: commentJson(comment, ctx.apiUrl) };
    },
  },
  {
    method: 'DELETE',
    template: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    write: true,
    docs: `${DOCS}/issues/comments#delete-an-issue-comment`,
    handle(ctx) {
      ctx.store.deleteComment(existingComment(ctx).id);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    write: false,
    docs: `${DOCS}/issues/labels#list-labels-for-an-issue`,
    handle: (ctx) => ({ status: 200, body: labelsJson(ctx, ctx.store.issueLabels(...issue(ctx))) }),
  },
  {
    method: 'POST',
    template: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    write: true,
    docs: `${DOCS}/issues/labels#add-labels-to-an-issue`,
    handle(ctx) {
      // Octokit sends `{labels: [...]}`; the API also takes a bare array.
      const raw = Array.isArray(ctx.body) ? ctx.body : (ctx.body as { labels?: unknown } | null)?.labels;
      if (!Array.isArray(raw) || !raw.every((name): name is string => typeof name === 'string')) {
        throw new GithubHttpError(422, "Invalid request.\n\nFor 'properties/labels', nil is not an array.");
      }
      const names = [...ctx.store.issueLabels(...issue(ctx)), ...raw];
      ctx.store.setIssueLabels(...issue(ctx), names);
      return { status: 200, body: labelsJson(ctx, ctx.store.issueLabels(...issue(ctx))) };
    },
  },
  {
    method: 'DELETE',
    template: '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
    write: true,
    docs: `${DOCS}/issues/labels#remove-a-label-from-an-issue`,
    handle(ctx) {
      const current = ctx.store.issueLabels(...issue(ctx));
      const name = ctx.params.name ?? '';
      if (!current.some((label) => label.toLowerCase() === name.toLowerCase())) throw new GithubHttpError(404, 'Label does not exist');
      const remaining = current.filter((label) => label.toLowerCase() !== name.toLowerCase());
      ctx.store.setIssueLabels(...issue(ctx), remaining);
      return { status: 200, body: labelsJson(ctx, remaining) };
    },
  },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/pulls/{pull_number}',
    write: false,
    docs: `${DOCS}/pulls/pulls#get-a-pull-request`,
    handle(ctx) {
      const { owner = '', repo = '' } = ctx.params;
      const number = Number(ctx.params.pull_number);
      const pr = ctx.store.pullRequest(owner, repo, number);
      if (!pr) throw new GithubHttpError(404, 'Not Found');
      const labels = labelsJson(
        { ...ctx, params: { ...ctx.params, issue_number: String(number) } },
        ctx.store.issueLabels(owner, repo, number),
      );
      return { status: 200, body: pullRequestJson(owner, repo, pr, labels, ctx.apiUrl) };
    },
  },
  {
    method: 'GET',
    template: '/user',
    write: false,
    docs: `${DOCS}/users/users#get-the-authenticated-user`,
    handle(ctx) {
      // GITHUB_TOKEN is an installation token: GitHub refuses it here.
      if (ctx.token.installation) throw new GithubHttpError(403, 'Resource not accessible by integration');
      return { status: 200, body: userJson(ctx.token.user, ctx.apiUrl) };
    },
  },
  ...COMMIT_ROUTES,
];

export function matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const source = route.template.replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    const match = new RegExp(`^${source}$`).exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1] ?? '')));
    return { route, params };
  }
  return undefined;
}
