import type { PolicyDocument, PolicyStatement } from './policy-document.js';
import type { PresetName, PresetScope } from './preset-scope.js';

/*
 * Least-privilege session policies for the suite's jobs. Resource scoping follows the IAM Service
 * Authorization Reference (https://docs.aws.amazon.com/service-authorization/latest/reference/):
 * an action gets `*` only where the reference lists no resource type for it
 * (ecr:GetAuthorizationToken, ecs:RegisterTaskDefinition, ecs:DescribeTaskDefinition,
 * elasticloadbalancing:DescribeTargetHealth, ecs:ListTasks — the last one scoped by the ecs:cluster
 * condition instead). A session policy can only narrow the role's own permissions, never widen them.
 */

/** The ECR calls of login, repository check/creation, buildx push and the per-platform verification. */
const ECR_REPOSITORY_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:BatchGetImage',
  'ecr:CompleteLayerUpload',
  'ecr:CreateRepository',
  'ecr:DescribeImages',
  'ecr:DescribeRepositories',
  'ecr:GetDownloadUrlForLayer',
  'ecr:InitiateLayerUpload',
  'ecr:PutImage',
  'ecr:UploadLayerPart',
];

function ecrPush(scope: PresetScope): PolicyStatement[] {
  return [
    { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    { Sid: 'EcrPush', Effect: 'Allow', Action: ECR_REPOSITORY_ACTIONS, Resource: scope.ecrRepositoryArns },
  ];
}

/**
 * What ecs-deploy and ecs-rollback call for a service whose deployment controller is CODE_DEPLOY:
 * CreateDeployment, GetDeployment, GetDeploymentConfig, GetDeploymentGroup, GetApplicationRevision,
 * RegisterApplicationRevision, ListDeploymentTargets, BatchGetDeploymentTargets, GetDeploymentTarget,
 * StopDeployment and ListDeployments. Three wildcards spell eight of them in a third of the
 * characters, which is what lets the statement fit beside the ECS ones; besides those eight they
 * match only GetDeploymentInstance, a read of the same deployment group.
 */
export const CODEDEPLOY_ACTIONS = [
  'codedeploy:CreateDeployment',
  'codedeploy:StopDeployment',
  'codedeploy:ListDeployments',
  'codedeploy:GetDeployment*',
  'codedeploy:*DeploymentTargets',
  'codedeploy:*ApplicationRevision',
];

/**
 * One statement for all CodeDeploy calls: IAM matches each action only against its own resource type
 * (the deployment group for deployments and targets, the application for revisions, a deployment
 * configuration for GetDeploymentConfig), so listing the three ARNs together grants no more than
 * three statements would, in fewer characters. Deployment configurations are not an input (the
 * group names its own, and codedeploy-config may name another), so the account and region bound them.
 */
function codeDeploy(scope: PresetScope, codedeploy: NonNullable<PresetScope['codedeploy']>): PolicyStatement {
  const prefix = `arn:${scope.partition}:codedeploy:${scope.region}:${scope.accountId}`;
  return {
    Sid: 'CodeDeploy',
    Effect: 'Allow',
    Action: CODEDEPLOY_ACTIONS,
    Resource: [
      `${prefix}:application:${codedeploy.application}`,
      `${prefix}:deploymentgroup:${codedeploy.application}/${codedeploy.deploymentGroup}`,
      `${prefix}:deploymentconfig:*`,
    ],
  };
}

function ecsDeploy(scope: PresetScope): PolicyStatement[] {
  const { partition, region, accountId } = scope;
  const cluster = scope.ecsClusterName ?? '';
  const clusterArn = scope.ecsClusterArn ?? '';
  const ecs = `arn:${partition}:ecs:${region}:${accountId}`;
  // Per service: the service itself, and `service-*` for its service-deployment and service-revision
  // ARNs. One statement suffices because IAM matches each action only against its own resource
  // type, and it keeps several services under the 2,048-character limit.
  const serviceResources = scope.ecsServiceNames.flatMap((service) => [
    `${ecs}:service/${cluster}/${service}`,
    `${ecs}:service-*/${cluster}/${service}/*`,
  ]);
  const onCluster = { ArnEquals: { 'ecs:cluster': clusterArn } };
  const statements: PolicyStatement[] = [
    {
      Sid: 'EcsService',
      Effect: 'Allow',
      // `ecs:*ServiceDeployment` is StopServiceDeployment (rollback in flight) and ContinueServiceDeployment
      // (ecs-promote, and ecs-rollback at a PAUSE hook): the only two ECS actions it matches, in fewer
      // characters than naming both, which keeps the CodeDeploy variant under the 2,048-character limit.
      Action: [
        'ecs:DescribeServices',
        'ecs:UpdateService',
        'ecs:ListServiceDeployments',
        'ecs:DescribeServiceDeployments',
        'ecs:*ServiceDeployment',
        'ecs:DescribeServiceRevisions',
      ],
      Resource: serviceResources,
    },
    // The actions without resource-level permissions, in one statement: a CODE_DEPLOY service with
    // two pass-roles and its CodeDeploy names must still fit the 2,048-character limit.
    {
      Sid: 'Unscoped',
      Effect: 'Allow',
      Action: ['ecs:RegisterTaskDefinition', 'ecs:DescribeTaskDefinition', 'elasticloadbalancing:DescribeTargetHealth'],
      Resource: '*',
    },
    // One-off tasks (migrations) before the rollout: only on this cluster.
    { Sid: 'EcsRunTask', Effect: 'Allow', Action: 'ecs:RunTask', Resource: `${ecs}:task-definition/*`, Condition: onCluster },
    { Sid: 'EcsTask', Effect: 'Allow', Action: ['ecs:DescribeTasks', 'ecs:StopTask'], Resource: `${ecs}:task/${cluster}/*` },
    { Sid: 'EcsListTasks', Effect: 'Allow', Action: 'ecs:ListTasks', Resource: '*', Condition: onCluster },
  ];
  if (scope.passRoleArns.length > 0) {
    // The task and execution roles of the new revision; only to ECS tasks, never to another service.
    statements.push({
      Sid: 'PassTaskRoles',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: scope.passRoleArns,
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    });
  }
  statements.push(
    // Stopped tasks' logs in the failure report; log groups are not an input, so the account and region bound them.
    {
      Sid: 'TaskLogs',
      Effect: 'Allow',
      Action: ['logs:GetLogEvents', 'logs:FilterLogEvents'],
      Resource: `arn:${partition}:logs:${region}:${accountId}:log-group:*`,
    },
  );
  if (scope.codedeploy) statements.push(codeDeploy(scope, scope.codedeploy));
  return statements;
}

function terraformPlan(scope: PresetScope): PolicyStatement[] {
  const bucket = `arn:${scope.partition}:s3:::${scope.terraformStateBucket ?? ''}`;
  const statements: PolicyStatement[] = [
    { Sid: 'StateList', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket },
    { Sid: 'StateRead', Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucket}/*` },
  ];
  if (scope.terraformLockTable) {
    statements.push({
      Sid: 'StateLock',
      Effect: 'Allow',
      Action: ['dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
      Resource: `arn:${scope.partition}:dynamodb:${scope.region}:${scope.accountId}:table/${scope.terraformLockTable}`,
    });
  } else {
    // S3-native locking (use_lockfile): plan writes and removes <key>.tflock next to the state.
    statements.push({ Sid: 'StateLock', Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: `${bucket}/*.tflock` });
  }
  return statements;
}

const BUILDERS: Record<PresetName, (scope: PresetScope) => PolicyStatement[]> = {
  'ecr-push': ecrPush,
  'ecs-deploy': ecsDeploy,
  'terraform-plan': terraformPlan,
};

/** The session policy a preset produces for the given scope. */
export function presetPolicy(preset: PresetName, scope: PresetScope): PolicyDocument {
  return { Version: '2012-10-17', Statement: BUILDERS[preset](scope) };
}
