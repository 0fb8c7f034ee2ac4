import { unhealthyReason, type TargetFailure } from '../elbv2/target-groups.js';
import { defaultLogLines, planTask, type ImageBehavior } from './image-behaviors.js';
import type { ContainerRecord, LoadBalancerSpec, ServiceRecord, TaskDefinitionRecord, TaskRecord } from './records.js';
import type { EcsState } from './state.js';
import { noOverrides, type TaskOverrides } from './task-overrides.js';

export interface NewTask {
  clusterName: string;
  taskDefinition: TaskDefinitionRecord;
  group: string;
  startedBy?: string;
  serviceName?: string;
  deploymentId?: string;
  subnets: string[];
  loadBalancers: LoadBalancerSpec[];
  healthCheckGraceSeconds: number;
  /** RunTask's overrides (task-overrides.ts); none for a service's tasks. */
  overrides?: TaskOverrides;
  tags?: { key: string; value: string }[];
}

export function createTask(sim: EcsState, input: NewTask, now: number): TaskRecord {
  const { random, arns } = sim;
  const id = random.hex(32);
  const td = input.taskDefinition;
  const overrides = input.overrides ?? noOverrides(td);
  const ip = sim.allocateIp();
  const task: TaskRecord = {
    id,
    arn: arns.task(input.clusterName, id),
    clusterName: input.clusterName,
    taskDefinitionArn: td.arn,
    group: input.group,
    ...(input.startedBy ? { startedBy: input.startedBy } : {}),
    ...(input.serviceName ? { serviceName: input.serviceName, deploymentId: input.deploymentId } : {}),
    createdAt: now,
    version: 1,
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    cpu: String(td.body.cpu ?? '256'),
    memory: String(td.body.memory ?? '512'),
    privateIp: ip,
    subnetId: input.subnets[random.int(Math.max(1, input.subnets.length))] ?? `subnet-0${random.hex(16)}`,
    eniId: `eni-0${random.hex(16)}`,
    attachmentId: random.uuid(),
    macAddress: Array.from({ length: 6 }, () => random.hex(2)).join(':'),
    containers: td.containers.map((spec) => ({
      spec,
      arn: arns.container(input.clusterName, id, random.uuid()),
      runtimeId: `${id}-${random.digits(10)}`,
      imageDigest: sim.digestOf(spec.image),
      ...(overrides.commands.has(spec.name) ? { command: overrides.commands.get(spec.name) } : {}),
      lastStatus: 'PENDING',
      healthStatus: 'UNKNOWN',
    })),
    plan: planTask(now, td.containers, (spec) => sim.behaviorOf(spec.image, overrides.commands.get(spec.name))),
    overrides: overrides.view,
    tags: input.tags ?? [],
    loadBalancers: input.loadBalancers,
    healthCheckGraceSeconds: input.healthCheckGraceSeconds,
    becameHealthy: false,
  };
  sim.tasks.set(id, task);
  sim.liveTasks.add(task);
  return task;
}

/** Healthy as the service scheduler judges it: running, container checks passing, targets healthy. */
export function isHealthy(task: TaskRecord): boolean {
  if (task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') return false;
  if (task.containers.some((c) => c.spec.hasHealthCheck && c.healthStatus !== 'HEALTHY')) return false;
  return task.loadBalancers.length === 0 || task.targetState === 'healthy';
}

/** What this container does: its image's behaviour for the command it runs. */
function behaviorOf(sim: EcsState, container: ContainerRecord): ImageBehavior {
  return sim.behaviorOf(container.spec.image, container.command);
}

function writeLogs(sim: EcsState, task: TaskRecord, at: number): void {
  for (const container of task.containers) {
    const { logGroup, logStreamPrefix, name, image } = container.spec;
    const behavior = behaviorOf(sim, container);
    const label = container.command ? `${image} (${container.command.join(' ')})` : image;
    const text = behavior.logLines ?? defaultLogLines(label, behavior);
    if (!logGroup || text.length === 0) continue;
    const stream = `${logStreamPrefix ? `${logStreamPrefix}/` : ''}${name}/${task.id}`;
    sim.deps.logs.append(
      logGroup,
      stream,
      text.map((message, i) => ({ timestamp: at + i * 10, message })),
    );
  }
}

/** How the task's target fails ALB health checks: what its image's `unhealthy-target` behaviour says. */
function targetFailureOf(sim: EcsState, task: TaskRecord): TargetFailure | undefined {
  for (const c of task.containers) {
    const behavior = behaviorOf(sim, c);
    if (behavior.kind === 'unhealthy-target') return behavior.targetFailure;
  }
  return undefined;
}

function setTargets(sim: EcsState, task: TaskRecord, state: TaskRecord['targetState'], now: number): void {
  task.targetState = state;
  const failure = state === 'unhealthy' ? targetFailureOf(sim, task) : undefined;
  for (const lb of task.loadBalancers) {
    const target = { id: task.privateIp, port: lb.containerPort, availabilityZone: `${sim.deps.region}a` };
    if (state) sim.deps.targetGroups.setTarget(lb.targetGroupArn, { ...target, state, since: now, ...(failure ? { failure } : {}) });
    else sim.deps.targetGroups.removeTarget(lb.targetGroupArn, target.id, target.port);
  }
}

export interface StopRequest {
  reason: string;
  stopCode: 'TaskFailedToStart' | 'EssentialContainerExited' | 'UserInitiated' | 'ServiceSchedulerInitiated';
  cause: 'failure' | 'scheduler' | 'user';
  /** Deregister from target groups and wait out the deregistration delay first. */
  drain?: boolean;
}

function finishStop(sim: EcsState, task: TaskRecord, now: number): void {
  Object.assign(task, { lastStatus: 'STOPPED', stoppedAt: now, executionStoppedAt: now, version: task.version + 1 });
  for (const c of task.containers) {
    if (c.lastStatus === 'RUNNING') Object.assign(c, { lastStatus: 'STOPPED', exitCode: c.exitCode ?? 143 });
    else if (c.lastStatus === 'PENDING') c.lastStatus = 'STOPPED';
  }
  setTargets(sim, task, undefined, now);
  sim.liveTasks.delete(task);
}

export function stopTask(sim: EcsState, task: TaskRecord, request: StopRequest, now: number): void {
  if (task.desiredStatus === 'STOPPED') return;
  Object.assign(task, {
    desiredStatus: 'STOPPED',
    stoppingAt: now,
    stoppedReason: request.reason,
    stopCode: request.stopCode,
    stopCause: request.cause,
  });
  const service = sim.serviceOf(task);
  if (service && request.cause === 'failure') {
    const deployment = service.deployments.find((d) => d.id === task.deploymentId);
    // Deployment.failedTasks: "Once a service deployment has one or more successfully running tasks,
    // the failed task count resets to zero and stops being evaluated" (ECS API reference).
    if (deployment)
      Object.assign(deployment, {
        failedTasks: deployment.failedTasks + (deployment.failedTasksFrozen ? 0 : 1),
        breakerFailures: deployment.breakerFailures + (deployment.breakerFrozen ? 0 : 1),
        updatedAt: now,
      });
  }
  if (request.drain && task.lastStatus === 'RUNNING' && task.loadBalancers.length > 0) {
    const delays = task.loadBalancers.map((lb) => sim.deps.targetGroups.get(lb.targetGroupArn)?.deregistrationDelaySeconds ?? 300);
    Object.assign(task, { lastStatus: 'DEACTIVATING', drainUntil: now + Math.max(...delays) * 1000, version: task.version + 1 });
    setTargets(sim, task, 'draining', now);
    if (service) {
      sim.addCountedEvent(service, 'draining', (n) => `has begun draining connections on ${n} tasks.`, now);
      addTargetEvents(sim, service, task, 'deregistered', now);
    }
    return;
  }
  finishStop(sim, task, now);
}

/** ECS logs one event per target group and batch ("registered 2 targets in …"), not one per task. */
function addTargetEvents(sim: EcsState, service: ServiceRecord, task: TaskRecord, verb: 'registered' | 'deregistered', now: number): void {
  for (const lb of task.loadBalancers)
    sim.addCountedEvent(service, `${verb} ${lb.targetGroupArn}`, (n) => `${verb} ${n} targets in (target-group ${lb.targetGroupArn})`, now);
}

/** Moves one task along its plan to `now`. */
export function stepTask(sim: EcsState, task: TaskRecord, now: number): void {
  const { plan } = task;
  const service = sim.serviceOf(task);
  if (task.lastStatus === 'DEACTIVATING') {
    if (now >= (task.drainUntil ?? now)) finishStop(sim, task, now);
    return;
  }
  if (task.lastStatus === 'PROVISIONING' && now >= plan.pendingAt) {
    Object.assign(task, {
      lastStatus: 'PENDING',
      connectivityAt: plan.pendingAt,
      pullStartedAt: plan.pendingAt,
      version: task.version + 1,
    });
  }
  if (task.lastStatus === 'PENDING' && now >= plan.pullDoneAt) {
    if (plan.pullError) {
      task.pullStoppedAt = plan.pullDoneAt;
      for (const c of task.containers) c.reason = plan.pullError;
      stopTask(sim, task, { reason: plan.pullError, stopCode: 'TaskFailedToStart', cause: 'failure' }, now);
      return;
    }
    task.pullStoppedAt = plan.pullDoneAt;
    if (plan.runningAt !== undefined && now >= plan.runningAt) {
      Object.assign(task, { lastStatus: 'RUNNING', startedAt: plan.runningAt, version: task.version + 1 });
      for (const c of task.containers) c.lastStatus = 'RUNNING';
      writeLogs(sim, task, plan.runningAt);
      if (task.loadBalancers.length > 0) {
        setTargets(sim, task, 'initial', now);
        if (service) addTargetEvents(sim, service, task, 'registered', now);
      }
    }
  }
  if (task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') return;
  stepRunningTask(sim, task, now);
}

function stepRunningTask(sim: EcsState, task: TaskRecord, now: number): void {
  const { plan } = task;
  const service = sim.serviceOf(task);
  if (plan.exitAt !== undefined && now >= plan.exitAt) {
    const container = task.containers.find((c) => c.spec.name === plan.exitContainer);
    if (container) Object.assign(container, { lastStatus: 'STOPPED', exitCode: plan.exitCode ?? 1 });
    stopTask(sim, task, { reason: 'Essential container in task exited', stopCode: 'EssentialContainerExited', cause: 'failure' }, now);
    return;
  }
  if (plan.containerHealthyAt !== undefined && now >= plan.containerHealthyAt) {
    for (const c of task.containers) {
      // The container whose image fails its health check never passes one.
      if (c.spec.hasHealthCheck && c.healthStatus === 'UNKNOWN' && c.spec.name !== plan.unhealthyContainer) c.healthStatus = 'HEALTHY';
    }
  }
  if (plan.containerUnhealthyAt !== undefined && now >= plan.containerUnhealthyAt) {
    const container = task.containers.find((c) => c.spec.name === plan.unhealthyContainer);
    if (container) container.healthStatus = 'UNHEALTHY';
  }
  if (task.targetState === 'initial' && now >= (plan.targetVerdictAt ?? now))
    setTargets(sim, task, plan.targetHealthy ? 'healthy' : 'unhealthy', now);

  // The health check grace period makes the scheduler ignore failing checks for a while after start.
  const graceOver = now >= (task.startedAt ?? now) + task.healthCheckGraceSeconds * 1000;
  if (!graceOver) return;
  if (task.containers.some((c) => c.spec.essential && c.healthStatus === 'UNHEALTHY')) {
    if (service) sim.addEvent(service, `(task ${task.id}) failed container health checks.`, now);
    stopTask(sim, task, { reason: 'Task failed container health checks', stopCode: 'ServiceSchedulerInitiated', cause: 'failure' }, now);
    return;
  }
  if (task.targetState === 'unhealthy' && service) {
    const lb = task.loadBalancers[0];
    const group = lb?.targetGroupArn ?? '';
    // ECS's Fargate wording: (task id) (port n) … due to (reason <the target's health description>).
    const reason = unhealthyReason(targetFailureOf(sim, task)).Description;
    sim.addEvent(
      service,
      `(task ${task.id}) (port ${lb?.containerPort ?? 0}) is unhealthy in (target-group ${group}) due to (reason ${reason}).`,
      now,
    );
    stopTask(
      sim,
      task,
      {
        reason: `Task failed ELB health checks in (target-group ${group})`,
        stopCode: 'ServiceSchedulerInitiated',
        cause: 'failure',
        drain: true,
      },
      now,
    );
    return;
  }
  if (!task.becameHealthy && isHealthy(task)) {
    task.becameHealthy = true;
    const deployment = service?.deployments.find((d) => d.id === task.deploymentId);
    const reset = service?.deploymentConfiguration.deploymentCircuitBreaker.resetOnHealthyTask !== false;
    if (deployment && !deployment.failedTasksFrozen) Object.assign(deployment, { failedTasks: 0, failedTasksFrozen: true });
    // resetOnHealthyTask (default true): the breaker's count goes to 0 and the breaker stops counting;
    // false keeps counting every failure of the deployment.
    if (deployment && reset && !deployment.breakerFrozen) Object.assign(deployment, { breakerFailures: 0, breakerFrozen: true });
  }
}
