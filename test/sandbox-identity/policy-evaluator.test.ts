import { parsePolicyDocument } from '../../sandbox/iam/policy-document.js';
import { evaluateIntersection, evaluatePolicy, type Decision } from '../../sandbox/iam/policy-evaluator.js';
import { fixturePath } from '../fixture-paths.js';

const SERVICE = 'arn:aws:ecs:us-east-1:123456789012:service/prod/web';
const OTHER = 'arn:aws:ecs:us-east-1:123456789012:service/prod/api';

function policy(...statements: object[]) {
  return parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
}

describe('IAM session-policy evaluator', () => {
  const cases: Array<[string, object[], string, string, Decision]> = [
    [
      'default deny with no statement matching',
      [{ Effect: 'Allow', Action: 'ecr:*', Resource: '*' }],
      'ecs:UpdateService',
      SERVICE,
      'implicit-deny',
    ],
    [
      'exact action and resource',
      [{ Effect: 'Allow', Action: 'ecs:UpdateService', Resource: SERVICE }],
      'ecs:UpdateService',
      SERVICE,
      'allow',
    ],
    [
      'action match is case-insensitive',
      [{ Effect: 'Allow', Action: 'ECS:updateservice', Resource: '*' }],
      'ecs:UpdateService',
      SERVICE,
      'allow',
    ],
    [
      'resource match is case-sensitive',
      [{ Effect: 'Allow', Action: 'ecs:*', Resource: SERVICE.toUpperCase() }],
      'ecs:UpdateService',
      SERVICE,
      'implicit-deny',
    ],
    ['* in action', [{ Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*' }], 'ecs:DescribeServices', SERVICE, 'allow'],
    [
      '* in action does not reach other verbs',
      [{ Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*' }],
      'ecs:UpdateService',
      SERVICE,
      'implicit-deny',
    ],
    [
      '? matches exactly one character',
      [{ Effect: 'Allow', Action: 'ecs:?pdateService', Resource: '*' }],
      'ecs:UpdateService',
      SERVICE,
      'allow',
    ],
    [
      '? does not match two',
      [{ Effect: 'Allow', Action: 'ecs:?dateService', Resource: '*' }],
      'ecs:UpdateService',
      SERVICE,
      'implicit-deny',
    ],
    [
      '* in resource crosses / and :',
      [{ Effect: 'Allow', Action: 'ecs:*', Resource: 'arn:aws:ecs:*:123456789012:service/*' }],
      'ecs:UpdateService',
      SERVICE,
      'allow',
    ],
    [
      'resource for another service',
      [{ Effect: 'Allow', Action: 'ecs:*', Resource: OTHER }],
      'ecs:UpdateService',
      SERVICE,
      'implicit-deny',
    ],
    [
      'a list of actions',
      [{ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecs:UpdateService'], Resource: '*' }],
      'ecs:UpdateService',
      SERVICE,
      'allow',
    ],
    [
      'explicit deny beats allow',
      [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'ecs:UpdateService', Resource: SERVICE },
      ],
      'ecs:UpdateService',
      SERVICE,
      'explicit-deny',
    ],
    [
      'deny elsewhere leaves allow',
      [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'ecs:UpdateService', Resource: OTHER },
      ],
      'ecs:UpdateService',
      SERVICE,
      'allow',
    ],
    ['NotAction allows everything else', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }], 'ecs:UpdateService', SERVICE, 'allow'],
    [
      'NotAction excludes what it names',
      [{ Effect: 'Allow', NotAction: ['iam:*', 'ecs:Update*'], Resource: '*' }],
      'ecs:UpdateService',
      SERVICE,
      'implicit-deny',
    ],
    [
      'Deny with NotAction denies the rest',
      [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', NotAction: 'ecs:Describe*', Resource: '*' },
      ],
      'ecs:UpdateService',
      SERVICE,
      'explicit-deny',
    ],
    [
      'NotResource allows other resources',
      [{ Effect: 'Allow', Action: 'ecs:*', NotResource: OTHER }],
      'ecs:UpdateService',
      SERVICE,
      'allow',
    ],
    [
      'NotResource excludes what it names',
      [{ Effect: 'Allow', Action: 'ecs:*', NotResource: 'arn:aws:ecs:*:*:service/prod/*' }],
      'ecs:UpdateService',
      SERVICE,
      'implicit-deny',
    ],
    [
      'Condition parses and is not enforced',
      [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }],
      'ecs:UpdateService',
      SERVICE,
      'allow',
    ],
  ];

  it.each(cases)('%s', (_name, statements, action, resource, expected) => {
    expect(evaluatePolicy(policy(...statements), action, resource)).toBe(expected);
  });

  it('intersects several session policies: all must allow, one deny wins', () => {
    const ecsAll = policy({ Effect: 'Allow', Action: 'ecs:*', Resource: '*' });
    const webOnly = policy({ Effect: 'Allow', Action: '*', Resource: SERVICE });
    expect(evaluateIntersection([ecsAll, webOnly], 'ecs:UpdateService', [SERVICE])).toBe('allow');
    expect(evaluateIntersection([ecsAll, webOnly], 'ecs:UpdateService', [OTHER])).toBe('implicit-deny');
    expect(evaluateIntersection([ecsAll, webOnly], 'ecs:UpdateService', [SERVICE, OTHER])).toBe('implicit-deny');
    const denyAll = policy({ Effect: 'Deny', Action: '*', Resource: '*' });
    expect(evaluateIntersection([ecsAll, denyAll], 'ecs:UpdateService', [SERVICE])).toBe('explicit-deny');
  });

  it('checks a call without resources against *', () => {
    expect(
      evaluateIntersection(
        [policy({ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' })],
        'ecr:GetAuthorizationToken',
        [],
      ),
    ).toBe('allow');
    expect(evaluateIntersection([policy({ Effect: 'Allow', Action: 'ecs:*', Resource: SERVICE })], 'ecs:ListClusters', [])).toBe(
      'implicit-deny',
    );
  });

  it.each([
    ['not JSON', '{'],
    ['no Statement', '{"Version":"2012-10-17"}'],
    ['bad Effect', '{"Statement":[{"Effect":"allow","Action":"s3:*","Resource":"*"}]}'],
    ['both Action and NotAction', '{"Statement":[{"Effect":"Allow","Action":"s3:*","NotAction":"s3:Get*","Resource":"*"}]}'],
    ['no Resource', '{"Statement":[{"Effect":"Allow","Action":"s3:*"}]}'],
    ['action without service', '{"Statement":[{"Effect":"Allow","Action":"GetObject","Resource":"*"}]}'],
    ['unknown Version', '{"Version":"2020-01-01","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'],
  ])('rejects a malformed document: %s', (_name, text) => {
    expect(() => parsePolicyDocument(text)).toThrow(expect.objectContaining({ code: 'MalformedPolicyDocument' }));
  });

  it('parses the IAM user guide session-policy example', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(
      fixturePath(
        'aws-sts-ecr/awsdocs__iam-user-guide/id_credentials_temp_control-access_assumerole/session-policy-passed-with-assumerole.json',
      ),
      'utf8',
    );
    const doc = parsePolicyDocument(text);
    expect(evaluatePolicy(doc, 's3:GetObject', 'arn:aws:s3:::productionapp/key')).toBe('allow');
    expect(evaluatePolicy(doc, 's3:GetObject', 'arn:aws:s3:::productionapp')).toBe('implicit-deny');
    expect(evaluatePolicy(doc, 's3:ListBucket', 'arn:aws:s3:::productionapp')).toBe('allow');
  });
});
