import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { readAwsCredentialsInputs } from '../../../src/aws-credentials/inputs.js';
import { Inputs } from '../../../src/lib/inputs.js';
import { InputError } from '../../../src/lib/errors.js';

const ROOT = new URL('../../../', import.meta.url);
const metadata = parseYaml(readFileSync(new URL('actions/aws-credentials/action.yml', ROOT), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
};
const OIDC_ENV = { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1/token?x=1', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runtime-token' };

/** Inputs with action.yml defaults applied, as the runner does. */
function read(given: Record<string, string>, env: NodeJS.ProcessEnv = OIDC_ENV) {
  const values = {
    ...Object.fromEntries(
      Object.entries(metadata.inputs).flatMap(([name, spec]) => (spec.default === undefined ? [] : [[name, spec.default]])),
    ),
    ...given,
  };
  return readAwsCredentialsInputs(new Inputs((name) => values[name] ?? ''), env);
}

describe('readAwsCredentialsInputs', () => {
  test('reads exactly the inputs action.yml declares, by literal name', () => {
    const source = readFileSync(new URL('src/aws-credentials/inputs.ts', ROOT), 'utf8');
    const read = new Set([...source.matchAll(/\binput\.\w+\('([a-z-]+)'/g)].map((match) => match[1]));
    expect([...read].sort()).toEqual(Object.keys(metadata.inputs).sort());
  });

  test('defaults', () => {
    const inputs = read({ 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy', 'aws-region': 'us-east-1' });
    expect(inputs).toMatchObject({
      audience: 'sts.amazonaws.com',
      sessionName: 'GitHubActions',
      durationSeconds: 3600,
      outputEnvCredentials: true,
      outputCredentials: false,
      retryMaxAttempts: 5,
      managedPolicyArns: [],
    });
    expect(inputs.sessionPolicy).toBeUndefined();
    expect(inputs.chainFrom).toBeUndefined();
  });

  test('the region falls back to AWS_REGION', () => {
    expect(read({ 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy' }, { ...OIDC_ENV, AWS_REGION: 'eu-west-2' }).region).toBe(
      'eu-west-2',
    );
  });

  test('a preset with its scope becomes the session policy', () => {
    const inputs = read({
      'role-to-assume': 'deploy',
      'aws-account-id': '123456789012',
      'aws-region': 'us-east-1',
      'session-policy': 'ecr-push',
      'ecr-repositories': 'web, team/worker',
    });
    expect(inputs.sessionPolicy?.sources).toEqual(['session-policy: ecr-push']);
    expect(inputs.sessionPolicy?.minified).toContain('arn:aws:ecr:us-east-1:123456789012:repository/team/worker');
  });

  test('codedeploy-application and codedeploy-deployment-group add the CodeDeploy statement to ecs-deploy', () => {
    const inputs = read({
      'role-to-assume': 'arn:aws:iam::123456789012:role/deploy',
      'aws-region': 'us-east-1',
      'session-policy': 'ecs-deploy',
      'ecs-cluster': 'prod',
      'ecs-services': 'web',
      'codedeploy-application': 'AppECS-prod-web',
      'codedeploy-deployment-group': 'DgpECS-prod-web',
    });
    expect(inputs.sessionPolicy?.minified).toContain(
      '"arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:AppECS-prod-web/DgpECS-prod-web"',
    );
  });

  describe('the inline policy and the managed policy ARNs share the 2,048-character plaintext limit', () => {
    const arn = 'arn:aws:iam::123456789012:policy/ecs-read';
    /** An inline policy of exactly `length` characters minified. */
    const inlineOf = (length: number) => {
      const policy = { Version: '2012-10-17', Statement: [{ Sid: 'P', Effect: 'Allow', Action: 'ecs:DescribeServices', Resource: '*' }] };
      policy.Statement[0]!.Sid = 'P'.repeat(length - JSON.stringify(policy).length + 1);
      return JSON.stringify(policy);
    };
    const base = { 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy', 'aws-region': 'us-east-1', 'managed-session-policies': arn };

    test('exactly 2,048 together is accepted', () => {
      const inputs = read({ ...base, 'inline-session-policy': inlineOf(2048 - arn.length) });
      expect(inputs.sessionPolicy!.minified.length + arn.length).toBe(2048);
    });

    test('one more fails before any call, naming managed-session-policies and the excess', () => {
      const run = () => read({ ...base, 'inline-session-policy': inlineOf(2049 - arn.length) });
      expect(run).toThrow(
        `Input 'managed-session-policies': the inline session policy (${(2049 - arn.length).toLocaleString('en-US')} characters minified) and the 1 managed policy ARN (${arn.length} characters) come to 2,049 characters, 1 over the 2,048 STS allows for inline and managed session policies together. Shorten the inline policy by at least 1 character, or list fewer managed policies`,
      );
    });

    test('a preset counts as the inline policy', () => {
      const inputs = read({ ...base, 'session-policy': 'ecs-deploy', 'ecs-cluster': 'prod', 'ecs-services': 'web' });
      expect(inputs.managedPolicyArns).toEqual([arn]);
      // A CodeDeploy preset for one service, two roles and a team's names fits alone (2,018 characters), not with the ARN.
      const codedeploy = {
        'session-policy': 'ecs-deploy',
        'ecs-cluster': 'production',
        'ecs-services': 'phoenix-api',
        'pass-roles': 'phoenix-api-task, ecsTaskExecutionRole',
        'codedeploy-application': 'phoenix-api-production',
        'codedeploy-deployment-group': 'phoenix-api-production',
      };
      const { 'managed-session-policies': _arn, ...withoutManaged } = base;
      expect(read({ ...withoutManaged, ...codedeploy }).sessionPolicy?.minified.length).toBe(2018);
      expect(() => read({ ...base, ...codedeploy })).toThrow(
        `Input 'managed-session-policies': the inline session policy (2,018 characters minified) and the 1 managed policy ARN (${arn.length} characters) come to ${(2018 + arn.length).toLocaleString('en-US')} characters`,
      );
    });
  });

  test('role chaining takes the current credentials and needs no OIDC', () => {
    const inputs = read(
      { 'role-to-assume': 'arn:aws:iam::123456789012:role/next', 'aws-region': 'us-east-1', 'role-chaining': 'true' },
      { AWS_ACCESS_KEY_ID: 'ASIAOLD', AWS_SECRET_ACCESS_KEY: 'old', AWS_SESSION_TOKEN: 'tok' },
    );
    expect(inputs.chainFrom?.credentials).toEqual({ accessKeyId: 'ASIAOLD', secretAccessKey: 'old', sessionToken: 'tok' });
  });

  test('without id-token: write the error says how to grant it', () => {
    expect(() => read({ 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy', 'aws-region': 'us-east-1' }, {})).toThrow(
      'permissions: id-token: write',
    );
  });

  test.each([
    [{ 'role-duration-seconds': '7200', 'role-chaining': 'true' }, 'role-duration-seconds', 'chained role session'],
    [{ 'role-chaining': 'true', 'unset-current-credentials': 'true' }, 'unset-current-credentials', 'cannot be combined'],
    [{ audience: 'a b' }, 'audience', 'contains spaces'],
    [{ 'retry-max-attempts': '0' }, 'retry-max-attempts', 'out of range'],
  ])('%j fails on %s', (given, input, problem) => {
    const env = { ...OIDC_ENV, AWS_ACCESS_KEY_ID: 'ASIAOLD', AWS_SECRET_ACCESS_KEY: 'old' };
    const run = () => read({ 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy', 'aws-region': 'us-east-1', ...given }, env);
    expect(run).toThrow(problem);
    expect(run).toThrow(InputError);
    try {
      run();
    } catch (error) {
      expect((error as InputError).input).toBe(input);
    }
  });
});

describe('README', () => {
  test('documents every input and output of action.yml', () => {
    const readme = readFileSync(new URL('actions/aws-credentials/README.md', ROOT), 'utf8');
    const outputs = (
      parseYaml(readFileSync(new URL('actions/aws-credentials/action.yml', ROOT), 'utf8')) as { outputs: Record<string, unknown> }
    ).outputs;
    for (const name of [...Object.keys(metadata.inputs), ...Object.keys(outputs)]) expect(readme).toContain(`| \`${name}\` |`);
  });
});
