import {
  envFileProblem,
  imageProblem,
  looksLikeTemplate,
  roleArnProblem,
  roleReferenceProblem,
  secretSourceProblem,
} from '../../../src/lib/task-definition/references.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('imageProblem', () => {
  it.each([
    'nginx',
    'nginx:1.27-alpine',
    'amazon/aws-for-fluent-bit:stable',
    'public.ecr.aws/aws-containers/ecsdemo-frontend:776fd50',
    '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2',
    `123456789012.dkr.ecr.us-east-1.amazonaws.com/web@${DIGEST}`,
    `123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2@${DIGEST}`,
    'localhost:5000/team/app_name__x:latest',
    'ghcr.io/octo-org/octo-service:sha-0d1a26e',
    '[::1]:5000/app:1',
  ])('accepts %s', (image) => {
    expect(imageProblem(image)).toBeUndefined();
  });

  it.each([
    ['', /is not an image reference/],
    ['nginx:', /is not an image reference/],
    ['Nginx:latest', /is not an image reference/],
    ['MyOrg/app:1', /repository names are lower case/],
    ['repo/app:tag with space', /is not an image reference/],
    ['app:-leading-dash', /is not an image reference/],
    [`app@sha256:${'0'.repeat(63)}`, /malformed digest/],
    [`app@sha512:${'0'.repeat(64)}`, /malformed digest/],
    ['app@sha256:ABCDEF', /malformed digest/],
    ['<REPO_URL>', /is not an image reference/],
    [`a/${'b'.repeat(260)}`, /longer than 255/],
  ])('rejects %s', (image, problem) => {
    expect(imageProblem(image)).toMatch(problem);
  });
});

describe('roleArnProblem', () => {
  it.each(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'])(
    'accepts the %s partition',
    (partition) => {
      expect(roleArnProblem(`arn:${partition}:iam::123456789012:role/deploy`)).toBeUndefined();
    },
  );

  it.each(['arn:aws:iam::123456789012:role/service-role/ecs+task=x,y.z@w-1', 'arn:aws:iam::123456789012:role/a/b/c/name'])(
    'accepts role paths and IAM name characters: %s',
    (arn) => {
      expect(roleArnProblem(arn)).toBeUndefined();
    },
  );

  it.each([
    'arn:aws:iam::12345678901:role/x',
    'arn:aws:iam::XXXXXXXXXXXX:role/x',
    'arn:aws:iam::123456789012:user/x',
    'arn:aws:iam:us-east-1:123456789012:role/x',
    'arn:aws-mars:iam::123456789012:role/x',
    'arn:aws:iam::123456789012:role/',
    'ecsTaskRole',
    '',
  ])('rejects %s', (arn) => {
    expect(roleArnProblem(arn)).toMatch(/is not an IAM role ARN/);
  });

  it('lets a task definition file name a role by itself, as ECS allows', () => {
    expect(roleReferenceProblem('ecsTaskRole')).toBeUndefined();
    expect(roleReferenceProblem('arn:aws:iam::XXXXXXXXXXXX:role/x')).toMatch(/is not an IAM role ARN/);
    expect(roleReferenceProblem('')).toMatch(/is not an IAM role ARN/);
  });
});

describe('secretSourceProblem', () => {
  const secret = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf';
  it.each([
    secret,
    `${secret}:password::`,
    `${secret}:password:AWSCURRENT:`,
    `${secret}::AWSPREVIOUS:`,
    `${secret}:::0ef6b0c7-8f2c-4b44-bd1a-4b0b6a1f3a11`,
    'arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:x',
    'arn:aws-cn:ssm:cn-north-1:123456789012:parameter/app/db/url',
    'arn:aws:ssm:eu-west-1:123456789012:parameter/plain',
    '/app/db/password',
    'db_password',
  ])('accepts %s', (valueFrom) => {
    expect(secretSourceProblem(valueFrom)).toBeUndefined();
  });

  it.each([
    '',
    `${secret}:password`,
    `${secret}:a:b:c:d`,
    'arn:aws:secretsmanager:region:aws_account_id:secret:x',
    'arn:aws:secretsmanager:us-east-1:123456789012:parameter/x',
    'arn:aws:ssm:us-east-1:123456789012:secret:x',
    'arn:aws:s3:::bucket/key',
    'arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}',
    'has spaces',
  ])('rejects %s', (valueFrom) => {
    expect(secretSourceProblem(valueFrom)).toBeDefined();
  });
});

describe('envFileProblem', () => {
  it.each(['arn:aws:s3:::my-bucket/app/prod.env', 'arn:aws-us-gov:s3:::b.c-d/x.env'])('accepts %s', (arn) => {
    expect(envFileProblem(arn)).toBeUndefined();
  });
  it.each([
    'arn:aws:s3:::my-bucket/app/prod.txt',
    's3://my-bucket/prod.env',
    'arn:aws:s3:us-east-1::my-bucket/prod.env',
    'arn:aws:s3:::B/x.env',
  ])('rejects %s', (arn) => {
    expect(envFileProblem(arn)).toMatch(/not the ARN of an S3 object ending in \.env/);
  });
});

describe('looksLikeTemplate', () => {
  it.each([
    ['arn:aws:iam::{{must_env `AWS_ACCOUNT_ID`}}:role/x', true],
    ['<TASK_DEFINITION_FAMILY>', true],
    ['arn:${Partition}:secretsmanager', true],
    ['arn:aws:iam::XXXXXXXXXXXX:role/x', true],
    ['arn:aws:iam::123456789012:role/x', false],
    ['<html> <head>', false],
  ])('%s → %s', (value, expected) => {
    expect(looksLikeTemplate(value)).toBe(expected);
  });
});
