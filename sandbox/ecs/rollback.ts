import { endAlarmMonitoring } from './alarms.js';
import { adoptBlueTasks } from './blue-green.js';
import { addDeployment } from './deployments.js';
import type { DeploymentRecord, ServiceRecord } from './records.js';
import type { EcsState } from './state.js';

/** How a failed deployment ends: given up where it stands, or rolled back to the last completed revision. */

/** A failure without rollback: the deployment stops launching, its old tasks keep running. */
export function giveUp(sim: EcsState, primary: DeploymentRecord, reason: string, isRollback: boolean, now: number): void {
  Object.assign(primary, { rolloutState: 'FAILED', rolloutStateReason: reason, launching: false, updatedAt: now });
  const record = sim.serviceDeployments.get(primary.serviceDeploymentArn);
  if (record) endAlarmMonitoring(record);
  if (record)
    Object.assign(record, {
      status: isRollback ? 'ROLLBACK_FAILED' : 'STOPPED',
      statusReason: reason,
      finishedAt: now,
      stoppedAt: now,
    });
}

/** Starts a new PRIMARY deployment of the last completed one's revision; the failed one drains away. */
export function rollBack(
  sim: EcsState,
  service: ServiceRecord,
  failed: DeploymentRecord,
  reason: string,
  now: number,
  by: 'breaker' | 'alarm' | 'stop' | 'hook',
): void {
  const record = sim.serviceDeployments.get(failed.serviceDeploymentArn);
  const target = service.deployments.find((d) => d.id === service.lastCompletedDeploymentId);
  Object.assign(failed, { rolloutState: 'FAILED', rolloutStateReason: reason, launching: false, updatedAt: now });
  if (!target || !record) {
    if (record)
      Object.assign(record, {
        status: 'ROLLBACK_FAILED',
        statusReason: `${reason} No completed deployment to roll back to.`,
        finishedAt: now,
        updatedAt: now,
      });
    return;
  }
  const td = sim.taskDefinitions.require(target.taskDefinitionArn);
  const rollbackReason = {
    breaker: `ECS deployment circuit breaker: rolling back to deploymentId ${target.id}.`,
    alarm: `ECS deployment alarms: rolling back to deploymentId ${target.id}.`,
    stop: `Rolling back to deploymentId ${target.id}.`,
    hook: `ECS deployment lifecycle hook: rolling back to deploymentId ${target.id}.`,
  }[by];
  const deployment = addDeployment(sim, service, td, now, {
    serviceDeploymentArn: record.arn,
    revisionArn: target.revisionArn,
    reason: rollbackReason,
  });
  if (record.configuration.strategy !== 'ROLLING') adoptBlueTasks(sim, service, failed, deployment);
  Object.assign(record, {
    status: 'ROLLBACK_IN_PROGRESS',
    statusReason: reason,
    rollbackDeploymentId: deployment.id,
    rollback: { reason, startedAt: now, serviceRevisionArn: target.revisionArn },
    updatedAt: now,
  });
  sim.addEvent(service, `(deployment ${failed.id}) rolling back to deployment ${target.id}.`, now);
}
