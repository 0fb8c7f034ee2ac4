import { QUOTE_LIMIT, quoteValue } from './untrusted-text.js';

/** Typed errors: the run wrapper, the retry classifier and the actions decide by type, never by message text. */

/** A bad input. Never retried; reported before anything touches AWS or GitHub. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly input: string,
    problem: string,
    fix?: string,
  ) {
    super(`Input '${input}': ${shortenQuotes(problem)}${fix ? `. ${fix}` : ''}`);
  }
}

/**
 * A safety net for messages that quote a value whole: every quoted run over twice QUOTE_LIMIT is cut
 * (an error line that repeats a 100 KB input is unreadable), and so is an overlong problem. Values
 * already cut by `quoteValue` (QUOTE_LIMIT and a length note) are left as they are.
 */
function shortenQuotes(problem: string): string {
  const cut = problem.replace(new RegExp(`'([^']{${2 * QUOTE_LIMIT + 1},})'`, 'g'), (_match, value: string) => `'${quoteValue(value)}'`);
  return cut.length > 10 * QUOTE_LIMIT ? quoteValue(cut, 10 * QUOTE_LIMIT) : cut;
}

/** Something the user named does not exist (a container, a service, a task-definition revision). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** A deployment (or one-off task) that ECS or our health checks declared failed. */
export class DeploymentFailedError extends Error {
  override readonly name = 'DeploymentFailedError';
  constructor(
    message: string,
    readonly deploymentId?: string,
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** Adds what we were doing to an error from a lower layer, keeping the original as `cause`. */
export function withContext(context: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const wrapped = new Error(`${context}: ${message}`, { cause: error });
  if (error instanceof Error && error.stack) wrapped.stack = `${wrapped.name}: ${wrapped.message}\n${error.stack}`;
  return wrapped;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
