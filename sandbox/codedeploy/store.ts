import { AwsServiceError } from '../core/contract.js';
import type { SeededRandom } from '../core/random.js';
import type { ServiceRecord, TaskSetRecord } from '../ecs/records.js';
import type { EcsSimulation } from '../ecs/simulation.js';
import type { TargetGroupStore } from '../elbv2/target-groups.js';
import type {
  ApplicationRecord,
  DeploymentGroupRecord,
  DeploymentRecord,
  HookEventName,
  ListenerRecord,
  RevisionRecord,
} from './records.js';

export interface CodeDeployDeps {
  ecs: EcsSimulation;
  targetGroups: TargetGroupStore;
  random: SeededRandom;
  region: string;
  account: string;
}

/** How the sandbox's stand-in for a hook's Lambda function answers (it calls PutLifecycleEventHookExecutionStatus). */
export interface HookResponse {
  /** `none`: the function never reports, and CodeDeploy gives up after an hour. */
  status: 'Succeeded' | 'Failed' | 'none';
  /** Sandbox seconds the function takes before it reports (default 5). */
  afterSeconds?: number;
}

export interface HookInvocation {
  deploymentId: string;
  lifecycleEventName: HookEventName;
  functionName: string;
  lifecycleEventHookExecutionId: string;
  /** Sandbox-clock milliseconds. */
  at: number;
}

/** Every CodeDeploy record of the sandbox, and the lookups that fail as CodeDeploy's API fails. */
export class CodeDeployStore {
  readonly applications = new Map<string, ApplicationRecord>();
  /** Keyed `application/group`. */
  readonly groups = new Map<string, DeploymentGroupRecord>();
  /** In creation order. */
  readonly deployments = new Map<string, DeploymentRecord>();
  /** Keyed `application/sha256`. */
  readonly revisions = new Map<string, RevisionRecord>();
  readonly listeners = new Map<string, ListenerRecord>();
  readonly hookResponses = new Map<string, HookResponse>();
  readonly hookInvocations: HookInvocation[] = [];
  readonly configIds = new Map<string, string>();
  readonly random: SeededRandom;
  /** When the predefined configurations "were created" (the sandbox's start). */
  readonly startedAt: number;

  constructor(readonly deps: CodeDeployDeps) {
    this.random = deps.random.fork('codedeploy');
    this.startedAt = deps.ecs.now;
  }

  get now(): number {
    return this.deps.ecs.now;
  }

  arn(kind: 'application' | 'deploymentgroup' | 'deploymentconfig', name: string): string {
    return `arn:aws:codedeploy:${this.deps.region}:${this.deps.account}:${kind}:${name}`;
  }

  newDeploymentId(): string {
    return `d-${this.random.fromAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 9)}`;
  }

  requireApplication(name: unknown): ApplicationRecord {
    if (typeof name !== 'string' || name === '')
      throw new AwsServiceError('ApplicationNameRequiredException', 'The minimum number of required application names was not specified.');
    const app = this.applications.get(name);
    if (!app) throw new AwsServiceError('ApplicationDoesNotExistException', `No application found for name: ${name}`);
    return app;
  }

  requireGroup(applicationName: unknown, groupName: unknown): DeploymentGroupRecord {
    const app = this.requireApplication(applicationName);
    if (typeof groupName !== 'string' || groupName === '')
      throw new AwsServiceError('DeploymentGroupNameRequiredException', 'The deployment group name was not specified.');
    const group = this.groups.get(`${app.name}/${groupName}`);
    if (!group) throw new AwsServiceError('DeploymentGroupDoesNotExistException', `No Deployment Group found for name: ${groupName}`);
    return group;
  }

  requireDeployment(id: unknown): DeploymentRecord {
    if (typeof id !== 'string' || id === '')
      throw new AwsServiceError('DeploymentIdRequiredException', 'At least one deployment ID must be specified.');
    if (!/^d-[A-Z0-9]{9}$/.test(id))
      throw new AwsServiceError('InvalidDeploymentIdException', `Specified DeploymentId is not in the valid format: ${id}`);
    const deployment = this.deployments.get(id);
    if (!deployment) throw new AwsServiceError('DeploymentDoesNotExistException', `The deployment ${id} could not be found.`);
    return deployment;
  }

  groupOf(deployment: DeploymentRecord): DeploymentGroupRecord {
    const group = this.groups.get(`${deployment.applicationName}/${deployment.groupName}`);
    if (!group)
      throw new AwsServiceError('DeploymentGroupDoesNotExistException', `No Deployment Group found for name: ${deployment.groupName}`);
    return group;
  }

  /** The deployment group ARN a call about this deployment is authorized against. */
  groupArnOfDeployment(id: unknown): string {
    const deployment = typeof id === 'string' ? this.deployments.get(id) : undefined;
    return this.arn('deploymentgroup', deployment ? `${deployment.applicationName}/${deployment.groupName}` : `*/${String(id)}`);
  }

  /** The deployment of the group still in flight, if any (a group runs one at a time). */
  activeDeployment(group: DeploymentGroupRecord): DeploymentRecord | undefined {
    return [...this.deployments.values()].find(
      (d) =>
        d.applicationName === group.applicationName &&
        d.groupName === group.name &&
        (d.status === 'Created' || d.status === 'Queued' || d.status === 'InProgress' || d.status === 'Ready'),
    );
  }

  /** The target group ARN of a deployment group's target group name. */
  targetGroupArn(name: string): string {
    const group = this.deps.targetGroups.all().find((g) => g.name === name || g.arn === name);
    if (!group) throw new AwsServiceError('InvalidLoadBalancerInfoException', `Target group ${name} does not exist.`);
    return group.arn;
  }

  targetGroupName(arn: string | undefined): string | undefined {
    return arn === undefined ? undefined : this.deps.targetGroups.get(arn)?.name;
  }

  /** Points every listener given at one target group (100%). */
  route(listenerArns: string[], targetGroupArn: string): void {
    for (const arn of listenerArns) this.listeners.get(arn)?.weights.clear();
    for (const arn of listenerArns) this.listeners.get(arn)?.weights.set(targetGroupArn, 100);
  }

  /** Splits every listener given between two target groups. */
  split(listenerArns: string[], blue: string, green: string, greenWeight: number): void {
    for (const arn of listenerArns) {
      const weights = this.listeners.get(arn)?.weights;
      if (!weights) continue;
      weights.clear();
      if (greenWeight < 100) weights.set(blue, 100 - greenWeight);
      if (greenWeight > 0) weights.set(green, greenWeight);
    }
  }
}

/** The ECS service a deployment's group deploys. */
export function serviceOf(store: CodeDeployStore, deployment: DeploymentRecord): ServiceRecord | undefined {
  const group = store.groupOf(deployment);
  return store.deps.ecs.services.get(`${group.cluster}/${group.service}`);
}

export function taskSetOf(service: ServiceRecord | undefined, id: string | undefined): TaskSetRecord | undefined {
  return id === undefined ? undefined : service?.taskSets?.find((ts) => ts.id === id);
}
