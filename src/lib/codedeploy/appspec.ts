import type { Service, TaskSet } from '@aws-sdk/client-ecs';
import { InputError } from '../errors.js';

/**
 * The AppSpec of an ECS blue/green deployment: built from the service (what it runs behind its load
 * balancer now), or the user's file (`codedeploy-appspec`) with the registered task definition put
 * in. Schema: https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-resources.html#reference-appspec-file-structure-resources-ecs
 * and hooks: https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html#appspec-hooks-ecs
 */

export interface AppSpecProperties {
  TaskDefinition: string;
  LoadBalancerInfo: { ContainerName: string; ContainerPort: number };
  PlatformVersion?: string;
  NetworkConfiguration?: { AwsvpcConfiguration: { Subnets: string[]; SecurityGroups?: string[]; AssignPublicIp?: string } };
  CapacityProviderStrategy?: { CapacityProvider: string; Base?: number; Weight?: number }[];
}

/** The document sent as AppSpecContent, and what the action reads back from it. */
export interface AppSpec {
  /** The whole document, as JSON text (CodeDeploy takes JSON or YAML; the sha256 is of this text). */
  content: string;
  taskDefinitionArn: string;
  container: { name: string; port: number };
  /** Lifecycle event → the Lambda function CodeDeploy runs for it. */
  hooks: Map<string, string>;
}

/** The user's file, checked at the boundary: what must be there, and where the task definition goes. */
export interface UserAppSpec {
  document: Record<string, unknown>;
  container: { name: string; port: number };
  hooks: Map<string, string>;
  /** The TaskDefinition value as written (`<TASK_DEFINITION>` or an ARN the action replaces). */
  taskDefinitionValue: string;
}

export const TASK_DEFINITION_PLACEHOLDER = '<TASK_DEFINITION>';
/** The lifecycle events an ECS AppSpec may hook (the others, Install, AllowTestTraffic and AllowTraffic, are CodeDeploy's own). */
export const HOOK_EVENTS = ['BeforeInstall', 'AfterInstall', 'AfterAllowTestTraffic', 'BeforeAllowTraffic', 'AfterAllowTraffic'] as const;

/**
 * The AppSpec for `service`: its load balancer's container and port, and the platform version,
 * network configuration and capacity providers it runs with (from its PRIMARY task set, which
 * carries what the last deployment set, else from the service). Without them CodeDeploy would start
 * the replacement with its defaults, not with what the service runs.
 */
export function appSpecForService(service: Service, taskDefinitionArn: string): AppSpec {
  const primary: TaskSet | undefined = service.taskSets?.find((set) => set.status === 'PRIMARY');
  const balancer = [...(primary?.loadBalancers ?? []), ...(service.loadBalancers ?? [])].find(
    (lb) => lb.containerName && lb.containerPort !== undefined,
  );
  if (!balancer?.containerName || balancer.containerPort === undefined) {
    throw new Error(
      `Service ${service.serviceName ?? ''} names no load balancer container and port, which a CodeDeploy blue/green deployment needs; give your AppSpec file with 'codedeploy-appspec'`,
    );
  }
  const properties: AppSpecProperties = {
    TaskDefinition: taskDefinitionArn,
    LoadBalancerInfo: { ContainerName: balancer.containerName, ContainerPort: balancer.containerPort },
  };
  const platformVersion = primary?.platformVersion ?? service.platformVersion;
  if (platformVersion) properties.PlatformVersion = platformVersion;
  const vpc = (primary?.networkConfiguration ?? service.networkConfiguration)?.awsvpcConfiguration;
  if (vpc?.subnets?.length) {
    properties.NetworkConfiguration = {
      AwsvpcConfiguration: {
        Subnets: vpc.subnets,
        ...(vpc.securityGroups?.length ? { SecurityGroups: vpc.securityGroups } : {}),
        ...(vpc.assignPublicIp ? { AssignPublicIp: vpc.assignPublicIp } : {}),
      },
    };
  }
  const strategy = primary?.capacityProviderStrategy?.length ? primary.capacityProviderStrategy : service.capacityProviderStrategy;
  if (strategy?.length) {
    properties.CapacityProviderStrategy = strategy.map((item) => ({
      CapacityProvider: item.capacityProvider ?? '',
      ...(item.base !== undefined ? { Base: item.base } : {}),
      ...(item.weight !== undefined ? { Weight: item.weight } : {}),
    }));
  }
  const document = { version: 0.0, Resources: [{ TargetService: { Type: 'AWS::ECS::Service', Properties: properties } }] };
  return {
    content: JSON.stringify(document),
    taskDefinitionArn,
    container: { name: balancer.containerName, port: balancer.containerPort },
    hooks: new Map(),
  };
}

/** The user's AppSpec with the registered task definition in its TaskDefinition property. */
export function appSpecFromUser(user: UserAppSpec, taskDefinitionArn: string): AppSpec {
  const document = structuredClone(user.document);
  const properties = targetProperties(document, 'codedeploy-appspec');
  properties[keyOf(properties, 'TaskDefinition') ?? 'TaskDefinition'] = taskDefinitionArn;
  return { content: JSON.stringify(document), taskDefinitionArn, container: user.container, hooks: user.hooks };
}

/**
 * Checks a parsed AppSpec file: one AWS::ECS::Service target with a TaskDefinition and a
 * LoadBalancerInfo container and port, and hooks on ECS lifecycle events only. Keys are matched
 * without regard to case, as CodeDeploy and amazon-ecs-deploy-task-definition do.
 */
export function checkUserAppSpec(value: unknown, name: string): UserAppSpec {
  const fail = (problem: string, fix: string): never => {
    throw new InputError(name, problem, fix);
  };
  if (!isRecord(value))
    return fail('is not an AppSpec document (a mapping)', 'Give a YAML or JSON AppSpec file with version and Resources');
  const properties = targetProperties(value, name);
  const taskDefinitionValue = properties[keyOf(properties, 'TaskDefinition') ?? ''];
  if (typeof taskDefinitionValue !== 'string') {
    fail('has no TaskDefinition in its target service Properties', `Add 'TaskDefinition: ${TASK_DEFINITION_PLACEHOLDER}'`);
  }
  const lb = properties[keyOf(properties, 'LoadBalancerInfo') ?? ''];
  const containerName = isRecord(lb) ? lb[keyOf(lb, 'ContainerName') ?? ''] : undefined;
  const containerPort = isRecord(lb) ? Number(lb[keyOf(lb, 'ContainerPort') ?? '']) : NaN;
  if (
    typeof containerName !== 'string' ||
    containerName === '' ||
    !Number.isInteger(containerPort) ||
    containerPort < 1 ||
    containerPort > 65535
  ) {
    fail(
      'has no LoadBalancerInfo with a ContainerName and a ContainerPort (1-65535)',
      'Name the container and port behind the load balancer',
    );
  }
  return {
    document: value,
    container: { name: containerName as string, port: containerPort },
    hooks: readHooks(value[keyOf(value, 'Hooks') ?? ''], fail),
    taskDefinitionValue: taskDefinitionValue as string,
  };
}

/**
 * The TaskDefinition an AppSpec deploys (JSON as this action writes it, or YAML as users do);
 * undefined when it cannot be read. The YAML parser loads only for a text that is not JSON.
 */
export async function taskDefinitionOfAppSpec(content: string): Promise<string | undefined> {
  try {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      parsed = (await import('yaml')).parse(content);
    }
    if (!isRecord(parsed)) return undefined;
    const properties = targetProperties(parsed, 'AppSpec');
    const value = properties[keyOf(properties, 'TaskDefinition') ?? ''];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function targetProperties(document: Record<string, unknown>, name: string): Record<string, unknown> {
  const resources = document[keyOf(document, 'Resources') ?? ''];
  if (!Array.isArray(resources) || resources.length !== 1 || !isRecord(resources[0])) {
    throw new InputError(name, 'must list exactly one resource under Resources', 'Give one TargetService of Type AWS::ECS::Service');
  }
  const [target] = Object.values(resources[0]);
  const type = isRecord(target) ? target[keyOf(target, 'Type') ?? ''] : undefined;
  if (!isRecord(target) || type !== 'AWS::ECS::Service') {
    throw new InputError(name, 'has a resource that is not Type AWS::ECS::Service', 'Describe the ECS service as the TargetService');
  }
  const properties = target[keyOf(target, 'Properties') ?? ''];
  if (!isRecord(properties)) throw new InputError(name, 'has a target service without Properties', 'Add Properties');
  return properties;
}

function readHooks(value: unknown, fail: (problem: string, fix: string) => never): Map<string, string> {
  const hooks = new Map<string, string>();
  if (value === undefined || value === null) return hooks;
  if (!Array.isArray(value)) return fail('has Hooks that are not a list', 'Write Hooks as a list of `- EventName: LambdaFunction`');
  for (const entry of value) {
    const pairs: [string, unknown][] = isRecord(entry) ? Object.entries(entry) : [['', undefined]];
    for (const [event, fn] of pairs) {
      if (!(HOOK_EVENTS as readonly string[]).includes(event) || typeof fn !== 'string' || fn === '') {
        return fail(`has a hook that is not \`<event>: <Lambda function>\` for an ECS event`, `Hook only ${HOOK_EVENTS.join(', ')}`);
      }
      hooks.set(event, fn);
    }
  }
  return hooks;
}

function keyOf(record: Record<string, unknown>, key: string): string | undefined {
  return Object.keys(record).find((candidate) => candidate.toLowerCase() === key.toLowerCase());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
