import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Sandbox } from '../../sandbox/index.js';
import {
  ACCOUNT,
  CHAINED_ROLE,
  MANAGED_POLICY,
  ROLE,
  expectMasked,
  expectNoLeaks,
  runCredentials,
  startCredentialsSandbox,
  stsCalls,
} from './aws-credentials-helpers.js';
import type { ActionResult } from '../../sandbox/runner/run-action.js';

let sandbox: Sandbox;
const results: ActionResult[] = [];
const run = async (inputs: Record<string, string>, env: Record<string, string> = {}) => {
  const result = await runCredentials(sandbox, inputs, env);
  results.push(result);
  return result;
};

beforeAll(async () => {
  sandbox = await startCredentialsSandbox();
});
afterAll(async () => {
  await sandbox?.stop();
});

describe('aws-credentials (bundle against the sandbox)', () => {
  test('assumes the role with an inline session policy; outputs, env and summary as documented', async () => {
    const policy =
      '{\n "Version": "2012-10-17",\n "Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "ecs:DescribeServices", "Resource": "*"}]\n}';
    const r = await run({ 'role-to-assume': ROLE, 'inline-session-policy': policy, 'role-duration-seconds': '900' });
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBe(0);
    const session = sandbox.admin.identity.sessions().at(-1)!;
    expect(session.roleArn).toBe(ROLE);
    expect(r.outputs).toEqual({
      'aws-account-id': ACCOUNT,
      'authenticated-arn': session.arn,
      'aws-expiration': expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(r.env).toMatchObject({
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: session.accessKeyId,
      AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
      AWS_SESSION_TOKEN: session.sessionToken,
      ECS_DELIVERY_ROLE_ARN: ROLE,
      ECS_DELIVERY_ROLE_SESSION_NAME: 'GitHubActions',
      ECS_DELIVERY_ROLE_DURATION: '900',
      ECS_DELIVERY_SESSION_POLICY:
        '{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"ecs:DescribeServices","Resource":"*"}]}',
      ECS_DELIVERY_AUDIENCE: 'sts.amazonaws.com',
    });
    expect(session.sessionPolicies).toHaveLength(1);
    expectMasked(r, [session.accessKeyId, session.secretAccessKey, session.sessionToken]);
    expect(r.summary).toContain('### Effective session policy');
    expect(r.summary).toContain('"ecs:DescribeServices"');
    // The post step blanks what main exported.
    expect(r.post?.exitCode).toBe(0);
    expect(r.post?.env).toEqual({ AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '' });
  });

  test('an inline policy from a file in the workspace', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const workspace = mkdtempSync(join(tmpdir(), 'aws-credentials-ws-'));
    writeFileSync(
      join(workspace, 'policy.json'),
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }),
    );
    const { runAction } = await import('../../sandbox/runner/run-action.js');
    const { jobEnv } = await import('./aws-credentials-helpers.js');
    const r = await runAction('aws-credentials', {
      inputs: { 'aws-region': 'us-east-1', 'role-to-assume': ROLE, 'inline-session-policy': 'policy.json' },
      env: jobEnv(sandbox),
      workspace,
    });
    results.push(r);
    expect(r.exitCode).toBe(0);
    expect(r.env.ECS_DELIVERY_SESSION_POLICY).toContain('arn:aws:s3:::b/*');
  });

  test('a preset becomes the session policy STS receives, shown in the summary', async () => {
    const r = await run({
      'role-to-assume': 'gha-deploy',
      'aws-account-id': ACCOUNT,
      'session-policy': 'ecs-deploy',
      'ecs-cluster': 'prod',
      'ecs-services': 'web\napi',
      'pass-roles': 'web-task',
    });
    expect(r.exitCode).toBe(0);
    const session = sandbox.admin.identity.sessions().at(-1)!;
    const statements = session.sessionPolicies[0]?.statements ?? [];
    expect(statements.map((statement) => statement.sid)).toEqual([
      'EcsService',
      'Unscoped',
      'EcsRunTask',
      'EcsTask',
      'EcsListTasks',
      'PassTaskRoles',
      'TaskLogs',
    ]);
    expect(r.summary).toContain('From `session-policy: ecs-deploy`');
    expect(r.summary).toContain(`arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/api`);
  });

  test('managed session policies are passed as PolicyArns', async () => {
    const r = await run({ 'role-to-assume': ROLE, 'managed-session-policies': `${MANAGED_POLICY}\n` });
    expect(r.exitCode).toBe(0);
    const request = sandbox.admin.requests.list({ service: 'sts', operation: 'AssumeRoleWithWebIdentity' }).at(-1)!;
    expect(request.rawRequest).toContain(encodeURIComponent(MANAGED_POLICY));
    expect(sandbox.admin.identity.sessions().at(-1)?.sessionPolicies).toHaveLength(1);
    expect(r.summary).toContain('### Managed session policies');
  });

  test('role chaining assumes the next role with the credentials of the first step', async () => {
    const first = await run({ 'role-to-assume': ROLE });
    expect(first.exitCode).toBe(0);
    const before = stsCalls(sandbox, 'AssumeRoleWithWebIdentity');
    const second = await run({ 'role-to-assume': CHAINED_ROLE, 'role-chaining': 'true', 'role-session-name': 'chained' }, first.env);
    expect(second.errors).toEqual([]);
    expect(second.exitCode).toBe(0);
    expect(stsCalls(sandbox, 'AssumeRoleWithWebIdentity')).toBe(before);
    const session = sandbox.admin.identity.sessions().at(-1)!;
    expect(session).toMatchObject({ roleArn: CHAINED_ROLE, chained: true, sessionName: 'chained' });
    expect(second.outputs['authenticated-arn']).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/chained-target/chained`);
    expect(second.env.AWS_ACCESS_KEY_ID).toBe(session.accessKeyId);
    expect(second.env.ECS_DELIVERY_ROLE_ARN).toBe(ROLE);
    expect(JSON.parse(second.env.ECS_DELIVERY_ROLE_CHAIN ?? '')).toEqual([
      { roleArn: CHAINED_ROLE, sessionName: 'chained', durationSeconds: 3600, managedPolicyArns: [] },
    ]);
  });

  test('output-credentials, no env credentials, masked account id', async () => {
    const r = await run({
      'role-to-assume': ROLE,
      'output-credentials': 'true',
      'output-env-credentials': 'false',
      'mask-aws-account-id': 'true',
    });
    expect(r.exitCode).toBe(0);
    const session = sandbox.admin.identity.sessions().at(-1)!;
    expect(r.outputs).toMatchObject({
      'aws-access-key-id': session.accessKeyId,
      'aws-secret-access-key': session.secretAccessKey,
      'aws-session-token': session.sessionToken,
    });
    expect(r.env.AWS_ACCESS_KEY_ID).toBeUndefined();
    expect(r.env.AWS_REGION).toBe('us-east-1');
    expect(r.masked).toContain(ACCOUNT);
    expect(r.summary).not.toContain(ACCOUNT);
    expect(r.log).not.toContain(ACCOUNT);
    // Nothing was exported, so the post step leaves the environment alone.
    expect(r.post?.env).toEqual({});
    expectNoLeaks(sandbox, [r], { outputsHoldCredentials: true });
  });

  test('nothing printed, written or sent holds a credential or token in clear', () => {
    expect(results.length).toBeGreaterThanOrEqual(5);
    expectNoLeaks(
      sandbox,
      results.filter((result) => result.outputs['aws-access-key-id'] === undefined),
    );
  });
});
