import { describe, expect, test } from '@jest/globals';
import { partitionOfRegion } from '../../../../src/lib/arn.js';
import { parseRoleToAssume, validateManagedPolicyArns, validateSessionName } from '../../../../src/lib/sts/role-to-assume.js';
import { InputError } from '../../../../src/lib/errors.js';

describe('parseRoleToAssume', () => {
  test.each([
    ['arn:aws:iam::123456789012:role/deploy', 'aws', 'deploy'],
    ['arn:aws-cn:iam::123456789012:role/deploy', 'aws-cn', 'deploy'],
    ['arn:aws-us-gov:iam::123456789012:role/ci/deploy', 'aws-us-gov', 'deploy'],
    ['arn:aws-iso:iam::123456789012:role/a.b@c=d,e+f-g_h', 'aws-iso', 'a.b@c=d,e+f-g_h'],
    ['arn:aws-iso-b:iam::123456789012:role/x1', 'aws-iso-b', 'x1'],
    ['arn:aws-iso-e:iam::123456789012:role/x1', 'aws-iso-e', 'x1'],
    ['arn:aws-iso-f:iam::123456789012:role/x1', 'aws-iso-f', 'x1'],
    ['arn:aws-eusc:iam::123456789012:role/x1', 'aws-eusc', 'x1'],
  ])('accepts %s', (arn, partition, name) => {
    expect(parseRoleToAssume(arn, undefined, 'us-east-1')).toEqual({ arn, partition, accountId: '123456789012', name });
  });

  test("builds the ARN from a role name and aws-account-id in the region's partition", () => {
    expect(parseRoleToAssume('deploy', '123456789012', 'eu-west-1').arn).toBe('arn:aws:iam::123456789012:role/deploy');
    expect(parseRoleToAssume('deploy', '123456789012', 'cn-north-1').arn).toBe('arn:aws-cn:iam::123456789012:role/deploy');
    expect(parseRoleToAssume('ci/deploy', '123456789012', 'us-gov-west-1').arn).toBe('arn:aws-us-gov:iam::123456789012:role/ci/deploy');
  });

  test.each([
    ['arn:aws:iam::123456789012:user/deploy', undefined, 'role-to-assume', 'is not an IAM role ARN'],
    ['arn:aws-gov:iam::123456789012:role/deploy', undefined, 'role-to-assume', "'aws-gov' is not an AWS partition"],
    ['arn:aws:iam::12345:role/deploy', undefined, 'role-to-assume', 'is not a 12-digit AWS account ID'],
    ['arn:aws:iam::123456789012:role/bad name', undefined, 'role-to-assume', 'is not a valid role name'],
    [`arn:aws:iam::123456789012:role/${'x'.repeat(65)}`, undefined, 'role-to-assume', 'is not a valid role name'],
    ['arn:aws:iam::123456789012:role/deploy', '210987654321', 'aws-account-id', 'differs from the account'],
    ['deploy', undefined, 'role-to-assume', 'aws-account-id is not set'],
    ['deploy', '1234-5678-9012', 'aws-account-id', 'is not a 12-digit AWS account ID'],
  ])('rejects %s (account %s)', (value, account, input, problem) => {
    expect(() => parseRoleToAssume(value, account, 'us-east-1')).toThrow(problem);
    try {
      parseRoleToAssume(value, account, 'us-east-1');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).input).toBe(input);
    }
  });

  test('partitionOfRegion', () => {
    expect(
      [
        'us-east-1',
        'cn-northwest-1',
        'us-gov-east-1',
        'us-iso-east-1',
        'us-isob-east-1',
        'eu-isoe-west-1',
        'us-isof-south-1',
        'eusc-de-east-1',
      ].map(partitionOfRegion),
    ).toEqual(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);
  });
});

describe('validateSessionName', () => {
  test.each(['GitHubActions', 'ab', 'a'.repeat(64), 'run-42_attempt.1@repo=x,y+z'])('accepts %s', (name) => {
    expect(validateSessionName(name)).toBe(name);
  });
  test.each([
    ['a', 'is 1 characters long'],
    ['a'.repeat(65), 'is 65 characters long'],
    ['has space', "contains ' '"],
    ['slash/name', "contains '/'"],
    ['colon:name', "contains ':'"],
  ])('rejects %s', (name, problem) => {
    expect(() => validateSessionName(name)).toThrow(problem);
  });
});

describe('validateManagedPolicyArns', () => {
  test('accepts AWS-managed and customer-managed ARNs with paths', () => {
    const arns = [
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::123456789012:policy/ci/ecs-deploy',
      'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    ];
    expect(validateManagedPolicyArns(arns, 'aws')).toEqual(arns);
  });
  test.each([
    [['arn:aws:iam::aws:role/ReadOnlyAccess'], 'is not an IAM managed policy ARN'],
    [['ReadOnlyAccess'], 'is not an IAM managed policy ARN'],
    [['arn:aws-cn:iam::aws:policy/ReadOnlyAccess'], 'is in partition aws-cn but the role is in aws'],
    [['arn:aws:iam::aws:policy/A', 'arn:aws:iam::aws:policy/A'], 'is listed twice'],
    [Array.from({ length: 11 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`), '11 policy ARNs were given; STS accepts at most 10'],
  ])('rejects %j', (arns, problem) => {
    expect(() => validateManagedPolicyArns(arns, 'aws')).toThrow(problem);
  });
  test('ten is fine', () => {
    expect(
      validateManagedPolicyArns(
        Array.from({ length: 10 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`),
        'aws',
      ),
    ).toHaveLength(10);
  });
});
