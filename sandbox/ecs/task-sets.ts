import { AwsServiceError } from '../core/contract.js';
import type { LoadBalancerSpec, ServiceRecord, TaskRecord, TaskSetRecord } from './records.js';
import { startServiceTasks } from './scheduler.js';
import type { EcsState } from './state.js';
import { isHealthy, stopTask } from './task-lifecycle.js';

/**
 * Task sets: how a service with `deploymentController: CODE_DEPLOY` runs. ECS keeps each task set at
 * its share of the desired count (replacing tasks that stop, as for any service) and nothing more;
 * which task set exists, which one is PRIMARY and where traffic goes is CodeDeploy's decision
 * (sandbox/codedeploy). https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskSet.html
 */

const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

/** `deploymentController` of CreateService → whether the service runs task sets; a CODE_DEPLOY service needs a load balancer. */
export function usesTaskSets(params: Record<string, unknown>): boolean {
  const type = (params.deploymentController as { type?: unknown } | undefined)?.type ?? 'ECS';
  if (type === 'ECS') return false;
  if (type !== 'CODE_DEPLOY')
    throw new AwsServiceError(
      'InvalidParameterException',
      `The sandbox models the ECS and CODE_DEPLOY deployment controllers, not ${String(type)}.`,
    );
  if (!Array.isArray(params.loadBalancers) || params.loadBalancers.length === 0)
    throw new AwsServiceError(
      'InvalidParameterException',
      'A service using the CODE_DEPLOY deployment controller must have a load balancer.',
    );
  return true;
}

/**
 * What UpdateService may not change on a CODE_DEPLOY service: "If the network configuration,
 * platform version, task definition, or load balancer need to be updated, create a new CodeDeploy deployment."
 */
export function rejectCodeDeployUpdate(service: ServiceRecord, params: Record<string, unknown>, resolvedTaskDefinition?: string): void {
  if (!service.taskSets) return;
  const refuse = (what: string, how: string) => {
    throw new AwsServiceError(
      'InvalidParameterException',
      `Unable to update ${what} on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to ${how}.`,
    );
  };
  if (typeof params.taskDefinition === 'string' && resolvedTaskDefinition !== service.taskDefinitionArn)
    refuse('task definition', 'deploy new task definitions');
  if (params.networkConfiguration !== undefined) refuse('network parameters', 'deploy network changes');
  if (params.loadBalancers !== undefined) refuse('load balancers', 'deploy load balancer changes');
  if (params.platformVersion !== undefined) refuse('platform version', 'deploy platform version changes');
  if (params.forceNewDeployment === true) refuse('the service with a forced new deployment', 'start a new deployment');
}

export interface NewTaskSet {
  taskDefinitionArn: string;
  loadBalancers: LoadBalancerSpec[];
  status: 'PRIMARY' | 'ACTIVE';
  scalePercent: number;
  startedBy?: string;
  externalId?: string;
  networkConfiguration?: unknown;
  platformVersion?: string;
  capacityProviderStrategy?: unknown;
}

export function createTaskSet(sim: EcsState, service: ServiceRecord, input: NewTaskSet, now: number): TaskSetRecord {
  const id = `ecs-svc/${sim.random.digits(19)}`;
  const taskSet: TaskSetRecord = {
    id,
    arn: `arn:aws:ecs:${sim.deps.region}:${sim.deps.account}:task-set/${service.clusterName}/${service.name}/${id}`,
    ...input,
    networkConfiguration: input.networkConfiguration ?? service.networkConfiguration,
    createdAt: now,
    updatedAt: now,
    stabilityStatus: 'STABILIZING',
    stabilityStatusAt: now,
  };
  service.taskSets = [...(service.taskSets ?? []), taskSet];
  service.deploymentController = 'CODE_DEPLOY';
  if (input.status === 'PRIMARY') service.taskDefinitionArn = input.taskDefinitionArn;
  return taskSet;
}

/** UpdateServicePrimaryTaskSet: the given task set serves production; the former PRIMARY turns ACTIVE. */
export function setPrimaryTaskSet(service: ServiceRecord, taskSet: TaskSetRecord, now: number): void {
  for (const other of service.taskSets ?? [])
    if (other !== taskSet && other.status === 'PRIMARY') Object.assign(other, { status: 'ACTIVE', updatedAt: now });
  Object.assign(taskSet, { status: 'PRIMARY', updatedAt: now });
  service.taskDefinitionArn = taskSet.taskDefinitionArn;
}

/** DeleteTaskSet: its tasks drain and stop; the task set disappears once they have. */
export function deleteTaskSet(taskSet: TaskSetRecord, now: number): void {
  Object.assign(taskSet, { status: 'DRAINING', scalePercent: 0, updatedAt: now });
}

export function computedDesiredCount(service: ServiceRecord, taskSet: TaskSetRecord): number {
  return Math.ceil((service.desiredCount * taskSet.scalePercent) / 100);
}

export function taskSetTasks(sim: EcsState, service: ServiceRecord, taskSet: TaskSetRecord): TaskRecord[] {
  return sim.serviceTasks(service).filter((t) => t.deploymentId === taskSet.id && t.desiredStatus === 'RUNNING');
}

/** Every task of the task set is running and healthy (container checks and target group) and there are as many as it wants. */
export function isTaskSetStable(sim: EcsState, service: ServiceRecord, taskSet: TaskSetRecord): boolean {
  const tasks = taskSetTasks(sim, service, taskSet);
  return tasks.length === computedDesiredCount(service, taskSet) && tasks.every(isHealthy);
}

/** One scheduler step for a CODE_DEPLOY service: each task set to its count, drained task sets removed. */
export function stepTaskSets(sim: EcsState, service: ServiceRecord, now: number): void {
  for (const taskSet of service.taskSets ?? []) {
    const own = taskSetTasks(sim, service, taskSet);
    const wanted = computedDesiredCount(service, taskSet);
    const reason = `Scaling activity initiated by (deployment ${taskSet.id})`;
    for (const task of own.slice(wanted))
      stopTask(sim, task, { reason, stopCode: 'ServiceSchedulerInitiated', cause: 'scheduler', drain: true }, now);
    if (own.length < wanted) launch(sim, service, taskSet, wanted - own.length, now);
    const stable = isTaskSetStable(sim, service, taskSet);
    const stability = stable ? 'STEADY_STATE' : 'STABILIZING';
    if (taskSet.stabilityStatus !== stability)
      Object.assign(taskSet, { stabilityStatus: stability, stabilityStatusAt: now, updatedAt: now });
  }
  const gone = (service.taskSets ?? []).filter(
    (ts) => ts.status === 'DRAINING' && !sim.serviceTasks(service).some((t) => t.deploymentId === ts.id),
  );
  if (gone.length > 0) service.taskSets = (service.taskSets ?? []).filter((ts) => !gone.includes(ts));
  const steady = (service.taskSets ?? []).every((ts) => ts.stabilityStatus === 'STEADY_STATE');
  if (steady && !service.emittedOnce.has('steady')) {
    service.emittedOnce.add('steady');
    sim.addEvent(service, 'has reached a steady state.', now);
  } else if (!steady) service.emittedOnce.delete('steady');
}

function launch(sim: EcsState, service: ServiceRecord, taskSet: TaskSetRecord, count: number, now: number): void {
  const started = startServiceTasks(sim, service, taskSet, count, now);
  if (!started) return;
  sim.addEvent(
    service,
    `(taskSet ${taskSet.id}) has started ${started.length} tasks: ${started.map((t) => `(task ${t.id})`).join(' ')}.`,
    now,
  );
}

/** The fields DescribeServices adds for a CODE_DEPLOY service: its controller and task sets (deployments stay empty). */
export function controllerFields(sim: EcsState, service: ServiceRecord): Record<string, unknown> {
  if (!service.taskSets) return { deploymentController: { type: 'ECS' } };
  return {
    deploymentController: { type: 'CODE_DEPLOY' },
    deployments: [],
    taskSets: service.taskSets.map((ts) => taskSetView(sim, service, ts)),
  };
}

export function taskSetView(sim: EcsState, service: ServiceRecord, ts: TaskSetRecord): Record<string, unknown> {
  const tasks = taskSetTasks(sim, service, ts);
  return {
    id: ts.id,
    taskSetArn: ts.arn,
    serviceArn: service.arn,
    clusterArn: sim.arns.cluster(service.clusterName),
    startedBy: ts.startedBy,
    externalId: ts.externalId,
    status: ts.status,
    taskDefinition: ts.taskDefinitionArn,
    computedDesiredCount: computedDesiredCount(service, ts),
    pendingCount: tasks.filter((t) => t.lastStatus !== 'RUNNING').length,
    runningCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
    createdAt: date(ts.createdAt),
    updatedAt: date(ts.updatedAt),
    // A capacity provider strategy replaces the launch type, as in CreateTaskSet.
    ...(ts.capacityProviderStrategy ? { capacityProviderStrategy: ts.capacityProviderStrategy } : { launchType: service.launchType }),
    platformVersion: ts.platformVersion ?? '1.4.0',
    platformFamily: 'Linux',
    networkConfiguration: ts.networkConfiguration,
    loadBalancers: ts.loadBalancers,
    serviceRegistries: [],
    scale: { value: ts.scalePercent, unit: 'PERCENT' },
    stabilityStatus: ts.stabilityStatus,
    stabilityStatusAt: date(ts.stabilityStatusAt),
    tags: [],
  };
}
