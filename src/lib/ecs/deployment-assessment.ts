import type { Deployment, Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { shortTaskDefinition } from '../arn.js';

/**
 * What ECS says about one deployment, decided from the service-deployment API when we have it and
 * from DescribeServices' deployments[] otherwise. Pure, so every ECS state is unit-tested.
 * Statuses: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceDeployment.html
 */

/** Who, if anyone, is taking the service back to the previous revision. */
export type EcsRollback =
  /** ECS has started (or was asked to start) rolling back: wait for it. */
  | 'ecs-in-progress'
  | 'ecs-succeeded'
  | 'ecs-failed'
  /** Nobody: ECS gave up (or stopped) and the service is left as it is. */
  | 'none'
  /** Another deployment replaced ours: it is not ours to roll back. */
  | 'superseded'
  /** The service turned DRAINING or INACTIVE (deleted): there is nothing left to roll back. */
  | 'service-gone';

export type Verdict =
  | { state: 'in-progress'; stage?: string }
  | { state: 'succeeded' }
  | {
      state: 'failed';
      reason: string;
      rollback: EcsRollback;
      /** ECS is still moving tasks for our deployment (a StopServiceDeployment can still roll it back). */
      inFlight: boolean;
    };

export function assessDeployment(service: Service, serviceDeployment: ServiceDeployment | undefined, deploymentId: string): Verdict {
  const verdict = serviceDeployment ? fromServiceDeployment(serviceDeployment) : fromDeployments(service.deployments ?? [], deploymentId);
  // A rollback the service-deployment record reports is ECS's (breaker, alarm, a StopServiceDeployment): follow it.
  if (verdict.state === 'failed' && serviceDeployment && verdict.rollback.startsWith('ecs-')) return verdict;
  return supersession(service.deployments ?? [], deploymentId) ?? verdict;
}

/**
 * Someone else's UpdateService (or an operator's rollback by task definition) made a newer PRIMARY
 * deployment while ours had not failed: decided from the deployments themselves, not from ECS's
 * wording, because ECS's own rollback marks ours FAILED first and a superseded one is never undone.
 */
function supersession(deployments: Deployment[], deploymentId: string): Verdict | undefined {
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  const ours = deployments.find((d) => d.id === deploymentId);
  if (!primary || primary.id === deploymentId || ours?.rolloutState === 'FAILED') return undefined;
  const by = `deployment ${primary.id ?? '(unnamed)'} (task definition ${primary.taskDefinition ? shortTaskDefinition(primary.taskDefinition) : 'unknown'})`;
  return failed(`superseded by ${by}, which this run did not start`, 'superseded', false);
}

export function fromServiceDeployment(sd: ServiceDeployment): Verdict {
  const reason = sd.rollback?.reason ?? sd.statusReason;
  switch (sd.status) {
    case 'SUCCESSFUL':
      return { state: 'succeeded' };
    case 'ROLLBACK_REQUESTED':
    case 'ROLLBACK_IN_PROGRESS':
      return failed(reason ?? 'ECS started rolling back the deployment', 'ecs-in-progress', true);
    case 'ROLLBACK_SUCCESSFUL':
      return failed(reason ?? 'ECS rolled back the deployment', 'ecs-succeeded', false);
    case 'ROLLBACK_FAILED':
      return failed(reason ?? 'ECS could not roll back the deployment', 'ecs-failed', false);
    case 'STOPPED':
    case 'STOP_REQUESTED':
      return failed(
        reason ?? 'ECS stopped the deployment',
        /newer deployment|superseded|replaced/i.test(reason ?? '') ? 'superseded' : 'none',
        false,
      );
    default: {
      const monitors = triggeredMonitor(sd);
      if (monitors) {
        const rollback = monitors.rollback ? 'ecs-in-progress' : 'none';
        return failed(reason ?? monitors.reason, rollback, monitors.rollback);
      }
      return { state: 'in-progress', ...(sd.lifecycleStage ? { stage: sd.lifecycleStage } : {}) };
    }
  }
}

/** The circuit breaker or an alarm fired while ECS still reports the deployment in progress. */
function triggeredMonitor(sd: ServiceDeployment): { reason: string; rollback: boolean } | undefined {
  const config = sd.deploymentConfiguration;
  const breaker = sd.deploymentCircuitBreaker;
  if (breaker?.status === 'TRIGGERED') {
    const counts =
      breaker.failureCount !== undefined ? ` after ${breaker.failureCount} failed tasks (threshold ${breaker.threshold ?? '?'})` : '';
    return { reason: `the deployment circuit breaker triggered${counts}`, rollback: config?.deploymentCircuitBreaker?.rollback === true };
  }
  if (sd.alarms?.status === 'TRIGGERED') {
    const names = sd.alarms.triggeredAlarmNames?.join(', ') ?? 'an alarm';
    return { reason: `CloudWatch alarm ${names} went into ALARM`, rollback: config?.alarms?.rollback === true };
  }
  return undefined;
}

export function fromDeployments(deployments: Deployment[], deploymentId: string): Verdict {
  const ours = deployments.find((d) => d.id === deploymentId);
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  if (!ours) {
    // Ours went INACTIVE: a newer deployment (ECS's rollback or someone else's) took over.
    return failed('the deployment was replaced by a newer deployment of the service', 'superseded', false);
  }
  if (ours.rolloutState === 'COMPLETED' && ours.status === 'PRIMARY') return { state: 'succeeded' };
  // Not PRIMARY yet not FAILED: a newer deployment that ECS did not start for a rollback replaced ours.
  if (ours.rolloutState !== 'FAILED' && ours.status !== 'PRIMARY') {
    return failed('the deployment was replaced by a newer deployment of the service', 'superseded', false);
  }
  if (ours.rolloutState === 'FAILED' || ours.status !== 'PRIMARY') {
    const reason = ours.rolloutStateReason || 'ECS marked the deployment FAILED';
    if (primary && primary.id !== ours.id) {
      // A circuit-breaker rollback is a new PRIMARY deployment of the previous task definition.
      if (primary.rolloutState === 'COMPLETED') return failed(reason, 'ecs-succeeded', false);
      if (primary.rolloutState === 'FAILED') return failed(reason, 'ecs-failed', false);
      return failed(reason, 'ecs-in-progress', true);
    }
    return failed(reason, 'none', false);
  }
  return { state: 'in-progress' };
}

function failed(reason: string, rollback: EcsRollback, inFlight: boolean): Verdict {
  return { state: 'failed', reason, rollback, inFlight };
}

/** The deployment UpdateService created: the PRIMARY one in its response. */
export function newPrimaryDeployment(service: Service | undefined): Deployment | undefined {
  return service?.deployments?.find((d) => d.status === 'PRIMARY');
}
