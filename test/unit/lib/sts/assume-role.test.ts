import { describe, expect, test } from '@jest/globals';
import { assumeRoleWithCredentials, assumeRoleWithWebIdentity, type AssumeRoleRequest } from '../../../../src/lib/sts/assume-role.js';
import { parseRoleToAssume } from '../../../../src/lib/sts/role-to-assume.js';
import { redactSecrets } from '../../../../src/lib/secrets.js';
import { CLAIMS, fakeSts, instantRetry, makeJwt, stsError } from './fake-sts.js';

const request: AssumeRoleRequest = {
  role: parseRoleToAssume('arn:aws:iam::111122223333:role/deploy', undefined, 'us-east-1'),
  sessionName: 'GitHubActions',
  durationSeconds: 900,
  policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
  managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
};

function tokens() {
  const issued: string[] = [];
  return {
    issued,
    getIdToken: async (audience: string) => {
      const token = makeJwt({ ...CLAIMS, aud: audience, jti: String(issued.length) });
      issued.push(token);
      return token;
    },
  };
}

describe('assumeRoleWithWebIdentity', () => {
  test('sends the request, returns the session and masks every credential', async () => {
    const { sts, calls } = fakeSts(['ok']);
    const { getIdToken, issued } = tokens();
    const session = await assumeRoleWithWebIdentity(request, 'sts.amazonaws.com', {
      sts,
      getIdToken,
      retry: instantRetry,
      log: () => undefined,
    });
    expect(calls[0]?.input).toEqual({
      RoleArn: 'arn:aws:iam::111122223333:role/deploy',
      RoleSessionName: 'GitHubActions',
      DurationSeconds: 900,
      Policy: request.policy,
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      WebIdentityToken: issued[0],
    });
    expect(session.accountId).toBe('111122223333');
    expect(session.assumedRoleArn).toBe('arn:aws:sts::111122223333:assumed-role/deploy/GitHubActions');
    const { accessKeyId, secretAccessKey, sessionToken } = session.credentials;
    expect(redactSecrets(`${accessKeyId} ${secretAccessKey} ${sessionToken} ${issued[0]}`)).toBe('*** *** *** ***');
  });

  test('retries throttling and 5xx with a fresh token for every attempt', async () => {
    const { sts, calls } = fakeSts([
      stsError('Throttling', 400),
      stsError('ServiceUnavailable', 503),
      stsError('IDPCommunicationErrorException', 400),
      'ok',
    ]);
    const { getIdToken, issued } = tokens();
    const log: string[] = [];
    await assumeRoleWithWebIdentity(request, 'sts.amazonaws.com', { sts, getIdToken, retry: instantRetry, log: (line) => log.push(line) });
    expect(calls).toHaveLength(4);
    expect(new Set(calls.map((call) => call.input.WebIdentityToken)).size).toBe(4);
    expect(calls.map((call) => call.input.WebIdentityToken)).toEqual(issued);
    expect(log[0]).toMatch(/^retry\(sts:AssumeRoleWithWebIdentity\): attempt 1 of 5 failed/);
  });

  test('AccessDenied fails at once, explained', async () => {
    const { sts, calls } = fakeSts([stsError('AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithWebIdentity')]);
    const failure = assumeRoleWithWebIdentity(request, 'sts.amazonaws.com', {
      sts,
      ...tokens(),
      retry: instantRetry,
      log: () => undefined,
    });
    await expect(failure).rejects.toThrow(/sub "repo:acme\/web:ref:refs\/heads\/main"/);
    expect(calls).toHaveLength(1);
  });

  // A rejected token is explained (TrustPolicyError, the STS error as cause); the others reach the caller unchanged.
  test.each([
    ['InvalidIdentityTokenException', 'TrustPolicyError'],
    ['ExpiredTokenException', 'ExpiredTokenException'],
    ['ValidationError', 'ValidationError'],
    ['MalformedPolicyDocumentException', 'MalformedPolicyDocumentException'],
    ['PackedPolicyTooLargeException', 'PackedPolicyTooLargeException'],
  ])('%s is not retried', async (name, thrown) => {
    const { sts, calls } = fakeSts([stsError(name, 400)]);
    const error = await assumeRoleWithWebIdentity(request, 'sts.amazonaws.com', {
      sts,
      ...tokens(),
      retry: instantRetry,
      log: () => undefined,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: thrown });
    if (thrown !== name) expect((error as Error).cause).toMatchObject({ name });
    expect(calls).toHaveLength(1);
  });

  test('gives up after maxAttempts with the last error', async () => {
    const { sts, calls } = fakeSts(Array.from({ length: 5 }, () => stsError('Throttling', 400, 'Rate exceeded')));
    await expect(
      assumeRoleWithWebIdentity(request, 'sts.amazonaws.com', {
        sts,
        ...tokens(),
        retry: { ...instantRetry, maxAttempts: 3 },
        log: () => undefined,
      }),
    ).rejects.toThrow('Rate exceeded');
    expect(calls).toHaveLength(3);
  });

  test('an incomplete STS answer is an error, not undefined credentials', async () => {
    const sts = {
      send: async () => ({
        Credentials: { AccessKeyId: 'ASIAXXXXXXXX' },
        AssumedRoleUser: { Arn: 'arn:aws:sts::111122223333:assumed-role/deploy/x' },
      }),
    };
    await expect(
      assumeRoleWithWebIdentity(request, 'sts.amazonaws.com', {
        sts: sts as never,
        ...tokens(),
        retry: instantRetry,
        log: () => undefined,
      }),
    ).rejects.toThrow('without complete credentials');
  });
});

describe('assumeRoleWithCredentials', () => {
  test('AssumeRole without a token; AccessDenied explained with the source role', async () => {
    const { sts, calls } = fakeSts(['ok', stsError('AccessDenied', 403)]);
    const session = await assumeRoleWithCredentials({ ...request, managedPolicyArns: [] }, undefined, {
      sts,
      retry: instantRetry,
      log: () => undefined,
    });
    expect(calls[0]?.command).toBe('AssumeRole');
    expect(calls[0]?.input).not.toHaveProperty('WebIdentityToken');
    expect(calls[0]?.input).not.toHaveProperty('PolicyArns');
    expect(session.accountId).toBe('111122223333');
    await expect(
      assumeRoleWithCredentials(request, 'arn:aws:iam::111122223333:role/base', { sts, retry: instantRetry, log: () => undefined }),
    ).rejects.toThrow('{"AWS": "arn:aws:iam::111122223333:role/base"}');
  });
});
