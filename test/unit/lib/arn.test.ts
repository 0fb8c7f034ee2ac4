import { describe, expect, test } from '@jest/globals';
import {
  formatArn,
  parseArn,
  parseClusterArn,
  parsePolicyArn,
  parseRoleArn,
  parseServiceArn,
  parseTargetGroupArn,
  parseTaskDefinitionArn,
  PARTITIONS,
  shortTaskDefinition,
} from '../../../src/lib/arn.js';
import { ecsResourceName } from '../../../src/lib/ecs-inputs.js';
import { resolvePresetScope } from '../../../src/aws-credentials/preset-scope.js';

const NEW_SERVICE = 'arn:aws:ecs:us-east-1:123456789012:service/prod/web';
const OLD_SERVICE = 'arn:aws:ecs:us-east-1:123456789012:service/web';

describe('parseArn', () => {
  test.each(PARTITIONS)('accepts partition %s', (partition) => {
    expect(parseArn(`arn:${partition}:ecs:us-east-1:123456789012:cluster/prod`)?.partition).toBe(partition);
  });

  test.each(['arn:aws-gov:ecs:us-east-1:123456789012:cluster/prod', 'arn:aws:ecs:us-east-1:123456789012', 'aws:ecs:x:y:z:w', ''])(
    'refuses %p',
    (value) => expect(parseArn(value)).toBeUndefined(),
  );

  test('keeps colons of the resource and formats back', () => {
    const arn = parseArn('arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/web:3');
    expect(arn).toEqual({
      partition: 'aws-cn',
      service: 'ecs',
      region: 'cn-north-1',
      account: '123456789012',
      resource: 'task-definition/web:3',
    });
    expect(arn && formatArn(arn)).toBe('arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/web:3');
  });
});

describe('service ARNs: the long and the old form are both accepted', () => {
  test('parseServiceArn', () => {
    expect(parseServiceArn(NEW_SERVICE)).toMatchObject({ cluster: 'prod', name: 'web', region: 'us-east-1', account: '123456789012' });
    expect(parseServiceArn(OLD_SERVICE)).toMatchObject({ name: 'web' });
    expect(parseServiceArn(OLD_SERVICE)?.cluster).toBeUndefined();
    expect(parseServiceArn('arn:aws:ecs:us-east-1:123456789012:service/a/b/c')).toBeUndefined();
    expect(parseServiceArn('arn:aws:ecs:us-east-1:123456789012:cluster/prod')).toBeUndefined();
  });

  test('by ecs-deploy and ecs-rollback (service input)', () => {
    expect(ecsResourceName(NEW_SERVICE, 'service')).toBe(NEW_SERVICE);
    expect(ecsResourceName(OLD_SERVICE, 'service')).toBe(OLD_SERVICE);
    expect(() => ecsResourceName('arn:aws-gov:ecs:us-east-1:123456789012:service/web', 'service')).toThrow(
      /not a valid service name or ARN/,
    );
  });

  test('by aws-credentials (ecs-services of the ecs-deploy preset)', () => {
    const scope = resolvePresetScope(
      'ecs-deploy',
      { ecrRepositories: [], ecsCluster: 'prod', ecsServices: [NEW_SERVICE, OLD_SERVICE.replace('/web', '/api')], passRoles: [] },
      { partition: 'aws', accountId: '123456789012', region: 'us-east-1' },
    );
    expect(scope?.ecsServiceNames).toEqual(['web', 'api']);
  });
});

describe('other resources', () => {
  test('clusters', () => {
    expect(parseClusterArn('arn:aws-us-gov:ecs:us-gov-west-1:123456789012:cluster/prod')).toMatchObject({
      name: 'prod',
      partition: 'aws-us-gov',
    });
    expect(parseClusterArn('arn:aws:ecs:us-east-1:12345:cluster/prod')).toBeUndefined();
    expect(parseClusterArn('arn:aws:ecs:us-east-1:123456789012:cluster/a/b')).toBeUndefined();
  });

  test('task definition revisions', () => {
    const arn = 'arn:aws-iso-b:ecs:us-isob-east-1:123456789012:task-definition/web-app:42';
    expect(parseTaskDefinitionArn(arn)).toMatchObject({ family: 'web-app', revision: 42, region: 'us-isob-east-1' });
    expect(shortTaskDefinition(arn)).toBe('web-app:42');
    expect(parseTaskDefinitionArn('arn:aws:ecs:us-east-1:123456789012:task-definition/web')).toBeUndefined();
    expect(parseTaskDefinitionArn('arn:aws:ecs:us-east-1:123456789012:task-definition/web:0')).toBeUndefined();
    expect(parseTaskDefinitionArn('arn:aws:ecs:local:123456789012:task-definition/web:1')).toBeUndefined();
  });

  test('target groups', () => {
    expect(parseTargetGroupArn('arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web-tg/0123456789abcdef')).toMatchObject({
      name: 'web-tg',
      id: '0123456789abcdef',
    });
    expect(parseTargetGroupArn('arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/x/0123456789abcdef')).toBeUndefined();
  });

  test('roles and policies are global and may have paths', () => {
    expect(parseRoleArn('arn:aws:iam::123456789012:role/ci/deploy')).toMatchObject({ path: '/ci/', name: 'deploy' });
    expect(parseRoleArn('arn:aws:iam:us-east-1:123456789012:role/deploy')).toBeUndefined();
    expect(parseRoleArn(`arn:aws:iam::123456789012:role/${'r'.repeat(65)}`)).toBeUndefined();
    expect(parsePolicyArn('arn:aws:iam::aws:policy/ReadOnlyAccess')).toMatchObject({ account: 'aws', name: 'ReadOnlyAccess' });
    expect(parsePolicyArn('arn:aws:iam::123456789012:policy/team/boundary')).toMatchObject({ path: '/team/', name: 'boundary' });
    expect(parsePolicyArn('arn:aws:iam::aws:role/ReadOnlyAccess')).toBeUndefined();
  });
});
