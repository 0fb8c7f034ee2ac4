/**
 * JSON shapes of the GitHub REST objects the sandbox returns, with the field names and types of
 * the real API (see test/fixtures/github/octokit__webhooks/issue_comment/created.payload.json
 * and pull_request/opened.payload.json). URLs point back at the sandbox so clients can follow them.
 */

export interface GithubUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface StoredComment {
  id: number;
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  user: GithubUser;
  createdAt: number;
  updatedAt: number;
  minimized?: { reason: string };
}

export interface StoredPullRequest {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  user: GithubUser;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  createdAt: number;
  /** Set when merged: the merge commit a push to the base branch carries. */
  merged?: { at: number; commitSha: string };
}

export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const nodeId = (prefix: string, id: number | string): string => `${prefix}_${Buffer.from(String(id)).toString('base64url')}`;

export function commentNodeId(id: number): string {
  return nodeId('IC', id);
}

export function userJson(user: GithubUser, apiUrl: string): Record<string, unknown> {
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Bot' ? 'BOT' : 'U', user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: `${apiUrl}/users/${encodeURIComponent(user.login)}`,
    html_url: `https://github.com/${user.login}`,
    type: user.type,
    site_admin: false,
  };
}

function association(user: GithubUser, owner: string): string {
  if (user.type === 'Bot') return 'NONE';
  return user.login === owner ? 'OWNER' : 'MEMBER';
}

export function commentJson(comment: StoredComment, apiUrl: string): Record<string, unknown> {
  const repoApi = `${apiUrl}/repos/${comment.owner}/${comment.repo}`;
  const url = `${repoApi}/issues/comments/${comment.id}`;
  return {
    url,
    html_url: `https://github.com/${comment.owner}/${comment.repo}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${repoApi}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: commentNodeId(comment.id),
    user: userJson(comment.user, apiUrl),
    created_at: isoSeconds(comment.createdAt),
    updated_at: isoSeconds(comment.updatedAt),
    author_association: association(comment.user, comment.owner),
    body: comment.body,
    reactions: {
      url: `${url}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
    performed_via_github_app: null,
  };
}

export function labelJson(owner: string, repo: string, name: string, id: number, apiUrl: string): Record<string, unknown> {
  return {
    id,
    node_id: nodeId('LA', id),
    url: `${apiUrl}/repos/${owner}/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    color: 'ededed',
    default: false,
    description: null,
  };
}

function refJson(owner: string, repo: string, ref: { ref: string; sha: string }, user: GithubUser, apiUrl: string) {
  return {
    label: `${owner}:${ref.ref}`,
    ref: ref.ref,
    sha: ref.sha,
    user: userJson(user, apiUrl),
    repo: { name: repo, full_name: `${owner}/${repo}`, private: true, owner: userJson({ login: owner, id: 1, type: 'User' }, apiUrl) },
  };
}

export function pullRequestJson(
  owner: string,
  repo: string,
  pr: StoredPullRequest,
  labels: Array<Record<string, unknown>>,
  apiUrl: string,
): Record<string, unknown> {
  const repoApi = `${apiUrl}/repos/${owner}/${repo}`;
  return {
    url: `${repoApi}/pulls/${pr.number}`,
    id: 100000 + pr.number,
    node_id: nodeId('PR', `${owner}/${repo}#${pr.number}`),
    html_url: `https://github.com/${owner}/${repo}/pull/${pr.number}`,
    issue_url: `${repoApi}/issues/${pr.number}`,
    comments_url: `${repoApi}/issues/${pr.number}/comments`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: userJson(pr.user, apiUrl),
    body: pr.body,
    labels,
    created_at: isoSeconds(pr.createdAt),
    updated_at: isoSeconds(pr.merged?.at ?? pr.createdAt),
    closed_at: pr.merged ? isoSeconds(pr.merged.at) : null,
    merged_at: pr.merged ? isoSeconds(pr.merged.at) : null,
    merge_commit_sha: pr.merged?.commitSha ?? null,
    draft: pr.draft,
    head: refJson(owner, repo, pr.head, pr.user, apiUrl),
    base: refJson(owner, repo, pr.base, pr.user, apiUrl),
    author_association: association(pr.user, owner),
    merged: pr.merged !== undefined,
    mergeable: pr.merged ? null : true,
  };
}
