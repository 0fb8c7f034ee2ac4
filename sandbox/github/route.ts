/**
 * What one REST route is: its template, whether it writes, its documentation URL and its handler,
 * with the context it is handed and the error it throws. A leaf module, so the route tables
 * (rest-routes, commit-routes), pagination and the server all depend on it and not on each other.
 */
import type { GithubStore, TokenInfo } from './github-store.js';

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  token: TokenInfo;
  apiUrl: string;
  /** Path without query, for building Link headers. */
  path: string;
  now: number;
  store: GithubStore;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export class GithubHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface Route {
  method: string;
  template: string;
  write: boolean;
  docs: string;
  handle(ctx: RouteContext): RouteResult;
}
