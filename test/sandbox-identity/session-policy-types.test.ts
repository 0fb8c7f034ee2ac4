/**
 * Session policies as IAM evaluates them: the inline policy and the managed policy ARNs are ONE
 * policy type, so a call is allowed when at least one of them allows it and none denies it; the
 * result is then intersected with the role's identity-based policy.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as core from '@actions/core';
import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { presetPolicy } from '../../src/aws-credentials/session-policy-presets.js';
import { evaluateAnyOf, evaluateSession } from '../../sandbox/iam/policy-evaluator.js';
import { parsePolicyDocument } from '../../sandbox/iam/policy-document.js';
import { actAsOidcJob, credentialsOf, startIdentityHarness, thrown, type IdentityHarness } from './identity-harness.js';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy`;
const LIMITED_ROLE = `arn:aws:iam::${ACCOUNT}:role/ecs-only`;
const SERVICE = `arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/web`;
const OTHER_SERVICE = `arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/admin-panel`;
const REPOSITORY = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/web`;
const ECR_LOGIN = `arn:aws:iam::${ACCOUNT}:policy/ecr-login`;
const DENY_UPDATE = `arn:aws:iam::${ACCOUNT}:policy/deny-update`;
const READ_OTHERS = `arn:aws:iam::${ACCOUNT}:policy/read-others`;

/** The ecs-deploy preset for prod/web, exactly as aws-credentials sends it. */
const PRESET = JSON.stringify(
  presetPolicy('ecs-deploy', {
    partition: 'aws',
    accountId: ACCOUNT,
    region: 'us-east-1',
    ecrRepositoryArns: [],
    ecsClusterName: 'prod',
    ecsClusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/prod`,
    ecsServiceNames: ['web'],
    passRoleArns: [],
  }),
);

describe('session policy types against STS sessions', () => {
  let h: IdentityHarness;
  let restore: () => void;

  beforeAll(async () => {
    h = await startIdentityHarness();
    restore = actAsOidcJob(h);
    h.identity.admin.createRole({ arn: ROLE, trust: { subjects: ['repo:acme/*'] } });
    h.identity.admin.createRole({
      arn: LIMITED_ROLE,
      trust: { subjects: ['repo:acme/*'] },
      permissionsPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }] }),
    });
    h.identity.admin.putManagedPolicy(ECR_LOGIN, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }],
    });
    h.identity.admin.putManagedPolicy(DENY_UPDATE, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'ecs:UpdateService', Resource: '*' }],
    });
    h.identity.admin.putManagedPolicy(READ_OTHERS, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'ecs:DescribeServices', Resource: '*' }],
    });
  });
  afterAll(async () => {
    restore();
    await h.stop();
  });

  /** `policy: null` sends managed policies only. */
  async function callerFor(roleArn: string, policyArns: string[], policy: string | null = PRESET) {
    const out = await h.sts().send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: roleArn,
        RoleSessionName: 'gha',
        WebIdentityToken: await core.getIDToken('sts.amazonaws.com'),
        ...(policy ? { Policy: policy } : {}),
        PolicyArns: policyArns.map((arn) => ({ arn })),
      }),
    );
    const creds = credentialsOf(out);
    return { caller: { accessKeyId: creds.accessKeyId, sessionToken: creds.sessionToken }, arn: out.AssumedRoleUser?.Arn ?? '' };
  }

  it('preset inline + a managed policy granting an extra call: both the preset calls and the extra call are allowed', async () => {
    const { caller } = await callerFor(ROLE, [ECR_LOGIN]);
    expect(() => h.identity.authorizer.authorize(caller, 'ecs:UpdateService', [SERVICE])).not.toThrow();
    expect(() => h.identity.authorizer.authorize(caller, 'ecr:GetAuthorizationToken', [])).not.toThrow();
  });

  it('a call neither the inline nor the managed policy allows is denied', async () => {
    const { caller, arn } = await callerFor(ROLE, [ECR_LOGIN]);
    expect(thrown(() => h.identity.authorizer.authorize(caller, 'ecr:PutImage', [REPOSITORY]))).toEqual(
      expect.objectContaining({
        code: 'AccessDeniedException',
        message: `User: ${arn} is not authorized to perform: ecr:PutImage on resource: ${REPOSITORY} because no session policy allows the ecr:PutImage action`,
      }),
    );
    expect(thrown(() => h.identity.authorizer.authorize(caller, 'ecs:UpdateService', [OTHER_SERVICE])).code).toBe('AccessDeniedException');
  });

  it('an explicit deny in the managed policy wins over the allow in the inline policy', async () => {
    const { caller } = await callerFor(ROLE, [DENY_UPDATE]);
    expect(() => h.identity.authorizer.authorize(caller, 'ecs:DescribeServices', [SERVICE])).not.toThrow();
    expect(thrown(() => h.identity.authorizer.authorize(caller, 'ecs:UpdateService', [SERVICE]))).toEqual(
      expect.objectContaining({
        code: 'AccessDeniedException',
        message: expect.stringContaining('with an explicit deny in a session policy'),
      }),
    );
  });

  it('an explicit deny in the inline policy wins over the allow in a managed policy', async () => {
    const inline = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'ecs:DescribeServices', Resource: OTHER_SERVICE }],
    });
    const { caller } = await callerFor(ROLE, [READ_OTHERS], inline);
    expect(() => h.identity.authorizer.authorize(caller, 'ecs:DescribeServices', [SERVICE])).not.toThrow();
    expect(thrown(() => h.identity.authorizer.authorize(caller, 'ecs:DescribeServices', [OTHER_SERVICE])).message).toContain(
      'with an explicit deny in a session policy',
    );
  });

  it("a call the session policies allow but the role's own policy does not is denied", async () => {
    const { caller, arn } = await callerFor(LIMITED_ROLE, [ECR_LOGIN]);
    expect(() => h.identity.authorizer.authorize(caller, 'ecs:UpdateService', [SERVICE])).not.toThrow();
    expect(thrown(() => h.identity.authorizer.authorize(caller, 'ecr:GetAuthorizationToken', []))).toEqual(
      expect.objectContaining({
        code: 'AccessDeniedException',
        message: `User: ${arn} is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action`,
      }),
    );
  });

  it('managed policies alone are one type too: any of them may allow', async () => {
    const { caller } = await callerFor(ROLE, [ECR_LOGIN, READ_OTHERS], null);
    expect(() => h.identity.authorizer.authorize(caller, 'ecr:GetAuthorizationToken', [])).not.toThrow();
    expect(() => h.identity.authorizer.authorize(caller, 'ecs:DescribeServices', [OTHER_SERVICE])).not.toThrow();
    expect(thrown(() => h.identity.authorizer.authorize(caller, 'ecs:UpdateService', [SERVICE])).code).toBe('AccessDeniedException');
  });
});

describe('the evaluator functions', () => {
  const allowWeb = parsePolicyDocument(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'ecs:*', Resource: SERVICE }] }));
  const allowOther = parsePolicyDocument(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'ecs:*', Resource: OTHER_SERVICE }] }));
  const denyAll = parsePolicyDocument(JSON.stringify({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }));

  it('evaluateAnyOf: every resource must be allowed by some policy; any deny wins', () => {
    expect(evaluateAnyOf([allowWeb, allowOther], 'ecs:UpdateService', [SERVICE, OTHER_SERVICE])).toBe('allow');
    expect(evaluateAnyOf([allowWeb], 'ecs:UpdateService', [SERVICE, OTHER_SERVICE])).toBe('implicit-deny');
    expect(evaluateAnyOf([allowWeb, denyAll], 'ecs:UpdateService', [SERVICE])).toBe('explicit-deny');
    expect(evaluateAnyOf([allowWeb], 'ecs:ListClusters', [])).toBe('implicit-deny');
  });

  it('evaluateSession: names the policy type that denied, an explicit deny first', () => {
    expect(evaluateSession({ sessionPolicies: [] }, 'ecs:DeleteService', [SERVICE])).toEqual({ decision: 'allow' });
    expect(evaluateSession({ sessionPolicies: [allowWeb], rolePolicy: denyAll }, 'ecs:UpdateService', [SERVICE])).toEqual({
      decision: 'explicit-deny',
      deniedBy: 'identity-based policy',
    });
    expect(evaluateSession({ sessionPolicies: [allowOther], rolePolicy: denyAll }, 'ecs:UpdateService', [SERVICE])).toEqual({
      decision: 'explicit-deny',
      deniedBy: 'identity-based policy',
    });
    expect(evaluateSession({ sessionPolicies: [allowOther], rolePolicy: allowWeb }, 'ecs:UpdateService', [SERVICE])).toEqual({
      decision: 'implicit-deny',
      deniedBy: 'session policy',
    });
  });
});
