import * as core from '@actions/core';
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { BOOTSTRAP_CREDENTIALS } from '../../sandbox/sts/index.js';
import { actAsOidcJob, credentialsOf, rejection, startIdentityHarness, thrown, type IdentityHarness } from './identity-harness.js';

const DEPLOY = 'arn:aws:iam::123456789012:role/deploy';
const TARGET = 'arn:aws:iam::123456789012:role/ci/terraform';
const SERVICE = 'arn:aws:ecs:us-east-1:123456789012:service/prod/web';

describe('STS sessions: authorizer, chaining, expiry', () => {
  let h: IdentityHarness;
  let restore: () => void;

  beforeAll(async () => {
    h = await startIdentityHarness();
    restore = actAsOidcJob(h);
    h.identity.admin.createRole({ arn: DEPLOY, trust: { subjects: ['repo:acme/*'] }, maxSessionDuration: 43200 });
    h.identity.admin.createRole({ arn: TARGET, trust: { principals: [DEPLOY] }, maxSessionDuration: 43200 });
    h.identity.admin.putManagedPolicy('arn:aws:iam::123456789012:policy/ecs-read', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['ecs:Describe*', 'ecs:UpdateService'], Resource: '*' }],
    });
  });
  afterAll(async () => {
    restore();
    await h.stop();
  });

  async function webSession(policy?: object, policyArns: string[] = []) {
    const out = await h.sts().send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: DEPLOY,
        RoleSessionName: 'gha',
        WebIdentityToken: await core.getIDToken('sts.amazonaws.com'),
        ...(policy ? { Policy: JSON.stringify(policy) } : {}),
        PolicyArns: policyArns.map((arn) => ({ arn })),
      }),
    );
    return { out, creds: credentialsOf(out) };
  }

  it('lets bootstrap keys do everything', () => {
    expect(
      h.identity.authorizer.authorize({ accessKeyId: BOOTSTRAP_CREDENTIALS.accessKeyId }, 'ecs:DeleteService', [SERVICE]),
    ).toMatchObject({
      arn: 'arn:aws:iam::123456789012:user/sandbox-admin',
    });
  });

  it('enforces the inline session policy with AWS message text, per protocol', async () => {
    const { creds, out } = await webSession({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'ecs:*', Resource: '*' },
        { Effect: 'Deny', Action: 'ecs:DeleteService', Resource: '*' },
      ],
    });
    const caller = { accessKeyId: creds.accessKeyId, sessionToken: creds.sessionToken };
    const arn = out.AssumedRoleUser?.Arn ?? '';
    expect(h.identity.authorizer.authorize(caller, 'ecs:UpdateService', [SERVICE])).toEqual({
      arn,
      account: '123456789012',
      userId: out.AssumedRoleUser?.AssumedRoleId,
    });
    expect(
      thrown(() => h.identity.authorizer.authorize(caller, 'ecr:PutImage', ['arn:aws:ecr:us-east-1:123456789012:repository/web'])),
    ).toEqual(
      expect.objectContaining({
        code: 'AccessDeniedException',
        message: `User: ${arn} is not authorized to perform: ecr:PutImage on resource: arn:aws:ecr:us-east-1:123456789012:repository/web because no session policy allows the ecr:PutImage action`,
      }),
    );
    expect(thrown(() => h.identity.authorizer.authorize(caller, 'ecs:DeleteService', [SERVICE]))).toEqual(
      expect.objectContaining({
        code: 'AccessDeniedException',
        message: expect.stringContaining('with an explicit deny in a session policy'),
      }),
    );
    expect(thrown(() => h.identity.authorizer.authorize(caller, 'elasticloadbalancing:DescribeTargetHealth', []))).toEqual(
      expect.objectContaining({ code: 'AccessDenied', status: 403 }),
    );
  });

  it('treats the inline policy and managed policies as one policy type: either may allow', async () => {
    const { creds } = await webSession({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:*', Resource: SERVICE }] }, [
      'arn:aws:iam::123456789012:policy/ecs-read',
    ]);
    const caller = { accessKeyId: creds.accessKeyId, sessionToken: creds.sessionToken };
    expect(() => h.identity.authorizer.authorize(caller, 'ecs:UpdateService', [SERVICE])).not.toThrow();
    // Only the inline policy allows RunTask on the service, only the managed one UpdateService elsewhere.
    expect(() => h.identity.authorizer.authorize(caller, 'ecs:RunTask', [SERVICE])).not.toThrow();
    expect(() => h.identity.authorizer.authorize(caller, 'ecs:UpdateService', [`${SERVICE}-2`])).not.toThrow();
    expect(thrown(() => h.identity.authorizer.authorize(caller, 'ecs:RunTask', [`${SERVICE}-2`])).code).toBe('AccessDeniedException');
  });

  it('rejects unknown keys and tokens with the protocol codes', () => {
    expect(thrown(() => h.identity.authorizer.authorize({ accessKeyId: 'ASIANOTISSUEDBYSTS00' }, 'ecs:ListClusters', []))).toEqual(
      expect.objectContaining({ code: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' }),
    );
    expect(thrown(() => h.identity.authorizer.authorize({ accessKeyId: 'ASIANOTISSUEDBYSTS00' }, 'sts:GetCallerIdentity', [])).code).toBe(
      'InvalidClientTokenId',
    );
  });

  it('expires credentials on the sandbox clock and on demand', async () => {
    const a = await webSession();
    const callerA = { accessKeyId: a.creds.accessKeyId, sessionToken: a.creds.sessionToken };
    expect(() => h.identity.authorizer.authorize(callerA, 'ecs:ListClusters', [])).not.toThrow();
    h.clock.advance(3600_000);
    expect(thrown(() => h.identity.authorizer.authorize(callerA, 'ecs:ListClusters', []))).toEqual(
      expect.objectContaining({
        code: 'ExpiredTokenException',
        message: 'The security token included in the request is expired',
        status: 403,
      }),
    );
    expect(thrown(() => h.identity.authorizer.authorize(callerA, 'sts:GetCallerIdentity', []))).toEqual(
      expect.objectContaining({ code: 'ExpiredToken', status: 403 }),
    );
    const expired = await rejection(h.sts(a.creds).send(new GetCallerIdentityCommand({})));
    expect(expired).toMatchObject({ name: 'ExpiredToken', status: 403 });

    const b = await webSession();
    await expect(h.sts(b.creds).send(new GetCallerIdentityCommand({}))).resolves.toHaveProperty('Arn');
    h.identity.admin.expireAllCredentials();
    expect((await rejection(h.sts(b.creds).send(new GetCallerIdentityCommand({})))).name).toBe('ExpiredToken');
  });

  it('chains roles with AssumeRole, capped at one hour', async () => {
    const { creds } = await webSession();
    const chained = await h.sts(creds).send(new AssumeRoleCommand({ RoleArn: TARGET, RoleSessionName: 'plan', DurationSeconds: 3600 }));
    expect(chained.AssumedRoleUser?.Arn).toBe('arn:aws:sts::123456789012:assumed-role/terraform/plan');
    expect(chained.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const who = await h.sts(credentialsOf(chained)).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(chained.AssumedRoleUser?.Arn);

    const tooLong = await rejection(
      h.sts(creds).send(new AssumeRoleCommand({ RoleArn: TARGET, RoleSessionName: 'plan', DurationSeconds: 3601 })),
    );
    expect(tooLong).toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    });
    // The bootstrap identity is not a role session: no chaining cap.
    const long = await h.sts().send(new AssumeRoleCommand({ RoleArn: TARGET, RoleSessionName: 'admin', DurationSeconds: 7200 }));
    expect(long.Credentials?.Expiration).toBeInstanceOf(Date);
  });

  it('denies chaining into a role that does not trust the caller, or that the session policy does not allow', async () => {
    const { creds, out } = await webSession();
    const denied = await rejection(h.sts(creds).send(new AssumeRoleCommand({ RoleArn: DEPLOY, RoleSessionName: 'again' })));
    expect(denied).toMatchObject({
      name: 'AccessDenied',
      message: `User: ${out.AssumedRoleUser?.Arn} is not authorized to perform: sts:AssumeRole on resource: ${DEPLOY}`,
    });
    const scoped = await webSession({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }] });
    const byPolicy = await rejection(h.sts(scoped.creds).send(new AssumeRoleCommand({ RoleArn: TARGET, RoleSessionName: 'plan' })));
    expect(byPolicy.name).toBe('AccessDenied');
    expect(byPolicy.message).toContain('because no session policy allows the sts:AssumeRole action');
  });
});
