import type { AwsOperationContext, AwsOperationHandler, AwsPermission, AwsServiceDefinition } from '../core/contract.js';
import { clusterName, lastSegment, optionalStrings } from './arns.js';
import { checkBatchLimit } from './batch-limits.js';
import { clusterHandlers } from './cluster-handlers.js';
import { deploymentHandlers } from './deployment-handlers.js';
import { serviceHandlers } from './service-handlers.js';
import type { EcsSimulation } from './simulation.js';
import { taskHandlers } from './task-handlers.js';

type Params = Record<string, unknown>;
type PermissionsOf = (params: Params, context: AwsOperationContext) => AwsPermission[];

/** The resources each ECS action is authorized against, as the ECS service authorization reference lists them. */
function permissions(sim: EcsSimulation): Record<string, PermissionsOf> {
  const { arns } = sim;
  const allow = (action: string, resources: string[]) => [{ action: `ecs:${action}`, resources }];
  const service = (p: Params) => arns.service(clusterName(p), lastSegment(String(p.service ?? p.serviceName ?? '')));
  // RunTask is authorized on the task definition ARN; an unknown reference keeps its own spelling.
  const taskDef = (p: Params) => {
    const ref = String(p.taskDefinition ?? '');
    return ref.startsWith('arn:')
      ? ref
      : (sim.taskDefinitions.resolve(ref)?.arn ?? `arn:aws:ecs:${sim.deps.region}:${sim.deps.account}:task-definition/${ref}`);
  };
  const roles = (p: Params) => [p.executionRoleArn, p.taskRoleArn].filter((r): r is string => typeof r === 'string');
  return {
    RegisterTaskDefinition: (p) => [
      ...allow('RegisterTaskDefinition', ['*']),
      ...(roles(p).length > 0 ? [{ action: 'iam:PassRole', resources: roles(p) }] : []),
    ],
    DescribeTaskDefinition: () => allow('DescribeTaskDefinition', ['*']),
    DeregisterTaskDefinition: () => allow('DeregisterTaskDefinition', ['*']),
    ListTaskDefinitions: () => allow('ListTaskDefinitions', ['*']),
    // List* and ListTaskDefinitionFamilies take no resource (`*`); DescribeClusters is per cluster.
    ListClusters: () => allow('ListClusters', ['*']),
    DescribeClusters: (p) => {
      const asked = optionalStrings(p.clusters);
      return allow(
        'DescribeClusters',
        (asked.length > 0 ? asked : ['default']).map((c) => arns.cluster(lastSegment(c))),
      );
    },
    ListServices: () => allow('ListServices', ['*']),
    ListTaskDefinitionFamilies: () => allow('ListTaskDefinitionFamilies', ['*']),
    CreateCluster: (p) => allow('CreateCluster', [arns.cluster(String(p.clusterName ?? 'default'))]),
    CreateService: (p) => allow('CreateService', [service(p)]),
    DescribeServices: (p) =>
      allow(
        'DescribeServices',
        optionalStrings(p.services).map((s) => arns.service(clusterName(p), lastSegment(s))),
      ),
    UpdateService: (p) => allow('UpdateService', [service(p)]),
    DeleteService: (p) => allow('DeleteService', [service(p)]),
    ListServiceDeployments: (p) => allow('ListServiceDeployments', [service(p)]),
    DescribeServiceDeployments: (p) => allow('DescribeServiceDeployments', optionalStrings(p.serviceDeploymentArns)),
    DescribeServiceRevisions: (p) => allow('DescribeServiceRevisions', optionalStrings(p.serviceRevisionArns)),
    StopServiceDeployment: (p) => allow('StopServiceDeployment', [String(p.serviceDeploymentArn ?? '')]),
    ContinueServiceDeployment: (p) => allow('ContinueServiceDeployment', [String(p.serviceDeploymentArn ?? '')]),
    RunTask: (p) => allow('RunTask', [taskDef(p)]),
    DescribeTasks: (p) =>
      allow(
        'DescribeTasks',
        optionalStrings(p.tasks).map((t) => (t.startsWith('arn:') ? t : arns.task(clusterName(p), t))),
      ),
    ListTasks: (p) => allow('ListTasks', [arns.cluster(clusterName(p))]),
    StopTask: (p) =>
      allow('StopTask', [String(p.task ?? '').startsWith('arn:') ? String(p.task) : arns.task(clusterName(p), String(p.task ?? ''))]),
  };
}

/** ECS over JSON 1.1. Every operation first brings the simulation up to the sandbox clock. */
export function createEcsService(sim: EcsSimulation): AwsServiceDefinition {
  const handlers: Record<string, AwsOperationHandler> = {
    ...clusterHandlers(sim),
    ...serviceHandlers(sim),
    ...taskHandlers(sim),
    ...deploymentHandlers(sim),
  };
  const operations = Object.fromEntries(
    Object.entries(handlers).map(([name, handler]): [string, AwsOperationHandler] => [
      name,
      (params, context) => {
        checkBatchLimit(name, params);
        sim.sync();
        return handler(params, context);
      },
    ]),
  );
  return {
    envName: 'ECS',
    iamPrefix: 'ecs',
    protocol: 'json1.1',
    targetPrefix: 'AmazonEC2ContainerServiceV20141113',
    operations,
    permissions: permissions(sim),
  };
}

export { EcsSimulation } from './simulation.js';
export type { ImageBehavior, ImageBehaviorKind } from './image-behaviors.js';
