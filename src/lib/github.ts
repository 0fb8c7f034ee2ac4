import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { VERSION } from './version.js';

/** The one GitHub client of the suite: @actions/github's Octokit with retry and rate-limit handling. */
export type GithubClient = ReturnType<typeof getOctokit>;

export interface GithubClientOptions {
  token: string;
  /** `GITHUB_API_URL` (GitHub Enterprise Server, the sandbox); github.com when absent. */
  apiUrl?: string;
  /** Where retry and rate-limit notices go. */
  warn?: (message: string) => void;
  /** Retries after a rate limit, a 5xx or a dropped connection (default 3). */
  maxRetries?: number;
  /** Bound on one call, retries and rate-limit waits included (default GITHUB_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
}

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/** The API base URL as the runner gives it, like every GitHub tool reads it. */
export function githubApiUrl(env: NodeJS.ProcessEnv): string {
  return (env.GITHUB_API_URL ?? '').replace(/\/+$/, '') || DEFAULT_GITHUB_API_URL;
}

/**
 * Builds the client. The retry plugin retries 5xx and network errors but never 4xx other than
 * rate limits; the throttling plugin waits out primary and secondary rate limits (honouring
 * `retry-after`) a bounded number of times, so a busy repository slows a step down instead of failing it.
 */
/** How long one GitHub call may take, retries included. */
export const GITHUB_REQUEST_TIMEOUT_MS = 60_000;

export function createGithubClient(options: GithubClientOptions): GithubClient {
  const maxRetries = options.maxRetries ?? 3;
  const warn = options.warn ?? (() => undefined);
  const onLimit =
    (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      if (retryCount >= maxRetries) {
        warn(`GitHub ${kind} rate limit on ${request.method} ${request.url}: giving up after ${retryCount} retries`);
        return false;
      }
      warn(`GitHub ${kind} rate limit on ${request.method} ${request.url}: retrying in ${retryAfter} s`);
      return true;
    };
  const octokit = getOctokit(
    options.token,
    {
      baseUrl: options.apiUrl ?? DEFAULT_GITHUB_API_URL,
      userAgent: `ecs-delivery/${VERSION}`,
      retry: { retries: maxRetries },
      throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
    },
    retry,
    throttling,
  );
  // fetch has no timeout of its own: a silent socket would hang the step until the job's timeout.
  // One signal per call bounds its retries and rate-limit waits too.
  const timeoutMs = options.requestTimeoutMs ?? GITHUB_REQUEST_TIMEOUT_MS;
  octokit.hook.before('request', (request) => {
    if (!request.request?.signal) request.request = { ...request.request, signal: AbortSignal.timeout(timeoutMs) };
  });
  octokit.hook.error('request', (error, request) => {
    if (request.request?.signal?.aborted) {
      throw new Error(`GitHub did not answer ${request.method} ${request.url} within ${timeoutMs / 1000} s`, { cause: error });
    }
    throw error;
  });
  return octokit;
}

/** The HTTP status of an Octokit error, if it has one. */
export function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  return typeof error.status === 'number' ? error.status : undefined;
}

/**
 * GITHUB_TOKEN on a pull request from a fork is read-only: GitHub answers writes with 403
 * "Resource not accessible by integration". Callers turn that into a warning, never a failure.
 */
export function isReadOnlyTokenError(error: unknown): boolean {
  return httpStatus(error) === 403 && error instanceof Error && /Resource not accessible by integration/i.test(error.message);
}

/** The login GITHUB_TOKEN writes as; GET /user refuses installation tokens. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

/**
 * The login of the token's user, so that only comments this token wrote are ever updated or deleted.
 * An installation token (the job's GITHUB_TOKEN) cannot read /user; it writes as github-actions[bot].
 */
export async function tokenLogin(client: GithubClient): Promise<string> {
  try {
    const { data } = await client.rest.users.getAuthenticated();
    return data.login;
  } catch (error: unknown) {
    if (isReadOnlyTokenError(error)) return ACTIONS_BOT_LOGIN;
    throw error;
  }
}

export interface IssueRef {
  owner: string;
  repo: string;
  issueNumber: number;
}

/** Pull requests a commit belongs to (a push of a merge commit finds the PR it merged). */
export async function pullRequestsForCommit(client: GithubClient, owner: string, repo: string, sha: string): Promise<number[]> {
  const { data } = await client.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: sha });
  return data.map((pull) => pull.number);
}

/** Adds labels to an issue or pull request (GitHub creates unknown labels on first use). */
export async function addLabels(client: GithubClient, ref: IssueRef, labels: string[]): Promise<void> {
  if (labels.length === 0) return;
  await client.rest.issues.addLabels({ owner: ref.owner, repo: ref.repo, issue_number: ref.issueNumber, labels });
}

/** Removes a label; one that is not there is not an error. */
export async function removeLabel(client: GithubClient, ref: IssueRef, name: string): Promise<void> {
  try {
    await client.rest.issues.removeLabel({ owner: ref.owner, repo: ref.repo, issue_number: ref.issueNumber, name });
  } catch (error: unknown) {
    if (httpStatus(error) !== 404) throw error;
  }
}
