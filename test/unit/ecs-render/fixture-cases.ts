import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../fixture-paths.js';

/**
 * What ecs-render does with each file in test/fixtures/ecs-taskdef, shared by the in-process
 * sweep (unit) and the bundle sweep (e2e). Several published examples carry placeholder account
 * IDs or regions (XXXXXXXXXXXX, 11111111111, aws_account_id, {{must_env …}}), which ECS would
 * reject: they fail as they are, and render once the placeholders are given as inputs, as a user
 * would give them.
 */

export const TASKDEF_FIXTURES = join(FIXTURES, 'ecs-taskdef');

export const NEW_IMAGE =
  '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

export interface FixtureCase {
  file: string;
  outcome: 'renders' | 'fails';
  /** The container whose image is replaced. */
  container?: string;
  /** Inputs that replace a published example's placeholders; without them the file must fail with `error`. */
  fill?: Record<string, string>;
  error?: RegExp;
}

const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const PLACEHOLDER = /not an IAM role ARN \(an unrendered template placeholder\?\)/;

export const FIXTURE_CASES: FixtureCase[] = [
  {
    file: 'awsdocs__amazon-ecs-developer-guide/example_task_definitions/webserver-fargate.json',
    outcome: 'renders',
    container: 'sample-fargate-app',
  },
  {
    file: 'aws-samples__amazon-ecs-firelens-examples/parse-envoy-app-mesh/appmesh-firelens-colorteller-black-ecs-task-def.json',
    outcome: 'renders',
    container: 'app',
  },
  { file: 'aws-samples__aws-containers-task-definitions/consul/ConsulServer.json', outcome: 'renders', container: 'consulServer' },
  { file: 'aws-samples__aws-containers-task-definitions/nginx/nginx_ec2.json', outcome: 'renders', container: 'nginx' },
  { file: 'aws-samples__aws-containers-task-definitions/nginx/nginx_fargate.json', outcome: 'renders', container: 'nginx' },
  { file: 'aws__aws-cli/ecs/describe-task-definition.output-1.json', outcome: 'renders', container: 'wordpress' },
  { file: 'aws__aws-cli/ecs/register-task-definition.output-1.json', outcome: 'renders', container: 'sleep' },
  {
    file: 'aws-samples__amazon-ecs-firelens-examples/efs/task-definition.json',
    outcome: 'renders',
    container: 'nginx',
    fill: { 'task-role-arn': role('ecsTaskExecutionRole'), 'execution-role-arn': role('ecsTaskExecutionRole') },
    error: /taskRoleArn 'arn:aws:iam::11111111111:role\/ecsTaskExecutionRole' is not an IAM role ARN/,
  },
  {
    file: 'aws-samples__amazon-ecs-firelens-examples/health-check/task-definition-uptime-healthcheck.json',
    outcome: 'renders',
    container: 'app',
    fill: { 'task-role-arn': role('ecs_task_iam_role'), 'execution-role-arn': role('ecs_task_execution_role') },
    error: PLACEHOLDER,
  },
  {
    file: 'awsdocs__amazon-ecs-developer-guide/specifying-sensitive-data-tutorial/ecs-secrets-tutorial.json',
    outcome: 'renders',
    container: 'ecs-secrets-container',
    fill: {
      'execution-role-arn': role('ecsTaskExecutionRole'),
      secrets: 'username_value=arn:aws:secretsmanager:us-east-1:123456789012:secret:username_value-u9bH6K',
    },
    error: /secrets 'username_value': valueFrom .* is neither a Secrets Manager secret ARN/,
  },
  {
    file: 'kayac__ecspresso/ci/ecs-task-def-daemon.json',
    outcome: 'renders',
    container: 'nginx',
    fill: {
      'task-role-arn': role('ecsTaskRole'),
      'execution-role-arn': role('ecsTaskRole'),
      secrets: [
        'BAR=arn:aws:ssm:ap-northeast-1:123456789012:parameter/ecspresso-test/bar',
        'BAZ=arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:ecspresso-test/baz-06XQOH',
      ].join('\n'),
    },
    error: /\{\{must_env `AWS_ACCOUNT_ID`\}\}.*unrendered template placeholder/,
  },
  {
    file: 'aws-samples__amazon-ecs-firelens-examples/datadog/task-definition.json',
    outcome: 'fails',
    container: 'app',
    error: /secretOptions 'apikey': valueFrom 'arn:\$\{Partition\}.*unrendered template placeholder/,
  },
  {
    file: 'awsdocs__amazon-ecs-developer-guide/task-definition-template/task-definition-template.json',
    outcome: 'fails',
    error: /family is missing; .*containerDefinitions\[0\] has no name/,
  },
  { file: 'aws-samples__amazon-ecs-fullstack-app-terraform/Templates/taskdef.json', outcome: 'fails', error: /is not valid JSON/ },
  {
    file: 'aws-samples__amazon-ecs-fullstack-app-terraform/Templates/appspec.yaml',
    outcome: 'fails',
    error: /has no containerDefinitions list/,
  },
  {
    file: 'terraform-aws-modules__terraform-aws-ecs/container-definition/definition.json',
    outcome: 'fails',
    error: /holds a single container definition, not a task definition/,
  },
  {
    file: 'terraform-aws-modules__terraform-aws-ecs/container-definition/definition_simple.json',
    outcome: 'fails',
    error: /holds a single container definition, not a task definition/,
  },
];

/** Every JSON or YAML file in the fixture folder, so a new fixture cannot be skipped silently. */
export function fixtureFiles(): string[] {
  return readdirSync(TASKDEF_FIXTURES, { recursive: true })
    .map(String)
    .filter((file) => /\.(json|ya?ml)$/.test(file))
    .sort();
}

export function fixturePath(file: string): string {
  return join(TASKDEF_FIXTURES, file);
}

/** Inputs that render a case: its container gets NEW_IMAGE, its placeholders get their fill. */
export function renderInputs(fixture: FixtureCase, withFill = true): Record<string, string> {
  return {
    'task-definition': fixturePath(fixture.file),
    ...(fixture.container ? { 'container-name': fixture.container, image: NEW_IMAGE } : {}),
    ...(withFill ? fixture.fill : {}),
  };
}
