import { errorMessage } from '../errors.js';
import type { EcsDeps } from './deps.js';

/**
 * One funnel for every ECS, ELBv2 and Logs call of the deploy and rollback logic: the SDK already
 * retried throttling and 5xx (maxAttempts); what reaches here is final, so it is turned into an error
 * that says what we were doing and, for known mistakes, the fix.
 */

/** The caller lacks an IAM permission. Never retried; names the permission. */
export class AccessDeniedError extends Error {
  override readonly name = 'AccessDeniedError';
  constructor(
    message: string,
    readonly permission: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The session expired and could not be renewed: waiting longer cannot help. */
export class CredentialsExpiredError extends Error {
  override readonly name = 'CredentialsExpiredError';
}

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedException']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);

export function errorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as { name?: unknown; Code?: unknown; code?: unknown };
  for (const value of [record.name, record.Code, record.code]) if (typeof value === 'string' && value !== 'Error') return value;
  return undefined;
}

export function isAccessDenied(error: unknown): boolean {
  return ACCESS_DENIED.has(errorName(error) ?? '');
}

export function isExpiredCredentials(error: unknown): boolean {
  return EXPIRED.has(errorName(error) ?? '');
}

/**
 * Runs one AWS call. `what` reads as "describe service web in cluster prod"; `permission` is the IAM
 * action it needs. Expired credentials are renewed once (when the job can) and the call repeated.
 */
export async function awsCall<T>(
  deps: Pick<EcsDeps, 'renewCredentials' | 'log'>,
  what: string,
  permission: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error: unknown) {
    if (!isExpiredCredentials(error)) throw explain(error, what, permission);
    if (!deps.renewCredentials) {
      throw new CredentialsExpiredError(
        `${what}: the AWS credentials expired (${errorMessage(error)}) and cannot be renewed. Give the job 'permissions: id-token: write' and run aws-credentials (or set role-to-assume) so that ecs-deploy can assume the role again, or ask for a longer session`,
        { cause: error },
      );
    }
    deps.log.info(`The AWS credentials expired while trying to ${what}; assuming the role again`);
    try {
      await deps.renewCredentials();
    } catch (renewError: unknown) {
      throw new CredentialsExpiredError(`${what}: the AWS credentials expired and renewing them failed: ${errorMessage(renewError)}`, {
        cause: renewError,
      });
    }
    try {
      return await call();
    } catch (retryError: unknown) {
      throw explain(retryError, what, permission);
    }
  }
}

function explain(error: unknown, what: string, permission: string): Error {
  const message = errorMessage(error);
  if (isAccessDenied(error)) {
    return new AccessDeniedError(
      `Failed to ${what}: access denied (${message}). The role needs the IAM permission ${permission}`,
      permission,
      { cause: error },
    );
  }
  if (isExpiredCredentials(error))
    return new CredentialsExpiredError(`Failed to ${what}: the AWS credentials expired again right after renewal (${message})`, {
      cause: error,
    });
  const wrapped = new Error(`Failed to ${what}: ${errorName(error) ?? 'error'}: ${message}`, { cause: error });
  return wrapped;
}
