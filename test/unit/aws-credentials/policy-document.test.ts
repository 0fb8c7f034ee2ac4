import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { validatePolicyDocument } from '../../../src/aws-credentials/policy-document.js';
import { fixturePath } from '../../fixture-paths.js';

const ok = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' };
const policy = (statement: unknown) => ({ Version: '2012-10-17', Statement: [statement] });

describe('validatePolicyDocument', () => {
  test('accepts the IAM user guide session policy example', () => {
    const document = JSON.parse(
      readFileSync(
        fixturePath(
          'aws-sts-ecr/awsdocs__iam-user-guide/id_credentials_temp_control-access_assumerole/session-policy-passed-with-assumerole.json',
        ),
        'utf8',
      ),
    );
    expect(validatePolicyDocument(document, 'inline-session-policy').Statement).toHaveLength(2);
  });

  test('normalises a single statement object to a list and keeps every element', () => {
    const statement = {
      Sid: 'S1',
      Effect: 'Deny',
      NotAction: ['iam:*'],
      NotResource: '*',
      Condition: { 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['a', 'b'] }, Bool: { 'aws:SecureTransport': false } },
    };
    expect(validatePolicyDocument({ Version: '2012-10-17', Statement: statement }, 'x')).toEqual({
      Version: '2012-10-17',
      Statement: [statement],
    });
  });

  test('Version is optional, as in IAM', () => {
    expect(validatePolicyDocument({ Statement: [ok] }, 'x').Version).toBeUndefined();
  });

  test.each([
    ['a list', [ok], 'is not a JSON object'],
    ['an unknown top-level key', { Version: '2012-10-17', Statement: [ok], Extra: 1 }, 'Extra is not a policy element'],
    ['a wrong Version', { Version: '2012-10-18', Statement: [ok] }, "Version '2012-10-18' is not a policy language version"],
    ['no Statement', { Version: '2012-10-17' }, 'Statement is missing'],
    ['an empty Statement', { Version: '2012-10-17', Statement: [] }, 'Statement is empty'],
    ['a statement that is a string', policy('Allow'), 'Statement[0] is not an object'],
    ['Principal', policy({ ...ok, Principal: '*' }), 'Statement[0].Principal is not allowed in a session policy'],
    ['an unknown statement key', policy({ ...ok, Actions: 'x' }), 'Statement[0].Actions is not a statement element'],
    ['lower-case effect', policy({ ...ok, Effect: 'allow' }), 'Statement[0].Effect must be "Allow" or "Deny", not "allow"'],
    ['no Action', policy({ Effect: 'Allow', Resource: '*' }), 'Statement[0] has neither Action nor NotAction'],
    ['Action and NotAction', policy({ ...ok, NotAction: 's3:*' }), 'Statement[0] has both Action and NotAction'],
    [
      'a bad action',
      policy({ ...ok, Action: ['s3:GetObject', 's3 GetObject'] }),
      "Statement[0].Action[1] 's3 GetObject' is not service:Action",
    ],
    ['an empty action list', policy({ ...ok, Action: [] }), 'Statement[0].Action is an empty list'],
    ['a number as action', policy({ ...ok, Action: 7 }), 'Statement[0].Action must be a string'],
    ['no Resource', policy({ Effect: 'Allow', Action: 's3:*' }), 'Statement[0] has neither Resource nor NotResource'],
    ['a bad resource', policy({ ...ok, Resource: 'bucket/*' }), "Statement[0].Resource 'bucket/*' is not an ARN or *"],
    ['a bad Sid', policy({ ...ok, Sid: 'has-dash' }), 'Statement[0].Sid must be letters and digits only'],
    [
      'a duplicate Sid',
      {
        Statement: [
          { ...ok, Sid: 'A' },
          { ...ok, Sid: 'A' },
        ],
      },
      "Statement[1].Sid 'A' is used by an earlier statement",
    ],
    [
      'an unknown condition operator',
      policy({ ...ok, Condition: { StringEqual: { 'aws:x': 'y' } } }),
      'Statement[0].Condition.StringEqual is not a condition operator',
    ],
    [
      'an empty condition block',
      policy({ ...ok, Condition: { StringEquals: {} } }),
      'Statement[0].Condition.StringEquals must be a non-empty object of condition keys',
    ],
    [
      'an object as condition value',
      policy({ ...ok, Condition: { StringEquals: { 'aws:x': { a: 1 } } } }),
      'Statement[0].Condition.StringEquals.aws:x must be a string',
    ],
  ])('rejects %s', (_label, document, problem) => {
    expect(() => validatePolicyDocument(document, 'inline-session-policy')).toThrow(`Input 'inline-session-policy': ${problem}`);
  });
});
