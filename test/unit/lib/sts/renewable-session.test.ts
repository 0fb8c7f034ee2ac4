import { describe, expect, test } from '@jest/globals';
import { renewSession } from '../../../../src/lib/sts/renew-session.js';
import { readRenewableSession, renewableSessionEnv, RENEW_ENV, type RenewableSession } from '../../../../src/lib/sts/renewable-session.js';
import { CLAIMS, fakeSts, instantRetry, makeJwt } from './fake-sts.js';

const session: RenewableSession = {
  region: 'eu-west-1',
  audience: 'sts.amazonaws.com',
  webIdentity: {
    roleArn: 'arn:aws:iam::111122223333:role/base',
    sessionName: 'GitHubActions',
    durationSeconds: 3600,
    policy: '{"Statement":[]}',
    managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  },
  chain: [{ roleArn: 'arn:aws:iam::444455556666:role/deploy', sessionName: 'chained', durationSeconds: 900, managedPolicyArns: [] }],
};

describe('renewable session variables', () => {
  test('round-trip through the environment', () => {
    const env: Record<string, string> = { ...renewableSessionEnv(session), AWS_REGION: 'eu-west-1' };
    expect(env[RENEW_ENV.roleArn]).toBe('arn:aws:iam::111122223333:role/base');
    expect(env[RENEW_ENV.duration]).toBe('3600');
    expect(env[RENEW_ENV.managedPolicies]).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(readRenewableSession(env)).toEqual(session);
  });

  test('a step without chaining exports an empty chain', () => {
    expect(renewableSessionEnv({ ...session, chain: [] })[RENEW_ENV.chain]).toBe('');
  });

  test('nothing to renew without a role or a region', () => {
    expect(readRenewableSession({})).toBeUndefined();
    expect(readRenewableSession({ [RENEW_ENV.roleArn]: 'arn:aws:iam::111122223333:role/base' })).toBeUndefined();
  });

  test('malformed values are errors, not silent defaults', () => {
    const env = { ...renewableSessionEnv(session), AWS_REGION: 'eu-west-1' };
    expect(() => readRenewableSession({ ...env, [RENEW_ENV.duration]: 'soon' })).toThrow(`${RENEW_ENV.duration} is not a whole number`);
    expect(() => readRenewableSession({ ...env, [RENEW_ENV.chain]: '{' })).toThrow('is not valid JSON');
    expect(() => readRenewableSession({ ...env, [RENEW_ENV.chain]: '[{"roleArn":1}]' })).toThrow('is not a list of role hops');
  });
});

describe('renewSession', () => {
  test('web identity with a fresh token, then each chained hop with the previous credentials', async () => {
    const { sts, calls } = fakeSts(['ok', 'ok']);
    const clients: unknown[] = [];
    const result = await renewSession(session, {
      getIdToken: async (audience) => makeJwt({ ...CLAIMS, aud: audience }),
      createSts: (_region, credentials) => {
        clients.push(credentials);
        return sts;
      },
      retry: instantRetry,
      log: () => undefined,
    });
    expect(calls.map((call) => [call.command, call.input.RoleArn])).toEqual([
      ['AssumeRoleWithWebIdentity', 'arn:aws:iam::111122223333:role/base'],
      ['AssumeRole', 'arn:aws:iam::444455556666:role/deploy'],
    ]);
    expect(clients[0]).toBeUndefined();
    expect(clients[1]).toMatchObject({ accessKeyId: expect.stringMatching(/^ASIAFAKE/) });
    expect(result.assumedRoleArn).toBe('arn:aws:sts::444455556666:assumed-role/deploy/chained');
  });
});
