import * as core from '@actions/core';
import {
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  type AssumeRoleWithWebIdentityCommandInput,
} from '@aws-sdk/client-sts';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../fixture-paths.js';
import { actAsOidcJob, credentialsOf, policyOfLength, rejection, startIdentityHarness, type IdentityHarness } from './identity-harness.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const FIXTURE = JSON.parse(
  readFileSync(fixturePath('aws-sts-ecr/aws__aws-cli/sts/assume-role-with-web-identity.output-1.json'), 'utf8'),
) as Record<string, Record<string, unknown>>;

describe('STS AssumeRoleWithWebIdentity against the sandbox', () => {
  let h: IdentityHarness;
  let restore: () => void;

  beforeAll(async () => {
    h = await startIdentityHarness();
    restore = actAsOidcJob(h);
    h.identity.admin.createRole({ arn: ROLE, trust: { subjects: ['repo:acme/web:environment:prod'] }, maxSessionDuration: 7200 });
  });
  afterAll(async () => {
    restore();
    await h.stop();
  });

  async function assume(overrides: Partial<AssumeRoleWithWebIdentityCommandInput> = {}) {
    const token = await core.getIDToken('sts.amazonaws.com');
    return h
      .sts()
      .send(
        new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'GitHubActions', WebIdentityToken: token, ...overrides }),
      );
  }

  it('returns credentials shaped like the AWS CLI example', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }] });
    const out = await assume({ Policy: policy, DurationSeconds: 1800 });
    for (const key of Object.keys(FIXTURE)) expect(out).toHaveProperty(key);
    for (const key of Object.keys(FIXTURE.Credentials ?? {})) expect(out.Credentials).toHaveProperty(key);
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.Credentials?.SecretAccessKey).toEqual(expect.any(String));
    expect(out.Credentials?.SessionToken?.length).toBeGreaterThan(100);
    expect(out.Credentials?.Expiration).toBeInstanceOf(Date);
    const lifetime = (out.Credentials?.Expiration?.getTime() ?? 0) - h.clock.now();
    expect(lifetime).toBeGreaterThan(1795_000);
    expect(lifetime).toBeLessThanOrEqual(1800_000);
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions');
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z0-9]+:GitHubActions$/);
    expect(out.SubjectFromWebIdentityToken).toBe('repo:acme/web:environment:prod');
    expect(out.Audience).toBe('sts.amazonaws.com');
    // The token's iss, as the API reference documents Provider for OpenID Connect ID tokens.
    expect(out.Provider).toBe('https://token.actions.githubusercontent.com');
    // STS's packed format is not public: the sandbox reports no percentage it cannot compute.
    expect(out.PackedPolicySize).toBeUndefined();

    const who = await h.sts(credentialsOf(out)).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: '123456789012', Arn: out.AssumedRoleUser?.Arn, UserId: out.AssumedRoleUser?.AssumedRoleId });
  });

  it('counts one fresh OIDC token per attempt', async () => {
    const before = h.oidc.issuedTokens().length;
    await assume();
    await assume();
    expect(h.oidc.issuedTokens().length).toBe(before + 2);
  });

  it('rejects a token for another audience with InvalidIdentityToken', async () => {
    const token = await core.getIDToken('https://github.com/acme');
    const error = await rejection(
      h.sts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 's1', WebIdentityToken: token })),
    );
    expect(error).toMatchObject({ name: 'InvalidIdentityTokenException', message: 'Incorrect token audience', status: 400 });
  });

  it('rejects an expired token with ExpiredTokenException, on the sandbox clock', async () => {
    const token = await core.getIDToken('sts.amazonaws.com');
    h.clock.advance(301_000);
    const error = await rejection(
      h.sts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 's1', WebIdentityToken: token })),
    );
    expect(error.name).toBe('ExpiredTokenException');
    expect(error.message).toMatch(/^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/);
  });

  it('rejects a token not signed by the issuer and garbage', async () => {
    const token = await core.getIDToken('sts.amazonaws.com');
    const forged = `${token.slice(0, token.lastIndexOf('.'))}.AAAA`;
    for (const bad of [forged, 'not.a-jwt']) {
      const error = await rejection(
        h.sts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 's1', WebIdentityToken: bad })),
      );
      expect(error.name).toBe('InvalidIdentityTokenException');
    }
  });

  it('denies a subject the trust policy does not name, and an unknown role, alike', async () => {
    h.oidc.setClaims({ sub: 'repo:acme/web:ref:refs/heads/feature', environment: undefined });
    const wrongSub = await rejection(assume());
    h.oidc.setClaims({ sub: 'repo:acme/web:environment:prod', environment: 'prod' });
    const unknownRole = await rejection(assume({ RoleArn: 'arn:aws:iam::123456789012:role/nope' }));
    for (const error of [wrongSub, unknownRole]) {
      expect(error).toMatchObject({
        name: 'AccessDenied',
        message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
        status: 403,
      });
    }
  });

  it('accepts a session policy of 2,048 characters and rejects 2,049 with a ValidationError', async () => {
    await expect(assume({ Policy: policyOfLength(2048) })).resolves.toHaveProperty('Credentials');
    const error = await rejection(assume({ Policy: policyOfLength(2049) }));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toMatch(
      /^1 validation error detected: Value '.*' at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048$/,
    );
  });

  it('holds the inline policy and the managed policy ARNs together to 2,048 characters, refusing more with PackedPolicyTooLarge', async () => {
    const arn = 'arn:aws:iam::123456789012:policy/session-extra';
    h.identity.admin.putManagedPolicy(arn, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:List*', Resource: '*' }] });
    await expect(assume({ Policy: policyOfLength(2048 - arn.length), PolicyArns: [{ arn }] })).resolves.toHaveProperty('Credentials');
    const error = await rejection(assume({ Policy: policyOfLength(2049 - arn.length), PolicyArns: [{ arn }] }));
    expect(error.name).toBe('PackedPolicyTooLargeException');
    expect(error.message).toMatch(/^Packed policy consumes 10[1-9]% of allotted space, please use smaller policy\.$/);
  });

  it('rejects a malformed policy', async () => {
    const error = await rejection(
      assume({ Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}' }),
    );
    expect(error.name).toBe('MalformedPolicyDocumentException');
  });

  it('takes 10 managed policy ARNs and rejects 11', async () => {
    const arns = Array.from({ length: 11 }, (_, i) => `arn:aws:iam::123456789012:policy/p${i}`);
    for (const arn of arns)
      h.identity.admin.putManagedPolicy(arn, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const ten = await assume({ PolicyArns: arns.slice(0, 10).map((arn) => ({ arn })) });
    expect(ten.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const error = await rejection(assume({ PolicyArns: arns.map((arn) => ({ arn })) }));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toContain("at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10");
  });

  it.each([
    [
      { DurationSeconds: 899 },
      "Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    ],
    [
      { DurationSeconds: 43201 },
      "Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
    ],
    [{ DurationSeconds: 7201 }, 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'],
    [
      { RoleSessionName: 'x' },
      "Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    ],
    [
      { RoleSessionName: 'has space' },
      "Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    ],
    [{ RoleSessionName: 'a'.repeat(65) }, 'Member must have length less than or equal to 64'],
  ])('validates %o', async (overrides, message) => {
    const error = await rejection(assume(overrides));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toContain(message);
  });

  it('accepts the role maximum', async () => {
    await expect(assume({ DurationSeconds: 7200 })).resolves.toHaveProperty('Credentials');
  });
});
