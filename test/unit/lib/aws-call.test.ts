import { describe, expect, jest, test } from '@jest/globals';
import {
  AccessDeniedError,
  awsCall,
  awsErrorName,
  classifyAwsError,
  CredentialsExpiredError,
  isRejectedIdentityToken,
  type AwsErrorKind,
} from '../../../src/lib/aws-call.js';
import { InputError, NotFoundError, withContext } from '../../../src/lib/errors.js';

/** An error shaped like the SDK's ServiceException: name, $metadata.httpStatusCode, optional $retryable. */
function sdkError(name: string, status?: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} happened`), {
    name,
    $metadata: status === undefined ? {} : { httpStatusCode: status },
    ...extra,
  });
}

function errnoError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
}

describe('classifyAwsError', () => {
  test.each<[string, unknown, AwsErrorKind]>([
    ['AccessDeniedException (400)', sdkError('AccessDeniedException', 400), 'access-denied'],
    ['AccessDenied (403)', sdkError('AccessDenied', 403), 'access-denied'],
    ['UnauthorizedOperation', sdkError('UnauthorizedOperation', 403), 'access-denied'],
    ['an unnamed 403', sdkError('Error', 403), 'access-denied'],
    ['ExpiredTokenException', sdkError('ExpiredTokenException', 400), 'expired-credentials'],
    ['RequestExpired', sdkError('RequestExpired', 400), 'expired-credentials'],
    ['ThrottlingException (400)', sdkError('ThrottlingException', 400), 'transient'],
    ['TooManyRequestsException', sdkError('TooManyRequestsException', 429), 'transient'],
    ['an unnamed 429', sdkError('Error', 429), 'transient'],
    ['ServiceUnavailable (503)', sdkError('ServiceUnavailable', 503), 'transient'],
    ['an unknown 500', sdkError('SomethingBroke', 500), 'transient'],
    ['$retryable without a known name', sdkError('Weird', 400, { $retryable: { throttling: true } }), 'transient'],
    ['ECONNRESET', errnoError('ECONNRESET'), 'transient'],
    ['UND_ERR_CONNECT_TIMEOUT', errnoError('UND_ERR_CONNECT_TIMEOUT'), 'transient'],
    ['TimeoutError', Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 'transient'],
    ['RepositoryNotFoundException', sdkError('RepositoryNotFoundException', 400), 'not-found'],
    ['ClusterNotFoundException', sdkError('ClusterNotFoundException', 400), 'not-found'],
    ['TargetGroupNotFound', sdkError('TargetGroupNotFound', 400), 'not-found'],
    ['NoSuchEntity', sdkError('NoSuchEntity', 404), 'not-found'],
    ['an unnamed 404', sdkError('Error', 404), 'not-found'],
    ['our NotFoundError', new NotFoundError('no such service'), 'not-found'],
    ['ValidationException (even as a 500)', sdkError('ValidationException', 500), 'final'],
    ['InvalidIdentityTokenException', sdkError('InvalidIdentityTokenException', 400), 'final'],
    ['ClientException (400)', sdkError('ClientException', 400), 'final'],
    ['an InputError', new InputError('service', 'bad'), 'final'],
    ['a plain Error', new Error('boom'), 'final'],
    ['a string', 'boom', 'final'],
    ['undefined', undefined, 'final'],
  ])('%s', (_label, error, kind) => {
    expect(classifyAwsError(error)).toBe(kind);
  });

  test('follows cause, so an error wrapped with context classifies like the original', () => {
    expect(classifyAwsError(withContext('deploying', sdkError('ThrottlingException', 400)))).toBe('transient');
    expect(classifyAwsError(withContext('deploying', sdkError('AccessDeniedException', 400)))).toBe('access-denied');
  });

  test('a call site may add the names its API uses for "not found"', () => {
    const error = sdkError('ClientException', 400);
    expect(classifyAwsError(error, ['ClientException'])).toBe('not-found');
  });

  test('reads names from Code and code too, and tells a rejected OIDC token apart', () => {
    expect(classifyAwsError({ Code: 'AccessDenied', message: 'x' })).toBe('access-denied');
    expect(awsErrorName(withContext('x', sdkError('IDPRejectedClaimException', 400)))).toBe('IDPRejectedClaimException');
    expect(isRejectedIdentityToken(sdkError('IDPRejectedClaimException', 400))).toBe(true);
    expect(isRejectedIdentityToken(sdkError('AccessDenied', 403))).toBe(false);
  });
});

describe('awsCall', () => {
  const what = 'describe repository web in us-east-1';
  const failing = (error: unknown) => () => Promise.reject(error);

  test('adds the IAM permission and its resource only to access denied', async () => {
    const error = await awsCall({}, what, 'ecr:DescribeRepositories', failing(sdkError('AccessDeniedException', 400)), {
      resource: 'arn:aws:ecr:us-east-1:123456789012:repository/web',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect((error as AccessDeniedError).permission).toBe('ecr:DescribeRepositories');
    expect((error as Error).message).toBe(
      'Failed to describe repository web in us-east-1: access denied (AccessDeniedException happened). The role needs the IAM permission ecr:DescribeRepositories on arn:aws:ecr:us-east-1:123456789012:repository/web',
    );
  });

  test.each([
    [sdkError('ThrottlingException', 400), 'AWS throttled the call'],
    [sdkError('InternalFailure', 500), 'AWS failed temporarily'],
    [errnoError('ECONNRESET'), 'the connection to AWS failed'],
  ])('says a transient failure outlived the retries, and names no permission (%#)', async (cause, reason) => {
    const error = await awsCall({}, what, 'ecr:DescribeRepositories', failing(cause)).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(AccessDeniedError);
    expect((error as Error).message).toMatch(
      new RegExp(`^Failed to describe repository web in us-east-1: ${reason}, still after the SDK's retries \\(`),
    );
    expect((error as Error).message).not.toMatch(/permission|role needs/);
    expect((error as Error).cause).toBe(cause);
  });

  test('maps not found to NotFoundError and keeps other final errors as they are, with context', async () => {
    const missing = await awsCall({}, what, 'ecr:DescribeRepositories', failing(sdkError('RepositoryNotFoundException', 400))).catch(
      (caught: unknown) => caught,
    );
    expect(missing).toBeInstanceOf(NotFoundError);
    const invalid = await awsCall({}, what, 'ecr:DescribeRepositories', failing(sdkError('InvalidParameterException', 400))).catch(
      (caught: unknown) => caught,
    );
    expect((invalid as Error).message).toBe(
      'Failed to describe repository web in us-east-1: InvalidParameterException: InvalidParameterException happened',
    );
  });

  test('expired credentials without a way to renew them say so', async () => {
    const error = await awsCall({}, what, 'ecr:DescribeRepositories', failing(sdkError('ExpiredTokenException', 400))).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CredentialsExpiredError);
    expect((error as Error).message).toMatch(/the AWS credentials expired \(.*\) and cannot be renewed/);
  });

  test('expired credentials are renewed once and the call repeated', async () => {
    const renewCredentials = jest.fn(() => Promise.resolve());
    const lines: string[] = [];
    let calls = 0;
    const result = await awsCall({ renewCredentials, log: { info: (line) => lines.push(line) } }, what, 'ecr:DescribeRepositories', () =>
      ++calls === 1 ? Promise.reject(sdkError('ExpiredToken', 403)) : Promise.resolve('ok'),
    );
    expect(result).toBe('ok');
    expect(renewCredentials).toHaveBeenCalledTimes(1);
    expect(lines).toEqual([`The AWS credentials expired while trying to ${what}; assuming the role again`]);
  });
});
