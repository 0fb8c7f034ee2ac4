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
