import type { DeploymentRecord, ServiceDeploymentRecord, ServiceRecord } from './records.js';
import type { EcsState } from './state.js';
import { isHealthy } from './task-lifecycle.js';

/**
 * Early success criteria of a rolling deployment (DeploymentConfiguration.earlySuccessCriteria).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/early-success-criteria.html
 *
 * How to use (tests): create or update a ROLLING service with
 *   earlySuccessCriteria: { enable: true, healthyPercent: 50, sourceServiceRevisionCleanup: 'DEFERRED' }
 * Once ceil(desiredCount × healthyPercent / 100) tasks of the new revision are healthy, the old
 * revision's tasks are stopped down to that share; DEFERRED completes the deployment at once (old
 * tasks drain in the background), BLOCKING once they are gone. The new revision keeps scaling to the
 * desired count afterwards, and the circuit breaker and alarms stop watching the completed deployment.
 * A rollback deployment does not use the criteria.
 */
export interface EarlySuccessState {
  met: boolean;
  healthyPercent: number;
  cleanup: 'BLOCKING' | 'DEFERRED';
}

export function earlySuccess(
  sim: EcsState,
  service: ServiceRecord,
  record: ServiceDeploymentRecord | undefined,
  primary: DeploymentRecord,
): EarlySuccessState | undefined {
  const criteria = record?.configuration.earlySuccessCriteria;
  if (!record || !criteria?.enable || record.configuration.strategy !== 'ROLLING') return undefined;
  if (record.rollbackDeploymentId !== undefined || primary.rolloutState !== 'IN_PROGRESS') return undefined;
  const healthyPercent = criteria.healthyPercent ?? 100;
  const wanted = Math.ceil((service.desiredCount * healthyPercent) / 100);
  const healthy = sim.serviceTasks(service).filter((t) => t.deploymentId === primary.id && isHealthy(t)).length;
  return { met: healthy >= wanted && healthy > 0, healthyPercent, cleanup: criteria.sourceServiceRevisionCleanup ?? 'BLOCKING' };
}
