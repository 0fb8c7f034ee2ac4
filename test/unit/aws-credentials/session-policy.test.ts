import { describe, expect, test } from '@jest/globals';
import { buildSessionPolicy } from '../../../src/aws-credentials/session-policy.js';
import { checkPolicySize, SESSION_POLICY_LIMIT, statementSizes } from '../../../src/aws-credentials/policy-size.js';
import { resolvePresetScope } from '../../../src/aws-credentials/preset-scope.js';
import type { PolicyDocument } from '../../../src/aws-credentials/policy-document.js';

const target = { partition: 'aws' as const, accountId: '123456789012', region: 'us-east-1' };
const ecrScope = resolvePresetScope('ecr-push', { ecrRepositories: ['web'], ecsServices: [], passRoles: [] }, target)!;

/** A policy whose minified text is exactly `length` characters long. */
function policyOfLength(length: number): PolicyDocument {
  const base = {
    Version: '2012-10-17' as const,
    Statement: [{ Sid: 'Big', Effect: 'Allow' as const, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/' }],
  };
  const padding = length - JSON.stringify(base).length;
  base.Statement[0]!.Resource += 'x'.repeat(padding);
  return base;
}

describe('checkPolicySize', () => {
  test('2,048 characters pass and come back minified', () => {
    const policy = policyOfLength(SESSION_POLICY_LIMIT);
    expect(checkPolicySize(policy, 'inline-session-policy')).toHaveLength(2_048);
  });

  test('2,049 characters fail with the excess and the largest statements', () => {
    const policy = policyOfLength(2_049);
    expect(() => checkPolicySize(policy, 'inline-session-policy')).toThrow(
      "Input 'inline-session-policy': the session policy is 2,049 characters after minifying, 1 over the 2,048 STS allows; largest statements: Statement[0] (Sid Big) 2,",
    );
  });

  test('statementSizes ranks statements by their minified size', () => {
    const sizes = statementSizes({
      Statement: [
        { Effect: 'Allow', Action: 'a:b', Resource: '*' },
        { Sid: 'L', Effect: 'Allow', Action: 'a:bbbbbbbb', Resource: '*' },
      ],
    });
    expect(sizes.map((size) => size.index)).toEqual([1, 0]);
    expect(sizes[0]).toEqual({
      index: 1,
      sid: 'L',
      characters: JSON.stringify({ Sid: 'L', Effect: 'Allow', Action: 'a:bbbbbbbb', Resource: '*' }).length,
    });
  });
});

describe('buildSessionPolicy', () => {
  test('nothing given, nothing sent', () => {
    expect(buildSessionPolicy({})).toBeUndefined();
  });

  test('an inline policy is validated and minified as given (the configure-aws-credentials README example)', () => {
    const folded =
      '{\n "Version": "2012-10-17",\n "Statement": [\n  {\n   "Sid":"Stmt1",\n   "Effect":"Allow",\n   "Action":"s3:List*",\n   "Resource":"*"\n  }\n ]\n}';
    const result = buildSessionPolicy({ inline: JSON.parse(folded) })!;
    expect(result.minified).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"Stmt1","Effect":"Allow","Action":"s3:List*","Resource":"*"}]}',
    );
    expect(result.sources).toEqual(['inline-session-policy']);
  });

  test('a preset and an inline policy merge into one document, preset statements first', () => {
    const inline = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Extra', Effect: 'Allow', Action: 'ssm:GetParameter', Resource: 'arn:aws:ssm:us-east-1:123456789012:parameter/app/*' },
      ],
    };
    const result = buildSessionPolicy({ preset: { name: 'ecr-push', scope: ecrScope }, inline })!;
    expect(result.document.Statement.map((statement) => statement.Sid)).toEqual(['EcrLogin', 'EcrPush', 'Extra']);
    expect(result.sources).toEqual(['session-policy: ecr-push', 'inline-session-policy']);
    expect(JSON.parse(result.minified)).toEqual(result.document);
  });

  test('a Sid clash between preset and inline policy is reported on the inline input', () => {
    const inline = { Statement: [{ Sid: 'EcrPush', Effect: 'Deny', Action: 'ecr:*', Resource: '*' }] };
    expect(() => buildSessionPolicy({ preset: { name: 'ecr-push', scope: ecrScope }, inline })).toThrow(
      "Input 'inline-session-policy': Sid 'EcrPush' is also used by the preset's statements",
    );
  });

  test('a 2008-10-17 inline policy is not silently merged into 2012-10-17', () => {
    const inline = { Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    expect(() => buildSessionPolicy({ preset: { name: 'ecr-push', scope: ecrScope }, inline })).toThrow('Version 2008-10-17');
  });

  test('a preset that fits alone can push the merged policy over the limit; the error names the inline input', () => {
    const inline = policyOfLength(2_000);
    expect(() => buildSessionPolicy({ preset: { name: 'ecr-push', scope: ecrScope }, inline })).toThrow(
      /Input 'inline-session-policy': the session policy is 2,\d{3} characters after minifying, \d+ over the 2,048 STS allows; largest statements: Statement\[2\] \(Sid Big\)/,
    );
  });

  test('a preset alone over the limit names session-policy', () => {
    const many = resolvePresetScope(
      'ecr-push',
      { ecrRepositories: Array.from({ length: 40 }, (_, i) => `team/service-number-${i}`), ecsServices: [], passRoles: [] },
      target,
    )!;
    expect(() => buildSessionPolicy({ preset: { name: 'ecr-push', scope: many } })).toThrow(
      /^Input 'session-policy': the session policy is .* largest statements: Statement\[1\] \(Sid EcrPush\)/,
    );
  });
});
