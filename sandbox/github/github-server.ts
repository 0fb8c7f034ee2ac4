/**
 * A GitHub REST (and minimal GraphQL) API on 127.0.0.1 that Octokit talks to unchanged, with
 * `baseUrl` = GITHUB_API_URL. Every response carries GitHub's headers (x-ratelimit-*,
 * x-github-request-id); tokens carry permissions; every call is logged with its token so tests
 * can count calls and scan for leaked secrets.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestLogEntry, SandboxClock } from '../core/contract.js';
import { FaultInjector } from '../core/faults.js';
import { failNextRequests, takeHttpFault } from '../core/http-faults.js';
import { listenJson, rawRequestText, readBody } from '../core/http-server.js';
import { SeededRandom } from '../core/random.js';
import { RequestLog } from '../core/request-log.js';
import { GithubStore, type TokenInfo, type TokenSpec } from './github-store.js';
import { handleGraphql, type GraphqlRequest } from './graphql.js';
import { RateLimits, SECONDARY_LIMIT_MESSAGE, type RateState } from './rate-limits.js';
import { matchRoute } from './rest-routes.js';
import { GithubHttpError, type RouteResult } from './route.js';
import type { StoredComment, StoredPullRequest } from './github-shapes.js';

export interface GithubRequest {
  time: number;
  method: string;
  /** Path and query as sent. */
  url: string;
  /** The route template (`POST /repos/{owner}/{repo}/issues/{issue_number}/comments`) or the raw path. */
  operation: string;
  body: string;
  /** The token as presented, for leak scans. */
  token?: string;
  login?: string;
  status: number;
}

export interface GithubApiOptions {
  clock?: Pick<SandboxClock, 'now'>;
  /** The sandbox's request log, where calls are recorded as service `github`; a log of its own when the API runs alone. */
  log?: RequestLog;
  /** The sandbox's faults: `{ service: 'github', operation: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', kind: 'http503' }`. */
  faults?: FaultInjector;
  /** The sandbox's seeded generator, for tokens and request ids (default: seed 1). */
  random?: SeededRandom;
  port?: number;
  /** Primary rate limit per token per hour (default 5000). */
  rateLimit?: number;
}

export interface PullRequestSpec extends Partial<Omit<StoredPullRequest, 'user' | 'createdAt'>> {
  number: number;
  author?: string;
}

export interface GithubApiAdmin {
  addToken(token: string, spec: TokenSpec): void;
  addPullRequest(owner: string, repo: string, spec: PullRequestSpec): void;
  /** Merges a pull request set up before: it is closed with `mergeCommitSha`, which then maps back to it (GET …/commits/{sha}/pulls). */
  mergePullRequest(owner: string, repo: string, number: number, mergeCommitSha: string): void;
  /** Seeds a comment as `login` (another user's comment, say). */
  addComment(owner: string, repo: string, issueNumber: number, body: string, login?: string): StoredComment;
  comments(owner: string, repo: string, issueNumber: number): StoredComment[];
  labels(owner: string, repo: string, issueNumber: number): string[];
  requests(): GithubRequest[];
  /** The next `count` requests get 403 secondary rate limit with `retry-after`. */
  secondaryRateLimit(count: number, retryAfterSeconds?: number): void;
  setRateLimitRemaining(token: string, remaining: number): void;
  /** The next `count` requests fail with `status` (500 or 503). */
  failNext(count: number, status?: 500 | 503): void;
}

export interface GithubApi {
  url: string;
  env: { GITHUB_API_URL: string; GITHUB_GRAPHQL_URL: string; GITHUB_TOKEN: string };
  /** A read-only token for the same bot, as pull requests from forks get. */
  readOnlyToken: string;
  admin: GithubApiAdmin;
  stop(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';
const FAULT_MESSAGES: Record<number, string> = { 429: 'Too Many Requests', 500: 'Server Error', 503: 'Service Unavailable' };

/** The route template (what faults and the log name a call by), or the raw path when no route matches. */
function operationOf(method: string, path: string): string {
  if (method === 'POST' && path === '/graphql') return 'POST /graphql';
  const matched = matchRoute(method, path);
  return `${method} ${matched ? matched.route.template : path}`;
}

/** A request log entry of this API, in the shape `admin.requests()` has always returned. */
function githubRequest(entry: RequestLogEntry): GithubRequest {
  return {
    time: entry.time,
    method: entry.method ?? 'GET',
    url: entry.url ?? '/',
    operation: entry.operation,
    body: typeof entry.params === 'string' ? entry.params : '',
    ...(entry.token !== undefined ? { token: entry.token } : {}),
    ...(entry.login !== undefined ? { login: entry.login } : {}),
    status: entry.status,
  };
}

function tokenFrom(req: IncomingMessage): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

export async function startGithubApi(options: GithubApiOptions = {}): Promise<GithubApi> {
  const now = () => (options.clock ? options.clock.now() : Date.now());
  const store = new GithubStore();
  const limits = new RateLimits(now, options.rateLimit);
  const log = options.log ?? new RequestLog();
  const faults = options.faults ?? new FaultInjector();
  const random = (options.random ?? new SeededRandom(1)).fork('github');
  let apiUrl = '';

  const writeToken = `ghs_${random.alphanumeric(36)}`;
  const readOnlyToken = `ghs_${random.alphanumeric(36)}`;
  store.addToken(writeToken, { login: 'github-actions[bot]', permission: 'write', id: 41898282 });
  store.addToken(readOnlyToken, { login: 'github-actions[bot]', permission: 'read', id: 41898282 });

  function route(req: IncomingMessage, url: URL, rawBody: string, token: TokenInfo): { result: RouteResult; operation: string } {
    let body: unknown = null;
    if (rawBody.trim() !== '') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        throw new GithubHttpError(400, 'Problems parsing JSON');
      }
    }
    const method = req.method ?? 'GET';
    if (method === 'POST' && url.pathname === '/graphql') {
      const result = handleGraphql((body ?? {}) as GraphqlRequest, token, store);
      return { result: { status: 200, body: result }, operation: 'POST /graphql' };
    }
    const matched = matchRoute(method, url.pathname);
    if (!matched) throw new GithubHttpError(404, 'Not Found');
    const operation = `${method} ${matched.route.template}`;
    try {
      if (matched.route.write && token.permission !== 'write') throw new GithubHttpError(403, 'Resource not accessible by integration');
      const ctx = { params: matched.params, query: url.searchParams, body, token, apiUrl, path: url.pathname, now: now(), store };
      return { result: matched.route.handle(ctx), operation };
    } catch (error: unknown) {
      if (error instanceof GithubHttpError) error.extra.documentation_url ??= matched.route.docs;
      throw error;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? '/', apiUrl);
    const token = tokenFrom(req);
    const info = token === undefined ? undefined : store.token(token);
    const requestId = random.hex(16).toUpperCase();
    let operation = operationOf(req.method ?? 'GET', url.pathname);
    const record = (status: number, errorCode?: string) =>
      log.record({
        time: now(),
        service: 'github',
        operation,
        params: rawBody,
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        ...(token !== undefined ? { token } : {}),
        ...(info ? { login: info.user.login } : {}),
        status,
        ...(errorCode ? { errorCode } : {}),
        rawRequest: rawRequestText(req, rawBody),
      });
    let rate: RateState = limits.peek(info ? (token ?? '') : 'anonymous');
    let result: RouteResult;
    try {
      if (!token) throw new GithubHttpError(401, 'Requires authentication');
      if (!info) throw new GithubHttpError(401, 'Bad credentials');
      const retryAfter = limits.takeSecondary();
      if (retryAfter !== undefined) {
        throw new GithubHttpError(403, `${SECONDARY_LIMIT_MESSAGE}${requestId}.`, { retryAfter });
      }
      const consumed = limits.consume(token);
      if (consumed === 'exhausted') throw new GithubHttpError(403, `API rate limit exceeded for installation ID ${info.user.id}.`);
      rate = consumed;
      const fault = await takeHttpFault(faults, 'github', operation);
      if (fault?.kind === 'reset' || fault?.kind === 'hang') {
        record(0, fault.kind === 'reset' ? 'ConnectionReset' : 'Hang');
        if (fault.kind === 'reset') req.socket.destroy();
        return;
      }
      if (fault) throw new GithubHttpError(fault.status, FAULT_MESSAGES[fault.status] ?? 'Server Error');
      ({ result, operation } = route(req, url, rawBody, info));
    } catch (error: unknown) {
      if (!(error instanceof GithubHttpError)) throw error;
      const { retryAfter, ...extra } = error.extra;
      result = {
        status: error.status,
        body: { message: error.message, documentation_url: DOCS, ...extra, status: String(error.status) },
        ...(retryAfter !== undefined ? { headers: { 'retry-after': String(retryAfter) } } : {}),
      };
    }
    const resource = url.pathname === '/graphql' ? 'graphql' : 'core';
    const headers: Record<string, string> = {
      'x-github-request-id': requestId,
      'x-github-media-type': 'github.v3; format=json',
      ...limits.headers(rate, resource),
      ...result.headers,
    };
    const payload = result.body === undefined ? '' : JSON.stringify(result.body);
    if (payload) headers['content-type'] = 'application/json; charset=utf-8';
    record(result.status);
    res.writeHead(result.status, headers);
    res.end(payload);
  }

  const server = await listenJson('github', handle, options.port ?? 0);
  apiUrl = server.url;

  const admin: GithubApiAdmin = {
    addToken: (token, spec) => void store.addToken(token, spec),
    addPullRequest(owner, repo, spec) {
      const { author, ...rest } = spec;
      const sha = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
      store.putPullRequest(owner, repo, {
        title: `Pull request ${spec.number}`,
        body: null,
        state: 'open',
        draft: false,
        head: { ref: `feature-${spec.number}`, sha },
        base: { ref: 'main', sha: '0'.repeat(40) },
        ...rest,
        user: { login: author ?? 'octocat', id: 583231, type: 'User' },
        createdAt: now(),
      });
    },
    mergePullRequest(owner, repo, number, mergeCommitSha) {
      const pr = store.pullRequest(owner, repo, number);
      if (!pr) throw new Error(`sandbox github: no pull request ${owner}/${repo}#${number} to merge`);
      store.putPullRequest(owner, repo, { ...pr, state: 'closed', merged: { at: now(), commitSha: mergeCommitSha } });
    },
    addComment: (owner, repo, issueNumber, body, login = 'octocat') =>
      store.addComment(owner, repo, issueNumber, body, { login, id: 583231, type: login.endsWith('[bot]') ? 'Bot' : 'User' }, now()),
    comments: (owner, repo, issueNumber) => store.issueComments(owner, repo, issueNumber).map((c) => ({ ...c })),
    labels: (owner, repo, issueNumber) => store.issueLabels(owner, repo, issueNumber),
    requests: () => log.list({ service: 'github' }).map(githubRequest),
    secondaryRateLimit: (count, retryAfterSeconds) => limits.armSecondary(count, retryAfterSeconds),
    setRateLimitRemaining: (token, remaining) => limits.setRemaining(token, remaining),
    failNext: (count, status = 500) => failNextRequests(faults, 'github', undefined, count, status),
  };

  return {
    url: apiUrl,
    env: { GITHUB_API_URL: apiUrl, GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`, GITHUB_TOKEN: writeToken },
    readOnlyToken,
    admin,
    stop: () => server.close(),
  };
}
