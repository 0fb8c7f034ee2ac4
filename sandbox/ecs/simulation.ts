import type { SeededRandom } from '../core/random.js';
import { AlarmStates } from './alarms.js';
import { ecsArns, type EcsArns } from './arns.js';
import { imageDigest, type ImageBehavior } from './image-behaviors.js';
import { LambdaHookBehaviors } from './lifecycle-hooks.js';
import type { ClusterRecord, ServiceDeploymentRecord, ServiceRecord, ServiceRevisionRecord, TaskRecord } from './records.js';
import { stepService } from './scheduler.js';
import { stepTaskSets } from './task-sets.js';
import type { EcsSimulationDeps, EcsState } from './state.js';
import { TaskDefinitionRegistry } from './task-definitions.js';
import { stepTask } from './task-lifecycle.js';

/** The simulation advances in steps of this much sandbox time; every decision lands on a step. */
const STEP_MS = 1000;
const MAX_EVENTS = 100;

export type { EcsSimulationDeps } from './state.js';

/**
 * ECS's state and its time-driven behaviour. Nothing runs in the background: every request (and
 * every admin call) first advances the simulation to the clock's now, in fixed steps, so the same
 * seed and the same calls give the same story.
 */
export class EcsSimulation implements EcsState {
  readonly arns: EcsArns;
  readonly taskDefinitions: TaskDefinitionRegistry;
  readonly clusters = new Map<string, ClusterRecord>();
  /** Keyed `cluster/service`. */
  readonly services = new Map<string, ServiceRecord>();
  readonly tasks = new Map<string, TaskRecord>();
  /** Tasks not yet STOPPED, so steps stay cheap however many tasks have come and gone. */
  readonly liveTasks = new Set<TaskRecord>();
  readonly serviceDeployments = new Map<string, ServiceDeploymentRecord>();
  readonly revisions = new Map<string, ServiceRevisionRecord>();
  /** CloudWatch alarm states, for deployments that watch alarms. */
  readonly alarms = new AlarmStates();
  /** What lifecycle-hook Lambdas answer, for BLUE_GREEN / LINEAR / CANARY deployments with hooks. */
  readonly hookBehaviors = new LambdaHookBehaviors();
  /** Controllers outside ECS (CodeDeploy) that act on the same clock, after ECS's own step. */
  readonly afterStep: ((now: number) => void)[] = [];
  private readonly behaviors = new Map<string, ImageBehavior>();
  private cursor: number;
  private nextIp: number;

  constructor(readonly deps: EcsSimulationDeps) {
    this.arns = ecsArns(deps.region, deps.account);
    this.taskDefinitions = new TaskDefinitionRegistry(this.arns.taskDefinition);
    this.cursor = deps.clock.now();
    this.nextIp = deps.random.int(1000);
  }

  /** A private IP no other task has had (a reused IP would confuse target-group registrations). */
  allocateIp(): string {
    const n = this.nextIp++;
    return `10.0.${1 + (Math.floor(n / 250) % 254)}.${4 + (n % 250)}`;
  }

  get random(): SeededRandom {
    return this.deps.random;
  }

  /** Sandbox time the simulation has reached. */
  get now(): number {
    return this.cursor;
  }

  advanceTo(target: number): void {
    while (this.cursor < target) {
      this.cursor = Math.min(this.cursor + STEP_MS, target);
      this.step(this.cursor);
    }
  }

  sync(): void {
    this.advanceTo(this.deps.clock.now());
  }

  private step(now: number): void {
    for (const task of [...this.liveTasks]) stepTask(this, task, now);
    for (const service of this.services.values()) {
      if (service.status === 'ACTIVE') (service.taskSets ? stepTaskSets : stepService)(this, service, now);
      // A deleted service turns INACTIVE once its last task has stopped.
      else if (service.status === 'DRAINING' && this.serviceTasks(service).length === 0) service.status = 'INACTIVE';
    }
    for (const afterStep of this.afterStep) afterStep(now);
  }

  /** With `command`, only for containers that run it (a RunTask command override), e.g. the migration. */
  setImageBehavior(image: string, behavior: ImageBehavior, command?: string[]): void {
    this.behaviors.set(behaviorKey(image, command), behavior);
  }

  /** The behaviour set for the image and this command, else the image's own (a command the test did not describe runs as the image does). */
  behaviorOf(image: string, command?: string[]): ImageBehavior {
    return (command && this.behaviors.get(behaviorKey(image, command))) ?? this.behaviors.get(image) ?? { kind: 'healthy' };
  }

  digestOf(image: string): string {
    return this.deps.registryDigest?.(image) ?? imageDigest(image);
  }

  ensureCluster(name: string, now = this.cursor): ClusterRecord {
    let cluster = this.clusters.get(name);
    if (!cluster) {
      cluster = { name, arn: this.arns.cluster(name), createdAt: now };
      this.clusters.set(name, cluster);
    }
    return cluster;
  }

  /** Why a task of this task definition cannot be placed in the cluster now, if it cannot. */
  placementFailure(clusterName: string, taskDefinitionArn: string): string | undefined {
    const cluster = this.clusters.get(clusterName);
    const only = cluster?.placementFailureFor;
    if (only !== undefined && taskDefinitionArn !== only && !taskDefinitionArn.endsWith(`/${only}`)) return undefined;
    return cluster?.placementFailure;
  }

  serviceTasks(service: ServiceRecord): TaskRecord[] {
    return [...this.liveTasks].filter((t) => t.serviceName === service.name && t.clusterName === service.clusterName);
  }

  serviceOf(task: TaskRecord): ServiceRecord | undefined {
    return task.serviceName ? this.services.get(`${task.clusterName}/${task.serviceName}`) : undefined;
  }

  addEvent(service: ServiceRecord, message: string, now: number): void {
    service.events.unshift({ id: this.random.uuid(), createdAt: now, message: `(service ${service.name}) ${message}` });
    if (service.events.length > MAX_EVENTS) service.events.length = MAX_EVENTS;
  }

  /**
   * ECS reports target registration, deregistration and draining per batch ("registered 2 targets
   * in …"), not per task: what one step does to several tasks is one event whose count grows.
   */
  addCountedEvent(service: ServiceRecord, key: string, message: (count: number) => string, now: number): void {
    const same = service.events.find((event) => event.createdAt === now && event.batch?.key === key);
    if (same?.batch) {
      same.batch.count += 1;
      same.message = `(service ${service.name}) ${message(same.batch.count)}`;
      return;
    }
    this.addEvent(service, message(1), now);
    const added = service.events[0];
    if (added) added.batch = { key, count: 1 };
  }

  /** For conditions that persist (cannot place, bad configuration): say it once, not every step. */
  addEventOnce(service: ServiceRecord, message: string, now: number): void {
    if (service.emittedOnce.has(message)) return;
    service.emittedOnce.add(message);
    this.addEvent(service, message, now);
  }
}

function behaviorKey(image: string, command: string[] | undefined): string {
  return command ? `${image}\u0000${JSON.stringify(command)}` : image;
}
