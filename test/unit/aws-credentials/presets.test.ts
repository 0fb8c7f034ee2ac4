import { describe, expect, test } from '@jest/globals';
import { resolvePresetScope, type PresetName, type ScopeInputs } from '../../../src/aws-credentials/preset-scope.js';
import { CODEDEPLOY_ACTIONS, presetPolicy } from '../../../src/aws-credentials/session-policy-presets.js';
import { validatePolicyDocument } from '../../../src/aws-credentials/policy-document.js';
import { matchesAction as matchesIamPattern } from '../../../sandbox/iam/wildcard.js';

const target = { partition: 'aws' as const, accountId: '123456789012', region: 'eu-west-1' };
const none: ScopeInputs = { ecrRepositories: [], ecsServices: [], passRoles: [] };

describe('ecr-push', () => {
  test('login on *, push only to the named repositories', () => {
    const scope = resolvePresetScope(
      'ecr-push',
      { ...none, ecrRepositories: ['web', 'team/worker', 'arn:aws:ecr:us-east-1:210987654321:repository/shared'] },
      target,
    )!;
    const policy = presetPolicy('ecr-push', scope);
    expect(policy.Statement[0]).toEqual({ Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' });
    expect(policy.Statement[1]?.Resource).toEqual([
      'arn:aws:ecr:eu-west-1:123456789012:repository/web',
      'arn:aws:ecr:eu-west-1:123456789012:repository/team/worker',
      'arn:aws:ecr:us-east-1:210987654321:repository/shared',
    ]);
    expect(policy.Statement[1]?.Action).toContain('ecr:PutImage');
    expect(policy.Statement[1]?.Action).not.toContain('ecr:DeleteRepository');
    expect(validatePolicyDocument(policy, 'x')).toEqual(policy);
  });
});

describe('ecs-deploy', () => {
  const scope = resolvePresetScope(
    'ecs-deploy',
    {
      ...none,
      ecsCluster: 'prod',
      ecsServices: ['web', 'arn:aws:ecs:eu-west-1:123456789012:service/prod/worker'],
      passRoles: ['app-task', 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole'],
    },
    target,
  )!;
  const policy = presetPolicy('ecs-deploy', scope);
  const bySid = Object.fromEntries(policy.Statement.map((statement) => [statement.Sid, statement]));

  test('service and service-deployment calls only on the named services of the cluster', () => {
    expect(bySid.EcsService).toEqual({
      Sid: 'EcsService',
      Effect: 'Allow',
      Action: [
        'ecs:DescribeServices',
        'ecs:UpdateService',
        'ecs:ListServiceDeployments',
        'ecs:DescribeServiceDeployments',
        'ecs:*ServiceDeployment',
        'ecs:DescribeServiceRevisions',
      ],
      Resource: [
        'arn:aws:ecs:eu-west-1:123456789012:service/prod/web',
        'arn:aws:ecs:eu-west-1:123456789012:service-*/prod/web/*',
        'arn:aws:ecs:eu-west-1:123456789012:service/prod/worker',
        'arn:aws:ecs:eu-west-1:123456789012:service-*/prod/worker/*',
      ],
    });
  });

  test('tasks and one-off runs are bound to the cluster', () => {
    expect(bySid.EcsTask?.Resource).toBe('arn:aws:ecs:eu-west-1:123456789012:task/prod/*');
    expect(bySid.EcsRunTask?.Condition).toEqual({ ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod' } });
    expect(bySid.EcsListTasks?.Condition).toEqual({ ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod' } });
  });

  test('PassRole only for the listed roles and only to ECS tasks', () => {
    expect(bySid.PassTaskRoles).toEqual({
      Sid: 'PassTaskRoles',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: ['arn:aws:iam::123456789012:role/app-task', 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole'],
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    });
  });

  test('* only for actions without resource-level permissions', () => {
    const wildcard = policy.Statement.filter((statement) => statement.Resource === '*').flatMap((statement) => [statement.Action].flat());
    expect(wildcard.sort()).toEqual([
      'ecs:DescribeTaskDefinition',
      'ecs:ListTasks',
      'ecs:RegisterTaskDefinition',
      'elasticloadbalancing:DescribeTargetHealth',
    ]);
  });

  test('without pass-roles there is no PassRole statement', () => {
    const bare = resolvePresetScope('ecs-deploy', { ...none, ecsCluster: 'prod', ecsServices: ['web'] }, target)!;
    expect(presetPolicy('ecs-deploy', bare).Statement.map((statement) => statement.Sid)).not.toContain('PassTaskRoles');
  });

  test('fits the STS limit with four services and two roles', () => {
    const four = resolvePresetScope(
      'ecs-deploy',
      {
        ...none,
        ecsCluster: 'production',
        ecsServices: ['web', 'api', 'worker', 'scheduler'],
        passRoles: ['app-task', 'ecsTaskExecutionRole'],
      },
      target,
    )!;
    expect(JSON.stringify(presetPolicy('ecs-deploy', four)).length).toBeLessThanOrEqual(2_048);
  });
});

describe('ecs-deploy on a CODE_DEPLOY service', () => {
  const withCodeDeploy = (extra: Partial<ScopeInputs>) =>
    resolvePresetScope(
      'ecs-deploy',
      { ...none, ecsCluster: 'prod', ecsServices: ['web'], passRoles: ['web-task', 'ecsTaskExecutionRole'], ...extra },
      target,
    )!;

  test('adds one CodeDeploy statement scoped to the application, its deployment group and deployment configurations', () => {
    const policy = presetPolicy(
      'ecs-deploy',
      withCodeDeploy({ codedeployApplication: 'AppECS-prod-web', codedeployDeploymentGroup: 'DgpECS-prod-web' }),
    );
    const statement = policy.Statement.find((candidate) => candidate.Sid === 'CodeDeploy');
    expect(statement?.Resource).toEqual([
      'arn:aws:codedeploy:eu-west-1:123456789012:application:AppECS-prod-web',
      'arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:AppECS-prod-web/DgpECS-prod-web',
      'arn:aws:codedeploy:eu-west-1:123456789012:deploymentconfig:*',
    ]);
    expect(validatePolicyDocument(policy, 'x')).toEqual(policy);
  });

  test.each([
    'codedeploy:CreateDeployment',
    'codedeploy:GetDeployment',
    'codedeploy:GetDeploymentConfig',
    'codedeploy:GetDeploymentGroup',
    'codedeploy:GetApplicationRevision',
    'codedeploy:RegisterApplicationRevision',
    'codedeploy:ListDeploymentTargets',
    'codedeploy:BatchGetDeploymentTargets',
    'codedeploy:GetDeploymentTarget',
    'codedeploy:StopDeployment',
    'codedeploy:ListDeployments',
  ])('grants %s', (action) => {
    expect(CODEDEPLOY_ACTIONS.some((pattern) => matchesIamPattern(pattern, action))).toBe(true);
  });

  test.each([
    'codedeploy:DeleteApplication',
    'codedeploy:CreateDeploymentGroup',
    'codedeploy:UpdateDeploymentGroup',
    'codedeploy:ContinueDeployment',
  ])('does not grant %s', (action) => {
    expect(CODEDEPLOY_ACTIONS.some((pattern) => matchesIamPattern(pattern, action))).toBe(false);
  });

  test('without the CodeDeploy inputs there is no CodeDeploy statement', () => {
    expect(presetPolicy('ecs-deploy', withCodeDeploy({})).Statement.map((statement) => statement.Sid)).not.toContain('CodeDeploy');
  });

  test('fits the STS limit with the names a team gives them: production, phoenix-api, two roles, a group per environment', () => {
    const scope = resolvePresetScope(
      'ecs-deploy',
      {
        ...none,
        ecsCluster: 'production',
        ecsServices: ['phoenix-api'],
        passRoles: ['phoenix-api-task', 'ecsTaskExecutionRole'],
        codedeployApplication: 'phoenix-api-production',
        codedeployDeploymentGroup: 'phoenix-api-production',
      },
      target,
    )!;
    expect(JSON.stringify(presetPolicy('ecs-deploy', scope)).length).toBeLessThanOrEqual(2_048);
  });

  test('fits the STS limit with one service, two roles and 20-character CodeDeploy names', () => {
    const scope = withCodeDeploy({ codedeployApplication: 'a'.repeat(20), codedeployDeploymentGroup: 'g'.repeat(20) });
    expect(JSON.stringify(presetPolicy('ecs-deploy', scope)).length).toBeLessThanOrEqual(2_048);
  });

  test.each<[Partial<ScopeInputs>, string]>([
    [{ codedeployApplication: 'app' }, "Input 'codedeploy-deployment-group': is required when codedeploy-application is set"],
    [{ codedeployDeploymentGroup: 'group' }, "Input 'codedeploy-application': is required when codedeploy-deployment-group is set"],
    [
      { codedeployApplication: 'arn:aws:codedeploy:eu-west-1:123456789012:application:app', codedeployDeploymentGroup: 'group' },
      "Input 'codedeploy-application': 'arn:aws:codedeploy:eu-west-1:123456789012:application:app' is not a CodeDeploy application name",
    ],
    [{ codedeployApplication: 'app', codedeployDeploymentGroup: 'blue*' }, "Input 'codedeploy-deployment-group': 'blue*' is not"],
    [{ codedeployApplication: 'x'.repeat(101), codedeployDeploymentGroup: 'group' }, "Input 'codedeploy-application'"],
  ])('refuses %j', (extra, message) => {
    expect(() => withCodeDeploy(extra)).toThrow(message);
  });

  test('the CodeDeploy inputs belong to ecs-deploy only', () => {
    expect(() => resolvePresetScope('ecr-push', { ...none, ecrRepositories: ['web'], codedeployApplication: 'app' }, target)).toThrow(
      "Input 'codedeploy-application': is not used by the ecr-push preset",
    );
  });
});

describe('terraform-plan', () => {
  test('state read plus S3-native lock file by default', () => {
    const scope = resolvePresetScope('terraform-plan', { ...none, terraformStateBucket: 'acme-tfstate' }, target)!;
    expect(presetPolicy('terraform-plan', scope).Statement).toEqual([
      { Sid: 'StateList', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-tfstate' },
      { Sid: 'StateRead', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-tfstate/*' },
      { Sid: 'StateLock', Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::acme-tfstate/*.tflock' },
    ]);
  });

  test('DynamoDB locking when a lock table is given', () => {
    const scope = resolvePresetScope(
      'terraform-plan',
      { ...none, terraformStateBucket: 'acme-tfstate', terraformLockTable: 'tf-locks' },
      { ...target, partition: 'aws-cn', region: 'cn-north-1' },
    )!;
    expect(presetPolicy('terraform-plan', scope).Statement[2]).toEqual({
      Sid: 'StateLock',
      Effect: 'Allow',
      Action: ['dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
      Resource: 'arn:aws-cn:dynamodb:cn-north-1:123456789012:table/tf-locks',
    });
  });
});

describe('resolvePresetScope errors', () => {
  test.each<[PresetName | undefined, ScopeInputs, string]>([
    [undefined, { ...none, ecsCluster: 'prod' }, "Input 'ecs-cluster': only scopes a session-policy preset, and none is set"],
    ['ecr-push', none, "Input 'ecr-repositories': is required by session-policy: ecr-push"],
    ['ecr-push', { ...none, ecrRepositories: ['web'], ecsCluster: 'prod' }, "Input 'ecs-cluster': is not used by the ecr-push preset"],
    ['ecr-push', { ...none, ecrRepositories: ['Web'] }, "Input 'ecr-repositories': 'Web' is not an ECR repository name"],
    ['ecr-push', { ...none, ecrRepositories: ['123456789012.dkr.ecr.us-east-1.amazonaws.com/web'] }, 'is an image URI'],
    ['ecr-push', { ...none, ecrRepositories: ['arn:aws-cn:ecr:cn-north-1:123456789012:repository/web'] }, 'is in partition aws-cn'],
    ['ecs-deploy', { ...none, ecsCluster: 'prod' }, "Input 'ecs-services': is required by session-policy: ecs-deploy"],
    ['ecs-deploy', { ...none, ecsServices: ['web'] }, "Input 'ecs-cluster': is required"],
    [
      'ecs-deploy',
      { ...none, ecsCluster: 'prod cluster', ecsServices: ['web'] },
      "Input 'ecs-cluster': 'prod cluster' is not an ECS cluster name",
    ],
    [
      'ecs-deploy',
      { ...none, ecsCluster: 'prod', ecsServices: ['arn:aws:ecs:eu-west-1:123456789012:service/staging/web'] },
      'is in cluster staging, not prod',
    ],
    [
      'ecs-deploy',
      { ...none, ecsCluster: 'prod', ecsServices: ['web'], passRoles: ['arn:aws:iam::123456789012:user/x'] },
      "Input 'pass-roles'",
    ],
    [
      'terraform-plan',
      { ...none, terraformStateBucket: 's3://bucket' },
      "Input 'terraform-state-bucket': 's3://bucket' is not an S3 bucket name",
    ],
    ['terraform-plan', { ...none, terraformStateBucket: 'b-1', terraformLockTable: 'x' }, "Input 'terraform-lock-table'"],
    ['terraform-plan', { ...none, terraformLockTable: 'locks' }, "Input 'terraform-state-bucket': is required"],
  ])('%s with %j', (preset, inputs, message) => {
    expect(() => resolvePresetScope(preset, inputs, target)).toThrow(message);
  });
});

describe('README', () => {
  test('shows exactly the policy each preset produces for its examples', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../../actions/aws-credentials/README.md', import.meta.url), 'utf8');
    const example = { ...target, region: 'us-east-1' };
    const examples: [Parameters<typeof presetPolicy>[0], ScopeInputs][] = [
      ['ecr-push', { ...none, ecrRepositories: ['web', 'team/worker'] }],
      ['ecs-deploy', { ...none, ecsCluster: 'prod', ecsServices: ['web', 'worker'], passRoles: ['web-task', 'ecsTaskExecutionRole'] }],
      ['terraform-plan', { ...none, terraformStateBucket: 'acme-tfstate' }],
      ['terraform-plan', { ...none, terraformStateBucket: 'acme-tfstate', terraformLockTable: 'tf-locks' }],
    ];
    for (const [preset, inputs] of examples) {
      expect(readme).toContain(JSON.stringify(presetPolicy(preset, resolvePresetScope(preset, inputs, example)!), null, 2));
    }
    const codedeploy = resolvePresetScope(
      'ecs-deploy',
      {
        ...none,
        ecsCluster: 'prod',
        ecsServices: ['web'],
        codedeployApplication: 'AppECS-prod-web',
        codedeployDeploymentGroup: 'DgpECS-prod-web',
      },
      example,
    )!;
    const statement = presetPolicy('ecs-deploy', codedeploy).Statement.find((candidate) => candidate.Sid === 'CodeDeploy');
    expect(readme).toContain(JSON.stringify(statement, null, 2));
  });
});
