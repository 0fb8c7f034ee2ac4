import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import type { Sandbox } from '../../sandbox/index.js';
import { ACCOUNT, ROLE, expectNoLeaks, runCredentials, startCredentialsSandbox, stsCalls } from './aws-credentials-helpers.js';

let sandbox: Sandbox;
const UNTRUSTED_ROLE = `arn:aws:iam::${ACCOUNT}:role/trusts-another-repo`;
/** Trusts acme/web only in the immutable-ID subject form (owner 1001, repository 2002). */
const IMMUTABLE_ROLE = `arn:aws:iam::${ACCOUNT}:role/trusts-immutable-subject`;

beforeAll(async () => {
  sandbox = await startCredentialsSandbox();
  sandbox.admin.identity.createRole({ arn: UNTRUSTED_ROLE, trust: { subjects: ['repo:acme/other:*'] } });
  sandbox.admin.identity.createRole({ arn: IMMUTABLE_ROLE, trust: { subjects: ['repo:acme@1001/web@2002:*'] } });
});
afterAll(async () => {
  await sandbox?.stop();
});

/** An inline policy of exactly `length` characters once minified. */
function policyOfLength(length: number): string {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Padding', Effect: 'Allow', Action: 'ecs:DescribeServices', Resource: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/` },
    ],
  };
  policy.Statement[0]!.Resource += 'x'.repeat(length - JSON.stringify(policy).length);
  // Pretty-printed on purpose: the limit applies after minifying.
  return JSON.stringify(policy, null, 2);
}

describe('aws-credentials failures (bundle against the sandbox)', () => {
  test('a policy of 2,049 characters is rejected before any STS call, with the excess and the largest statement', async () => {
    const before = stsCalls(sandbox);
    const tokensBefore = sandbox.admin.identity.oidc.issuedTokens().length;
    const r = await runCredentials(sandbox, { 'role-to-assume': ROLE, 'inline-session-policy': policyOfLength(2_049) });
    expect(r.exitCode).toBe(1);
    expect(r.errors).toEqual([
      "Input 'inline-session-policy': the session policy is 2,049 characters after minifying, 1 over the 2,048 STS allows; largest statements: Statement[0] (Sid Padding) 2,010. Shorten it by at least that much (merge statements that share a Resource, use wildcards in Action), or move statements into a managed policy and list it in managed-session-policies",
    ]);
    expect(stsCalls(sandbox)).toBe(before);
    expect(sandbox.admin.identity.oidc.issuedTokens().length).toBe(tokensBefore);
  });

  test('exactly 2,048 characters is accepted', async () => {
    const r = await runCredentials(sandbox, { 'role-to-assume': ROLE, 'inline-session-policy': policyOfLength(2_048) });
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  test('throttling and 5xx are retried, each attempt with a fresh OIDC token', async () => {
    sandbox.admin.injectFault({ service: 'sts', operation: 'AssumeRoleWithWebIdentity', kind: 'throttle', count: 1 });
    sandbox.admin.injectFault({ service: 'sts', operation: 'AssumeRoleWithWebIdentity', kind: 'http503', count: 1 });
    const calls = sandbox.admin.requests.list({ service: 'sts', operation: 'AssumeRoleWithWebIdentity' }).length;
    const tokensBefore = sandbox.admin.identity.oidc.issuedTokens().length;
    const r = await runCredentials(sandbox, { 'role-to-assume': ROLE });
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBe(0);
    const attempts = sandbox.admin.requests.list({ service: 'sts', operation: 'AssumeRoleWithWebIdentity' }).slice(calls);
    expect(attempts.map((entry) => entry.status)).toEqual([400, 503, 200]);
    const tokens = sandbox.admin.identity.oidc
      .issuedTokens()
      .slice(tokensBefore)
      .map((issued) => issued.token);
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(3);
    attempts.forEach((entry, index) => expect(entry.rawRequest).toContain(tokens[index]));
    expect(r.log).toMatch(/retry\(sts:AssumeRoleWithWebIdentity\): attempt 1 of 5 failed \(.*\); retrying in \d+ ms/);
    expect(r.log).toMatch(/attempt 2 of 5 failed/);
    expectNoLeaks(sandbox, [r]);
  });

  test('a reset connection is retried', async () => {
    sandbox.admin.injectFault({ service: 'sts', operation: 'AssumeRoleWithWebIdentity', kind: 'reset', count: 1 });
    const r = await runCredentials(sandbox, { 'role-to-assume': ROLE });
    expect(r.exitCode).toBe(0);
    expect(r.log).toMatch(/attempt 1 of 5 failed/);
  });

  test('throttling that outlasts retry-max-attempts fails with the last error, no sleep after the last attempt', async () => {
    sandbox.admin.injectFault({ service: 'sts', operation: 'AssumeRoleWithWebIdentity', kind: 'throttle', count: 2 });
    const before = stsCalls(sandbox, 'AssumeRoleWithWebIdentity');
    const r = await runCredentials(sandbox, { 'role-to-assume': ROLE, 'retry-max-attempts': '2' });
    expect(r.exitCode).toBe(1);
    expect(stsCalls(sandbox, 'AssumeRoleWithWebIdentity') - before).toBe(2);
    expect(r.log).toContain('attempt 2 of 2 failed');
    expect(r.log).toContain('no attempts left');
    expect(r.errors).toHaveLength(1);
  });

  test('AccessDenied is not retried and is explained with the token claims and matching trust conditions', async () => {
    const before = stsCalls(sandbox, 'AssumeRoleWithWebIdentity');
    const r = await runCredentials(sandbox, { 'role-to-assume': UNTRUSTED_ROLE });
    expect(r.exitCode).toBe(1);
    expect(stsCalls(sandbox, 'AssumeRoleWithWebIdentity') - before).toBe(1);
    expect(r.errors).toHaveLength(1);
    const error = r.errors[0] ?? '';
    expect(error).toContain(
      `Could not assume ${UNTRUSTED_ROLE} with the job's GitHub OIDC token (AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity`,
    );
    expect(error).toContain(
      'sub "repo:acme/web:environment:prod", aud "sts.amazonaws.com", job_workflow_ref "acme/web/.github/workflows/deploy.yml@refs/heads/main"',
    );
    expect(error).toContain(`{"Federated": "arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"}`);
    expect(error).toContain('"token.actions.githubusercontent.com:sub":"repo:acme/web:environment:prod"');
    expect(error).toContain('"token.actions.githubusercontent.com:sub":"repo:acme@1001/web@2002:environment:prod"');
    expect(r.log).not.toMatch(/retry\(/);
    expectNoLeaks(sandbox, [r]);
  });

  describe('the two subject forms', () => {
    afterEach(() => sandbox.admin.identity.oidc.setRepository({ createdAt: undefined }));

    test('a repository created after 2026-07-15 gets the immutable-ID sub: a classic trust condition is explained', async () => {
      sandbox.admin.identity.oidc.setRepository({ createdAt: '2026-08-03' });
      const classicRole = `arn:aws:iam::${ACCOUNT}:role/trusts-classic-subject`;
      sandbox.admin.identity.createRole({ arn: classicRole, trust: { subjects: ['repo:acme/web:environment:prod'] } });
      const r = await runCredentials(sandbox, { 'role-to-assume': classicRole });
      expect(r.exitCode).toBe(1);
      const error = r.errors[0] ?? '';
      expect(error).toContain('sub "repo:acme@1001/web@2002:environment:prod"');
      expect(error).toContain('classic subject: "Condition": {"StringEquals":{');
      expect(error).toContain('"token.actions.githubusercontent.com:sub":"repo:acme/web:environment:prod"');
      expect(error).toContain('"token.actions.githubusercontent.com:sub":"repo:acme@1001/web@2002:environment:prod"');
      expect(error).toContain(
        'This token uses the immutable-ID subject: a condition written for the classic repo:ORG/REPO:… form does not match it. GitHub issues this form for repositories created or renamed on or after 2026-07-15',
      );
      // The same token is trusted by a role written for the immutable form.
      const ok = await runCredentials(sandbox, { 'role-to-assume': IMMUTABLE_ROLE });
      expect(ok.errors).toEqual([]);
      expect(ok.exitCode).toBe(0);
      expectNoLeaks(sandbox, [r, ok]);
    });

    test('an older repository keeps the classic sub: an immutable-ID trust condition is explained', async () => {
      sandbox.admin.identity.oidc.setRepository({ createdAt: '2019-03-01' });
      const r = await runCredentials(sandbox, { 'role-to-assume': IMMUTABLE_ROLE });
      expect(r.exitCode).toBe(1);
      const error = r.errors[0] ?? '';
      expect(error).toContain('sub "repo:acme/web:environment:prod"');
      expect(error).toContain('immutable-ID subject: "Condition": {"StringEquals":{');
      expect(error).toContain(
        'This token uses the classic subject: a condition written for the immutable-ID form (repo:ORG@ID/REPO@ID:…) does not match it. GitHub keeps this form for repositories created before 2026-07-15',
      );
    });
  });

  test('an audience the identity provider does not know fails at once with InvalidIdentityToken, explained', async () => {
    const before = stsCalls(sandbox, 'AssumeRoleWithWebIdentity');
    const r = await runCredentials(sandbox, { 'role-to-assume': ROLE, audience: 'https://github.com/acme' });
    expect(r.exitCode).toBe(1);
    expect(stsCalls(sandbox, 'AssumeRoleWithWebIdentity') - before).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('its audiences (client IDs) include "https://github.com/acme"');
  });

  test('a chained role that does not trust the caller is explained, not retried', async () => {
    const first = await runCredentials(sandbox, { 'role-to-assume': ROLE });
    const before = stsCalls(sandbox, 'AssumeRole');
    const r = await runCredentials(sandbox, { 'role-to-assume': UNTRUSTED_ROLE, 'role-chaining': 'true' }, first.env);
    expect(r.exitCode).toBe(1);
    expect(stsCalls(sandbox, 'AssumeRole') - before).toBe(1);
    expect(r.errors[0]).toContain(`for the principal {"AWS": "${ROLE}"}`);
    expectNoLeaks(sandbox, [first, r]);
  });
});
