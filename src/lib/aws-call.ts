import { errorMessage, NotFoundError } from './errors.js';

/**
 * The one AWS error classifier and the one funnel every action's AWS calls go through. The SDK has
 * already retried throttling and 5xx (maxAttempts) when an error reaches the funnel, so the funnel
 * only says what we were doing and what kind of failure it was: a missing permission is reported as
 * one, and only then; a throttle or an AWS fault that outlived the retries says so instead.
 * No SDK import: the classifier is used by the retry primitive, which runs before the SDK loads.
 */

export type AwsErrorKind = 'access-denied' | 'expired-credentials' | 'transient' | 'not-found' | 'final';

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

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AccessDeniedError',
  'UnauthorizedOperation',
  'UnauthorizedException',
]);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired', 'CredentialsExpiredError']);
/** STS refused the OIDC token itself (not the trust policy): the trust explanation tells them apart. */
const REJECTED_TOKEN = new Set(['InvalidIdentityToken', 'InvalidIdentityTokenException', 'IDPRejectedClaim', 'IDPRejectedClaimException']);
/** `RepositoryNotFoundException`, `ClusterNotFoundException`, `NoSuchEntity`, our own `NotFoundError`. */
const NOT_FOUND = /(?:NotFound(?:Exception|Error)?|^NoSuch[A-Za-z]*)$/;

/** Names that can never succeed on retry, whatever status or flags they carry: something must change first. */
const FINAL = new Set([
  ...REJECTED_TOKEN,
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'ValidationError',
  'ValidationException',
  'InvalidParameterValue',
  'InvalidParameterException',
  'MissingParameter',
  'MalformedPolicyDocument',
  'MalformedPolicyDocumentException',
  'PackedPolicyTooLarge',
  'PackedPolicyTooLargeException',
  'RegionDisabledException',
  'InputError',
  'DeploymentFailedError',
  'TrustPolicyError',
]);

/** Throttling, transient server-side and IdP errors by name, for errors that arrive without a status. */
const TRANSIENT = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'IDPCommunicationError',
  'IDPCommunicationErrorException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalError',
  'InternalServerError',
  'ServerException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

/** Node/undici network failures: the request may never have reached the service. */
const TRANSIENT_ERRNOS = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/**
 * What kind of failure an error is, from the SDK error name (or `Code`/`code`), the SDK's
 * `$retryable` flag, `$metadata.httpStatusCode` (or `status`/`statusCode`) and the Node errno.
 * Follows `cause` (at most five levels), so an error wrapped with context classifies like the
 * original; `extraNotFound` adds the names with which one API says "not found".
 */
export function classifyAwsError(error: unknown, extraNotFound: readonly string[] = []): AwsErrorKind {
  for (let current = error, depth = 0; isObject(current) && depth < 5; current = current.cause, depth++) {
    for (const name of names(current)) {
      if (ACCESS_DENIED.has(name)) return 'access-denied';
      if (EXPIRED.has(name)) return 'expired-credentials';
      if (NOT_FOUND.test(name) || extraNotFound.includes(name)) return 'not-found';
      if (FINAL.has(name)) return 'final';
      if (TRANSIENT.has(name) || TRANSIENT_ERRNOS.has(name)) return 'transient';
    }
    if (isObject(current.$retryable)) return 'transient';
    const status = httpStatus(current);
    if (status !== undefined) {
      if (status === 429 || status >= 500) return 'transient';
      if (status === 403) return 'access-denied';
      if (status === 404) return 'not-found';
      return 'final';
    }
  }
  return 'final';
}

/** The SDK error name of an error or of what it wraps, for messages; undefined for a plain Error. */
export function awsErrorName(error: unknown): string | undefined {
  for (let current = error, depth = 0; isObject(current) && depth < 5; current = current.cause, depth++) {
    const [name] = names(current);
    if (name !== undefined) return name;
  }
  return undefined;
}

/** STS rejected the web-identity token itself (issuer, audience, signature), not the role's trust policy. */
export function isRejectedIdentityToken(error: unknown): boolean {
  return REJECTED_TOKEN.has(awsErrorName(error) ?? '');
}

function names(error: Record<string, unknown>): string[] {
  return [error.name, error.Code, error.code].filter((value): value is string => typeof value === 'string' && value !== 'Error');
}

function httpStatus(error: Record<string, unknown>): number | undefined {
  const metadata = error.$metadata;
  if (isObject(metadata) && typeof metadata.httpStatusCode === 'number') return metadata.httpStatusCode;
  if (typeof error.status === 'number') return error.status;
  if (typeof error.statusCode === 'number') return error.statusCode;
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** What the funnel needs from the action: a way to assume the role again, where the action has one. */
export interface AwsCallDeps {
  renewCredentials?: () => Promise<void>;
  log?: { info(line: string): void };
}

export interface AwsCallOptions {
  /** The resource the permission must cover, named in the access-denied hint (an ARN or `*`). */
  resource?: string;
  /** Names with which this API says "not found" besides the usual ones (ECS DescribeTaskDefinition: ClientException). */
  notFound?: readonly string[];
}

/**
 * Runs one AWS call. `what` reads as "describe service web in cluster prod"; `permission` is the IAM
 * action it needs. Expired credentials are renewed once (when the action can) and the call repeated.
 */
export async function awsCall<T>(
  deps: AwsCallDeps,
  what: string,
  permission: string,
  call: () => Promise<T>,
  options: AwsCallOptions = {},
): Promise<T> {
  try {
    return await call();
  } catch (error: unknown) {
    if (classifyAwsError(error, options.notFound) !== 'expired-credentials') throw explainAwsError(error, what, permission, options);
    if (!deps.renewCredentials) {
      throw new CredentialsExpiredError(
        `${what}: the AWS credentials expired (${errorMessage(error)}) and cannot be renewed. Give the job 'permissions: id-token: write' and run aws-credentials (ecs-deploy and ecs-rollback can then assume the role again), or ask for a longer session`,
        { cause: error },
      );
    }
    deps.log?.info(`The AWS credentials expired while trying to ${what}; assuming the role again`);
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
      throw explainAwsError(retryError, what, permission, options);
    }
  }
}

/** The error the funnel throws for a failed call: context first, then what kind of failure and its fix. */
export function explainAwsError(error: unknown, what: string, permission: string, options: AwsCallOptions = {}): Error {
  const message = errorMessage(error);
  const detail = `${awsErrorName(error) ?? 'error'}: ${message}`;
  switch (classifyAwsError(error, options.notFound)) {
    case 'access-denied':
      return new AccessDeniedError(
        `Failed to ${what}: access denied (${message}). The role needs the IAM permission ${permission}${options.resource ? ` on ${options.resource}` : ''}`,
        permission,
        { cause: error },
      );
    case 'expired-credentials':
      return new CredentialsExpiredError(`Failed to ${what}: the AWS credentials expired again right after renewal (${message})`, {
        cause: error,
      });
    case 'not-found':
      return new NotFoundError(`Failed to ${what}: not found (${detail})`, { cause: error });
    case 'transient':
      return new Error(`Failed to ${what}: ${transientReason(error)}, still after the SDK's retries (${detail})`, { cause: error });
    case 'final':
      return new Error(`Failed to ${what}: ${detail}`, { cause: error });
  }
}

/** Which transient failure it was, so that nobody goes looking for a permission that is not missing. */
function transientReason(error: unknown): string {
  const name = awsErrorName(error) ?? '';
  if (/thrott|TooManyRequests|SlowDown|RequestLimitExceeded|ProvisionedThroughput/i.test(name)) return 'AWS throttled the call';
  if (TRANSIENT_ERRNOS.has(name) || name === 'TimeoutError') return 'the connection to AWS failed';
  for (let current = error, depth = 0; isObject(current) && depth < 5; current = current.cause, depth++) {
    if (httpStatus(current) === 429) return 'AWS throttled the call';
  }
  return 'AWS failed temporarily';
}
