import { AwsServiceError } from './contract.js';

/**
 * Offset pagination shared by the sandbox's List/Describe operations: the token is the base64 of
 * the next item's index (opaque to clients, as AWS's are), and the page size is checked against the
 * range the official model documents for that parameter.
 */
export interface PageRequest {
  /** The request's token parameter (nextToken, Marker). */
  token: unknown;
  /** The request's size parameter (maxResults, limit, PageSize). */
  size: unknown;
  /** The parameter names and limits, for the error a real service gives on a bad value. */
  sizeName: string;
  tokenName: string;
  defaultSize: number;
  maxSize: number;
  /** Error code for a bad value: InvalidParameterException (JSON services) or ValidationError (ELBv2). */
  errorCode?: string;
}

export interface Page<T> {
  items: T[];
  /** Undefined on the last page. */
  next?: string;
}

export function pageOf<T>(all: T[], request: PageRequest): Page<T> {
  const code = request.errorCode ?? 'InvalidParameterException';
  let size = request.defaultSize;
  if (request.size !== undefined && request.size !== null) {
    size = Number(request.size);
    if (!Number.isInteger(size) || size < 1 || size > request.maxSize)
      throw new AwsServiceError(code, `${request.sizeName} must be between 1 and ${request.maxSize}, got ${String(request.size)}.`);
  }
  let start = 0;
  if (request.token !== undefined && request.token !== null && request.token !== '') {
    start = Number(Buffer.from(String(request.token), 'base64').toString('utf8'));
    if (!Number.isInteger(start) || start < 0 || start > all.length)
      throw new AwsServiceError(code, `The ${request.tokenName} is not valid for this request; start again without one.`);
  }
  const items = all.slice(start, start + size);
  const next = start + size < all.length ? Buffer.from(String(start + size)).toString('base64') : undefined;
  return next === undefined ? { items } : { items, next };
}
