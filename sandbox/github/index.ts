/** The sandbox's GitHub REST/GraphQL API: start it, then hand `env` to the action under test. */
export {
  startGithubApi,
  type GithubApi,
  type GithubApiAdmin,
  type GithubApiOptions,
  type GithubRequest,
  type PullRequestSpec,
} from './github-server.js';
export type { TokenPermission, TokenSpec } from './github-store.js';
export type { StoredComment } from './github-shapes.js';
export { COMMENT_BODY_LIMIT } from './rest-routes.js';
