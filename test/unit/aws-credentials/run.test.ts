import { describe, expect, test } from '@jest/globals';
import { runAwsCredentials, type AwsCredentialsDeps } from '../../../src/aws-credentials/run.js';
import type { AwsCredentialsInputs } from '../../../src/aws-credentials/inputs.js';
import { parseRoleToAssume } from '../../../src/lib/sts/role-to-assume.js';
import { buildSessionPolicy } from '../../../src/aws-credentials/session-policy.js';
import { RENEW_ENV } from '../../../src/lib/sts/renewable-session.js';
import { fakeRunner } from '../../fakes/runner.js';
import { CLAIMS, fakeSts, instantRetry, makeJwt, type Outcome } from '../lib/sts/fake-sts.js';

const base: AwsCredentialsInputs = {
  role: parseRoleToAssume('arn:aws:iam::111122223333:role/deploy', undefined, 'eu-west-1'),
  region: 'eu-west-1',
  audience: 'sts.amazonaws.com',
  sessionName: 'GitHubActions',
  durationSeconds: 3600,
  managedPolicyArns: [],
  outputCredentials: false,
  outputEnvCredentials: true,
  maskAwsAccountId: false,
  unsetCurrentCredentials: false,
  retryMaxAttempts: 5,
};

function harness(outcomes: Outcome[] = ['ok']) {
  const { sts, calls } = fakeSts(outcomes);
  const outputs: Record<string, string> = {};
  const env: [string, string][] = [];
  const state: Record<string, string> = {};
  const lines: string[] = [];
  let summary = '';
  const { runner } = fakeRunner();
  const deps: AwsCredentialsDeps = {
    ...runner,
    log: { ...runner.log, info: (line) => void lines.push(line) },
    getIdToken: async (audience) => makeJwt({ ...CLAIMS, aud: audience }),
    createSts: () => sts,
    setOutput: (name, value) => void (outputs[name] = value),
    exportVariable: (name, value) => void env.push([name, value]),
    saveState: (name, value) => void (state[name] = value),
    summary: { append: async (markdown) => void (summary += markdown) },
    retry: instantRetry,
  };
  return { deps, calls, outputs, env, state, lines, summary: () => summary };
}

describe('runAwsCredentials', () => {
  test('outputs, env and state as configure-aws-credentials, plus what ecs-deploy needs to renew', async () => {
    const h = harness();
    await runAwsCredentials(base, h.deps);
    expect(h.outputs).toEqual({
      'aws-account-id': '111122223333',
      'authenticated-arn': 'arn:aws:sts::111122223333:assumed-role/deploy/GitHubActions',
      'aws-expiration': '2030-01-01T01:00:00.000Z',
    });
    const env = Object.fromEntries(h.env);
    expect(env).toMatchObject({
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: expect.stringMatching(/^ASIAFAKE/),
      [RENEW_ENV.roleArn]: base.role.arn,
      [RENEW_ENV.audience]: 'sts.amazonaws.com',
    });
    expect(h.state).toEqual({ 'exported-credentials': 'true' });
    expect(h.summary()).toContain('No session policy');
  });

  test('output-credentials sets them as outputs; output-env-credentials false keeps them out of the env', async () => {
    const h = harness();
    await runAwsCredentials({ ...base, outputCredentials: true, outputEnvCredentials: false }, h.deps);
    expect(Object.keys(h.outputs)).toEqual(expect.arrayContaining(['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token']));
    expect(h.env.map(([name]) => name)).not.toContain('AWS_ACCESS_KEY_ID');
    expect(h.env.map(([name]) => name)).toContain('AWS_REGION');
    expect(h.state).toEqual({});
  });

  test('unset-current-credentials blanks the old ones for later steps first', async () => {
    const h = harness();
    await runAwsCredentials({ ...base, unsetCurrentCredentials: true, outputEnvCredentials: false }, h.deps);
    expect(h.env.slice(0, 3)).toEqual([
      ['AWS_ACCESS_KEY_ID', ''],
      ['AWS_SECRET_ACCESS_KEY', ''],
      ['AWS_SESSION_TOKEN', ''],
    ]);
  });

  test('the summary shows the effective policy and redacts a masked account', async () => {
    const h = harness();
    const sessionPolicy = buildSessionPolicy({
      inline: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'ecs:DescribeServices', Resource: 'arn:aws:ecs:eu-west-1:111122223333:service/prod/web' }],
      },
    });
    await runAwsCredentials({ ...base, maskAwsAccountId: true, ...(sessionPolicy ? { sessionPolicy } : {}) }, h.deps);
    expect(h.summary()).toContain('### Effective session policy');
    expect(h.summary()).toContain('"ecs:DescribeServices"');
    expect(h.summary()).toContain('arn:aws:ecs:eu-west-1:***:service/prod/web');
    expect(h.summary()).not.toContain('111122223333');
  });

  test('role chaining calls AssumeRole and extends the renewable chain', async () => {
    const h = harness();
    const previous = {
      region: 'eu-west-1',
      audience: 'sts.amazonaws.com',
      webIdentity: {
        roleArn: 'arn:aws:iam::111122223333:role/base',
        sessionName: 'GitHubActions',
        durationSeconds: 3600,
        managedPolicyArns: [],
      },
      chain: [],
    };
    await runAwsCredentials(
      { ...base, chainFrom: { credentials: { accessKeyId: 'ASIAOLDOLDOLD', secretAccessKey: 'old-secret' }, previous } },
      h.deps,
    );
    expect(h.calls[0]?.command).toBe('AssumeRole');
    const env = Object.fromEntries(h.env);
    expect(env[RENEW_ENV.roleArn]).toBe('arn:aws:iam::111122223333:role/base');
    expect(JSON.parse(env[RENEW_ENV.chain] ?? '[]')).toEqual([
      { roleArn: base.role.arn, sessionName: 'GitHubActions', durationSeconds: 3600, managedPolicyArns: [] },
    ]);
  });
});
