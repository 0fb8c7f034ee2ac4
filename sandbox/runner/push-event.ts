/**
 * The event a bundled action sees when a test gives none: an ordinary push of one commit to the
 * default branch, with the webhook's field names (https://docs.github.com/webhooks/webhook-events-and-payloads#push).
 * Built here rather than read from a file so that the harness, the demo and the benchmarks need no
 * fixture, and so that it agrees with the variables run-action.ts sets (repository, SHA, ref, actor).
 */

export const PUSH_REPOSITORY = { owner: 'octo-org', name: 'octo-service' } as const;
export const PUSH_SHA = '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c';
export const PUSH_BEFORE = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
export const PUSH_REF = 'refs/heads/main';
export const PUSH_ACTOR = 'octocat';

const SERVER = 'https://github.com';
const API = 'https://api.github.com';

function user(login: string, id: number, type: 'User' | 'Organization') {
  return {
    login,
    id,
    node_id: type === 'User' ? 'MDQ6VXNlcjU4MzIzMQ==' : 'MDEyOk9yZ2FuaXphdGlvbjY4NzY1NDMy',
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    url: `${API}/users/${login}`,
    html_url: `${SERVER}/${login}`,
    type,
    site_admin: false,
  };
}

/** A fresh copy each call, so a test may change it without affecting the next run. */
export function pushEvent(): Record<string, unknown> {
  const fullName = `${PUSH_REPOSITORY.owner}/${PUSH_REPOSITORY.name}`;
  const author = { name: 'The Octocat', email: 'octocat@github.com', username: PUSH_ACTOR };
  const headCommit = {
    id: PUSH_SHA,
    tree_id: 'f9d2a07e9488b91af2641b26b9407fe22a451433',
    distinct: true,
    message: 'Serve /healthz from the web container',
    timestamp: '2026-03-02T10:15:42Z',
    url: `${SERVER}/${fullName}/commit/${PUSH_SHA}`,
    author,
    committer: author,
    added: [],
    removed: [],
    modified: ['src/server.ts'],
  };
  return {
    ref: PUSH_REF,
    before: PUSH_BEFORE,
    after: PUSH_SHA,
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `${SERVER}/${fullName}/compare/${PUSH_BEFORE.slice(0, 12)}...${PUSH_SHA.slice(0, 12)}`,
    commits: [headCommit],
    head_commit: headCommit,
    repository: {
      id: 812345678,
      node_id: 'R_kgDOMGeAzg',
      name: PUSH_REPOSITORY.name,
      full_name: fullName,
      private: true,
      owner: user(PUSH_REPOSITORY.owner, 68765432, 'Organization'),
      html_url: `${SERVER}/${fullName}`,
      url: `${API}/repos/${fullName}`,
      clone_url: `${SERVER}/${fullName}.git`,
      default_branch: 'main',
      master_branch: 'main',
      pushed_at: 1772446542,
      visibility: 'private',
    },
    pusher: { name: PUSH_ACTOR, email: 'octocat@github.com' },
    organization: { login: PUSH_REPOSITORY.owner, id: 68765432, url: `${API}/orgs/${PUSH_REPOSITORY.owner}` },
    sender: user(PUSH_ACTOR, 583231, 'User'),
  };
}
