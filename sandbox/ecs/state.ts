import type { SandboxClock } from '../core/contract.js';
import type { SeededRandom } from '../core/random.js';
import type { TargetGroupStore } from '../elbv2/target-groups.js';
import type { LogStore } from '../logs/log-store.js';
import type { AlarmStates } from './alarms.js';
import type { EcsArns } from './arns.js';
import type { ImageBehavior } from './image-behaviors.js';
import type { LambdaHookBehaviors } from './lifecycle-hooks.js';
import type { ClusterRecord, ServiceDeploymentRecord, ServiceRecord, ServiceRevisionRecord, TaskRecord } from './records.js';
import type { TaskDefinitionRegistry } from './task-definitions.js';

export interface EcsSimulationDeps {
  clock: SandboxClock;
  random: SeededRandom;
  region: string;
  account: string;
  targetGroups: TargetGroupStore;
  logs: LogStore;
  /** The digest a registry holds for an image reference, when the sandbox's ECR has it. */
  registryDigest?: (image: string) => string | undefined;
}

/**
 * What the step modules (scheduler, task lifecycle, deployments, blue/green, rollback) read and
 * change of the simulation. `EcsSimulation` implements it and calls those modules on every step;
 * they see it through this interface, so none of them imports the class that imports them.
 */
export interface EcsState {
  readonly deps: EcsSimulationDeps;
  readonly arns: EcsArns;
  readonly taskDefinitions: TaskDefinitionRegistry;
  readonly clusters: Map<string, ClusterRecord>;
  /** Keyed `cluster/service`. */
  readonly services: Map<string, ServiceRecord>;
  readonly tasks: Map<string, TaskRecord>;
  /** Tasks not yet STOPPED. */
  readonly liveTasks: Set<TaskRecord>;
  readonly serviceDeployments: Map<string, ServiceDeploymentRecord>;
  readonly revisions: Map<string, ServiceRevisionRecord>;
  readonly alarms: AlarmStates;
  /** What each lifecycle-hook Lambda answers (set by admin). */
  readonly hookBehaviors: LambdaHookBehaviors;
  /** The sandbox's seeded generator: every id and address the simulation makes comes from it. */
  readonly random: SeededRandom;
  /** Sandbox time the simulation has reached. */
  readonly now: number;
  /** A private IP no other task has had. */
  allocateIp(): string;
  /** What a container of this image does (running `command` when one overrides its CMD). */
  behaviorOf(image: string, command?: string[]): ImageBehavior;
  digestOf(image: string): string;
  ensureCluster(name: string, now?: number): ClusterRecord;
  /** Why a task of this task definition cannot be placed in the cluster now, if it cannot. */
  placementFailure(clusterName: string, taskDefinitionArn: string): string | undefined;
  serviceTasks(service: ServiceRecord): TaskRecord[];
  serviceOf(task: TaskRecord): ServiceRecord | undefined;
  addEvent(service: ServiceRecord, message: string, now: number): void;
  /** One event per batch whose count grows as the same step does the same thing to more tasks. */
  addCountedEvent(service: ServiceRecord, key: string, message: (count: number) => string, now: number): void;
  /** For conditions that persist: said once, not every step. */
  addEventOnce(service: ServiceRecord, message: string, now: number): void;
}
