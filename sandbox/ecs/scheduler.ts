import { endAlarmMonitoring, triggeredAlarms } from './alarms.js';
import { breakerThreshold } from './deployments.js';
import { earlySuccess } from './early-success.js';
import type { DeploymentRecord, LoadBalancerSpec, ServiceRecord, TaskRecord } from './records.js';
import { giveUp, rollBack } from './rollback.js';
import { isStaged, stepStaged } from './staged-deployment.js';
import type { EcsState } from './state.js';
import { createTask, isHealthy, stopTask } from './task-lifecycle.js';

const BREAKER_REASON = 'ECS deployment circuit breaker: tasks failed to start.';

/**
 * One step of the service scheduler for a rolling (ECS) deployment: act on rollback requests and the
 * circuit breaker, start tasks of the PRIMARY deployment within maximumPercent, stop tasks of older
 * deployments while keeping minimumHealthyPercent healthy, and mark the rollout complete.
 */
export function stepService(sim: EcsState, service: ServiceRecord, now: number): void {
  const primary = service.deployments.find((d) => d.status === 'PRIMARY');
  if (!primary) return;
  const serviceDeployment = sim.serviceDeployments.get(primary.serviceDeploymentArn);
  if (serviceDeployment?.status === 'PENDING') Object.assign(serviceDeployment, { status: 'IN_PROGRESS', startedAt: now, updatedAt: now });

  if (serviceDeployment?.rollbackRequested && serviceDeployment.rollbackDeploymentId === undefined) {
    serviceDeployment.rollbackRequested = false;
    const reason = serviceDeployment.rollbackRequestReason ?? 'Service deployment rolled back because of a stop request.';
    rollBack(sim, service, primary, reason, now, 'stop');
    return;
  }
  // Alarms watch the deployment itself, not a rollback of it (rollbackDeploymentId is set once one started).
  const watched = serviceDeployment?.rollbackDeploymentId === undefined && primary.rolloutState === 'IN_PROGRESS';
  const alarms = serviceDeployment && watched ? triggeredAlarms(serviceDeployment, sim.alarms) : [];
  if (serviceDeployment && alarms.length > 0) {
    failOnAlarms(sim, service, primary, alarms, now);
    return;
  }
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
  // Once a task of the deployment ran healthy (resetOnHealthyTask), ECS stops evaluating the breaker.
  const counting = !primary.breakerFrozen;
  if (breaker.enable && counting && primary.rolloutState === 'IN_PROGRESS' && primary.breakerFailures >= breakerThreshold(service)) {
    tripBreaker(sim, service, primary, now);
    return;
  }

  const live = sim.serviceTasks(service);
  const alive = live.filter((t) => t.desiredStatus === 'RUNNING');
  if (isStaged(serviceDeployment, primary)) {
    // Green scales up beside blue (and replaces its failed tasks in every stage); blue goes only at
    // CLEAN_UP, all at once, since traffic has already left it.
    const action = stepStaged(sim, service, serviceDeployment, primary, now);
    if (action.kind === 'rollback') {
      sim.addEvent(service, `(deployment ${primary.id}) deployment failed: lifecycle hook failure.`, now);
      rollBack(sim, service, primary, action.reason, now, 'hook');
      return;
    }
    launchTasks(sim, service, primary, alive, now);
    if (action.kind !== 'clean-up') return;
    scaleIn(sim, service, primary, alive, now, 0);
    completeIfDone(sim, service, primary, sim.serviceTasks(service), now);
    return;
  }
  // Early success criteria (rolling): once enough of the new revision is healthy, the old tasks go
  // down to that share and the deployment completes (DEFERRED) or completes once they are gone (BLOCKING).
  const early = earlySuccess(sim, service, serviceDeployment, primary);
  launchTasks(sim, service, primary, alive, now);
  scaleIn(sim, service, primary, alive, now, early?.met ? early.healthyPercent : undefined);
  completeIfDone(sim, service, primary, sim.serviceTasks(service), now, early?.met ? early.cleanup : undefined);
}

function launchTasks(sim: EcsState, service: ServiceRecord, primary: DeploymentRecord, alive: TaskRecord[], now: number): void {
  if (!primary.launching) return;
  const { maximumPercent, minimumHealthyPercent } = service.deploymentConfiguration;
  const own = alive.filter((t) => t.deploymentId === primary.id);
  const wanted = service.desiredCount - own.length;
  if (wanted < 0) {
    for (const task of own.slice(wanted))
      stopTask(
        sim,
        task,
        {
          reason: 'Scaling activity initiated by (deployment ' + primary.id + ')',
          stopCode: 'ServiceSchedulerInitiated',
          cause: 'scheduler',
          drain: true,
        },
        now,
      );
    return;
  }
  const room = Math.floor((service.desiredCount * maximumPercent) / 100) - alive.length;
  const count = Math.min(wanted, room);
  if (
    wanted > 0 &&
    count <= 0 &&
    Math.ceil((service.desiredCount * minimumHealthyPercent) / 100) >= service.desiredCount &&
    alive.length >= service.desiredCount
  ) {
    sim.addEventOnce(
      service,
      'was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.',
      now,
    );
  }
  if (count <= 0) return;
  const { networkConfiguration, loadBalancers } = service;
  const started = startServiceTasks(
    sim,
    service,
    { id: primary.id, taskDefinitionArn: primary.taskDefinitionArn, networkConfiguration, loadBalancers },
    count,
    now,
  );
  if (started) sim.addEvent(service, `has started ${started.length} tasks: ${started.map((t) => `(task ${t.id})`).join(' ')}.`, now);
}

/**
 * Starts `count` tasks of a service for one deployment (or CODE_DEPLOY task set), as ECS's scheduler
 * does for both: nothing and one "unable to place" event when placement fails, else the new tasks.
 */
export function startServiceTasks(
  sim: EcsState,
  service: ServiceRecord,
  owner: { id: string; taskDefinitionArn: string; networkConfiguration?: unknown; loadBalancers: LoadBalancerSpec[] },
  count: number,
  now: number,
): TaskRecord[] | undefined {
  const placementFailure = sim.placementFailure(service.clusterName, owner.taskDefinitionArn);
  if (placementFailure) {
    sim.addEventOnce(service, `was unable to place a task. Reason: ${placementFailure}.`, now);
    return undefined;
  }
  const td = sim.taskDefinitions.require(owner.taskDefinitionArn);
  const subnets = subnetsOf(owner.networkConfiguration);
  return Array.from({ length: count }, () =>
    createTask(
      sim,
      {
        clusterName: service.clusterName,
        taskDefinition: td,
        group: `service:${service.name}`,
        startedBy: owner.id,
        serviceName: service.name,
        deploymentId: owner.id,
        subnets,
        loadBalancers: owner.loadBalancers,
        healthCheckGraceSeconds: service.healthCheckGracePeriodSeconds,
        ...(service.propagateTags === 'SERVICE' ? { tags: service.tags } : {}),
      },
      now,
    ),
  );
}

/** Stops tasks of older deployments: unhealthy ones freely, healthy ones only down to minimumHealthyPercent. */
function scaleIn(
  sim: EcsState,
  service: ServiceRecord,
  primary: DeploymentRecord,
  alive: TaskRecord[],
  now: number,
  minHealthyPercent = service.deploymentConfiguration.minimumHealthyPercent,
): void {
  if (primary.rolloutState === 'FAILED' && !primary.launching) return; // a failed deployment without rollback leaves the old tasks running
  const old = alive.filter((t) => t.deploymentId !== primary.id);
  if (old.length === 0) return;
  const minHealthy = Math.ceil((service.desiredCount * minHealthyPercent) / 100);
  let healthy = alive.filter(isHealthy).length;
  const stopped: TaskRecord[] = [];
  const ordered = [...old.filter((t) => !isHealthy(t)), ...old.filter(isHealthy)];
  for (const task of ordered) {
    if (isHealthy(task)) {
      if (healthy - 1 < minHealthy) break;
      healthy -= 1;
    }
    stopTask(
      sim,
      task,
      {
        reason: `Scaling activity initiated by (deployment ${primary.id})`,
        stopCode: 'ServiceSchedulerInitiated',
        cause: 'scheduler',
        drain: true,
      },
      now,
    );
    stopped.push(task);
  }
  if (stopped.length > 0)
    sim.addEvent(service, `has stopped ${stopped.length} running tasks: ${stopped.map((t) => `(task ${t.id})`).join(' ')}.`, now);
}

function completeIfDone(
  sim: EcsState,
  service: ServiceRecord,
  primary: DeploymentRecord,
  live: TaskRecord[],
  now: number,
  earlyCleanup?: 'BLOCKING' | 'DEFERRED',
): void {
  if (primary.rolloutState !== 'IN_PROGRESS') return;
  const own = live.filter((t) => t.deploymentId === primary.id && t.desiredStatus === 'RUNNING');
  const othersLeft = live.some((t) => t.deploymentId !== primary.id);
  const early = earlyCleanup === 'DEFERRED' || (earlyCleanup === 'BLOCKING' && !othersLeft);
  if (!early && (othersLeft || own.length !== service.desiredCount || !own.every(isHealthy))) return;
  Object.assign(primary, { rolloutState: 'COMPLETED', rolloutStateReason: `ECS deployment ${primary.id} completed.`, updatedAt: now });
  for (const d of service.deployments) if (d !== primary) d.status = 'INACTIVE';
  service.lastCompletedDeploymentId = primary.id;
  const record = sim.serviceDeployments.get(primary.serviceDeploymentArn);
  if (record) {
    const rolledBack = record.rollbackDeploymentId === primary.id;
    Object.assign(record, { status: rolledBack ? 'ROLLBACK_SUCCESSFUL' : 'SUCCESSFUL', finishedAt: now, updatedAt: now });
    if (record.breakerStatus === 'MONITORING') record.breakerStatus = 'MONITORING_COMPLETE';
    endAlarmMonitoring(record);
  }
  sim.addEvent(service, `(deployment ${primary.id}) deployment completed.`, now);
  sim.addEvent(service, 'has reached a steady state.', now);
}

function tripBreaker(sim: EcsState, service: ServiceRecord, primary: DeploymentRecord, now: number): void {
  const record = sim.serviceDeployments.get(primary.serviceDeploymentArn);
  if (record) Object.assign(record, { breakerStatus: 'TRIGGERED', updatedAt: now });
  sim.addEvent(service, `(deployment ${primary.id}) deployment failed: tasks failed to start.`, now);
  const isRollback = record?.rollbackDeploymentId === primary.id;
  if (service.deploymentConfiguration.deploymentCircuitBreaker.rollback && !isRollback) {
    rollBack(sim, service, primary, BREAKER_REASON, now, 'breaker');
    return;
  }
  giveUp(sim, primary, BREAKER_REASON, isRollback, now);
}

/**
 * A watched CloudWatch alarm went into ALARM during the deployment: ECS fails it and, with
 * `alarms.rollback`, rolls back exactly as the circuit breaker does.
 */
function failOnAlarms(sim: EcsState, service: ServiceRecord, primary: DeploymentRecord, names: string[], now: number): void {
  const record = sim.serviceDeployments.get(primary.serviceDeploymentArn);
  if (!record) return;
  const reason = `ECS deployment failed: alarm(s) ${names.join(', ')} went into ALARM state.`;
  Object.assign(record, { alarmsStatus: 'TRIGGERED', triggeredAlarmNames: names, updatedAt: now });
  sim.addEvent(service, `(deployment ${primary.id}) deployment failed: alarm detected.`, now);
  if (record.configuration.alarms.rollback) rollBack(sim, service, primary, reason, now, 'alarm');
  else giveUp(sim, primary, reason, false, now);
}

export function subnetsOf(networkConfiguration: unknown): string[] {
  const vpc = (networkConfiguration as { awsvpcConfiguration?: { subnets?: unknown } } | undefined)?.awsvpcConfiguration;
  return Array.isArray(vpc?.subnets) ? vpc.subnets.filter((s): s is string => typeof s === 'string') : [];
}
