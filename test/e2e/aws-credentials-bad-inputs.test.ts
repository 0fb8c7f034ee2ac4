import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Sandbox } from '../../sandbox/index.js';
import { ACCOUNT, ROLE, runCredentials, startCredentialsSandbox, stsCalls } from './aws-credentials-helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startCredentialsSandbox();
});
afterAll(async () => {
  await sandbox?.stop();
});

const policy = (statement: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const allowAll = { Effect: 'Allow', Action: 'ecs:DescribeServices', Resource: '*' };
const longPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ ...allowAll, Resource: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/${'x'.repeat(2_000)}` }],
});
const oldCredentials = {
  AWS_ACCESS_KEY_ID: 'ASIAPLANTEDOLDKEY0001',
  AWS_SECRET_ACCESS_KEY: 'planted-old-secret-key-value',
  AWS_SESSION_TOKEN: 'planted-old-session-token',
};

/** [what is wrong, inputs (on top of role-to-assume and aws-region), the input the error must name, extra env]. */
const CASES: [string, Record<string, string>, string, Record<string, string>?][] = [
  ['role-to-assume missing', { 'role-to-assume': '' }, 'role-to-assume'],
  ['a user ARN', { 'role-to-assume': `arn:aws:iam::${ACCOUNT}:user/deploy` }, 'role-to-assume'],
  ['an unknown partition', { 'role-to-assume': `arn:aws-gov:iam::${ACCOUNT}:role/deploy` }, 'role-to-assume'],
  ['a short account in the ARN', { 'role-to-assume': 'arn:aws:iam::12345:role/deploy' }, 'role-to-assume'],
  ['a role name with a space', { 'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/my role` }, 'role-to-assume'],
  ['a role name without aws-account-id', { 'role-to-assume': 'gha-deploy' }, 'role-to-assume'],
  ['a malformed aws-account-id', { 'role-to-assume': 'gha-deploy', 'aws-account-id': '1234-5678-9012' }, 'aws-account-id'],
  ['aws-account-id contradicting the ARN', { 'aws-account-id': '210987654321' }, 'aws-account-id'],
  ['a region that does not exist', { 'aws-region': 'mars-north-1a' }, 'aws-region'],
  ['two audiences', { audience: 'sts.amazonaws.com,other' }, 'audience'],
  ['a one-character session name', { 'role-session-name': 'x' }, 'role-session-name'],
  ['a session name with a space', { 'role-session-name': 'deploy run' }, 'role-session-name'],
  ['a 65-character session name', { 'role-session-name': 'a'.repeat(65) }, 'role-session-name'],
  ['a duration under 900 s', { 'role-duration-seconds': '899' }, 'role-duration-seconds'],
  ['a duration over 12 h', { 'role-duration-seconds': '43201' }, 'role-duration-seconds'],
  ['a duration with a unit', { 'role-duration-seconds': '1h' }, 'role-duration-seconds'],
  ['over an hour when chaining', { 'role-duration-seconds': '7200', 'role-chaining': 'true' }, 'role-duration-seconds', oldCredentials],
  ['an unknown preset', { 'session-policy': 'admin' }, 'session-policy'],
  ['ecr-push without repositories', { 'session-policy': 'ecr-push' }, 'ecr-repositories'],
  ['a scoping input without a preset', { 'ecr-repositories': 'web' }, 'ecr-repositories'],
  ['an upper-case repository', { 'session-policy': 'ecr-push', 'ecr-repositories': 'Web' }, 'ecr-repositories'],
  [
    'an image URI as repository',
    { 'session-policy': 'ecr-push', 'ecr-repositories': `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web` },
    'ecr-repositories',
  ],
  ['a scoping input of another preset', { 'session-policy': 'ecr-push', 'ecr-repositories': 'web', 'ecs-cluster': 'prod' }, 'ecs-cluster'],
  ['ecs-deploy without services', { 'session-policy': 'ecs-deploy', 'ecs-cluster': 'prod' }, 'ecs-services'],
  ['ecs-deploy without a cluster', { 'session-policy': 'ecs-deploy', 'ecs-services': 'web' }, 'ecs-cluster'],
  [
    'a service of another cluster',
    { 'session-policy': 'ecs-deploy', 'ecs-cluster': 'prod', 'ecs-services': `arn:aws:ecs:us-east-1:${ACCOUNT}:service/staging/web` },
    'ecs-services',
  ],
  [
    'a pass-role that is a user',
    { 'session-policy': 'ecs-deploy', 'ecs-cluster': 'prod', 'ecs-services': 'web', 'pass-roles': `arn:aws:iam::${ACCOUNT}:user/x` },
    'pass-roles',
  ],
  [
    'a state bucket given as URL',
    { 'session-policy': 'terraform-plan', 'terraform-state-bucket': 's3://acme-state' },
    'terraform-state-bucket',
  ],
  [
    'a two-character lock table',
    { 'session-policy': 'terraform-plan', 'terraform-state-bucket': 'acme-state', 'terraform-lock-table': 'tf' },
    'terraform-lock-table',
  ],
  ['invalid JSON', { 'inline-session-policy': '{"Version": "2012-10-17",' }, 'inline-session-policy'],
  ['a policy file that does not exist', { 'inline-session-policy': 'policies/missing.json' }, 'inline-session-policy'],
  ['a Principal in a session policy', { 'inline-session-policy': policy({ ...allowAll, Principal: '*' }) }, 'inline-session-policy'],
  ['a lower-case Effect', { 'inline-session-policy': policy({ ...allowAll, Effect: 'allow' }) }, 'inline-session-policy'],
  [
    'an action without a service',
    { 'inline-session-policy': policy({ ...allowAll, Action: 'DescribeServices' }) },
    'inline-session-policy',
  ],
  ['a policy over 2,048 characters', { 'inline-session-policy': longPolicy }, 'inline-session-policy'],
  [
    'a Sid clashing with the preset',
    { 'session-policy': 'ecr-push', 'ecr-repositories': 'web', 'inline-session-policy': policy({ ...allowAll, Sid: 'EcrPush' }) },
    'inline-session-policy',
  ],
  [
    'eleven managed policies',
    { 'managed-session-policies': Array.from({ length: 11 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`).join('\n') },
    'managed-session-policies',
  ],
  ['a policy name instead of an ARN', { 'managed-session-policies': 'ReadOnlyAccess' }, 'managed-session-policies'],
  [
    'a managed policy listed twice',
    { 'managed-session-policies': 'arn:aws:iam::aws:policy/A\narn:aws:iam::aws:policy/A' },
    'managed-session-policies',
  ],
  ['a managed policy of another partition', { 'managed-session-policies': 'arn:aws-cn:iam::aws:policy/A' }, 'managed-session-policies'],
  [
    'ten long managed policy ARNs, over 2,048 characters together',
    {
      'managed-session-policies': Array.from(
        { length: 10 },
        (_, i) => `arn:aws:iam::${ACCOUNT}:policy/${'team/'.repeat(12)}${'p'.repeat(120)}${i}`,
      ).join('\n'),
    },
    'managed-session-policies',
  ],
  [
    'a CodeDeploy application without its deployment group',
    { 'session-policy': 'ecs-deploy', 'ecs-cluster': 'prod', 'ecs-services': 'web', 'codedeploy-application': 'AppECS-prod-web' },
    'codedeploy-deployment-group',
  ],
  [
    'a CodeDeploy deployment group given as an ARN',
    {
      'session-policy': 'ecs-deploy',
      'ecs-cluster': 'prod',
      'ecs-services': 'web',
      'codedeploy-application': 'AppECS-prod-web',
      'codedeploy-deployment-group': `arn:aws:codedeploy:us-east-1:${ACCOUNT}:deploymentgroup:AppECS-prod-web/DgpECS-prod-web`,
    },
    'codedeploy-deployment-group',
  ],
  ['a CodeDeploy application without a preset', { 'codedeploy-application': 'AppECS-prod-web' }, 'codedeploy-application'],
  ['role-chaining that is not a boolean', { 'role-chaining': 'yes' }, 'role-chaining'],
  ['role-chaining without current credentials', { 'role-chaining': 'true' }, 'role-chaining'],
  ['output-credentials that is not a boolean', { 'output-credentials': 'maybe' }, 'output-credentials'],
  ['output-env-credentials as 1', { 'output-env-credentials': '1' }, 'output-env-credentials'],
  ['mask-aws-account-id as on', { 'mask-aws-account-id': 'on' }, 'mask-aws-account-id'],
  [
    'unset-current-credentials with role-chaining',
    { 'role-chaining': 'true', 'unset-current-credentials': 'true' },
    'unset-current-credentials',
    oldCredentials,
  ],
  ['zero retry attempts', { 'retry-max-attempts': '0' }, 'retry-max-attempts'],
  ['retry attempts in words', { 'retry-max-attempts': 'five' }, 'retry-max-attempts'],
];

describe('aws-credentials bad inputs (bundle)', () => {
  test(`covers at least 30 cases (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  // Reordered so the title reads "<what is wrong> → … naming <input>".
  const table = CASES.map(([label, inputs, input, env]) => [label, input, inputs, env ?? {}] as const);
  test.each(table)('%s → exit 1, one error naming %s, no STS call', async (_label, input, inputs, env) => {
    const before = stsCalls(sandbox);
    const tokens = sandbox.admin.identity.oidc.issuedTokens().length;
    const r = await runCredentials(sandbox, { 'role-to-assume': ROLE, ...inputs }, env);
    expect(r.exitCode).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(new RegExp(`^Input '${input}': `));
    expect(r.stdout).not.toMatch(/\n\s+at /); // no stack trace without RUNNER_DEBUG
    expect(stsCalls(sandbox)).toBe(before);
    expect(sandbox.admin.identity.oidc.issuedTokens().length).toBe(tokens);
    expect(r.env).toEqual({});
    for (const value of Object.values(oldCredentials)) expect(r.stdout + r.stderr).not.toContain(value);
  });

  test('a job without id-token: write is told how to grant it, before any call', async () => {
    const before = stsCalls(sandbox);
    const r = await runCredentials(
      sandbox,
      { 'role-to-assume': ROLE },
      { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' },
    );
    expect(r.exitCode).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('permissions: id-token: write');
    expect(stsCalls(sandbox)).toBe(before);
  });
});
