import type { Service, ServiceEvent } from '@aws-sdk/client-ecs';
import type { Verdict } from './deployment-assessment.js';

/**
 * When the deployment watcher reads the service-deployment record of a rolling deployment, and what
 * it can decide from DescribeServices' deployments[] alone (issue 17's call budget). Pure, so each
 * rule is unit-tested; stages and hooks (BLUE_GREEN, LINEAR, CANARY) are read on every poll anyway.
 */

export type WatchUntil = 'verdict' | 'rollback-settled';

/** Whether `verdict` ends a watch that runs `until` a verdict, or until ECS's rollback settled. */
export function isFinal(verdict: Verdict, until: WatchUntil): boolean {
  if (verdict.state === 'in-progress') return false;
  if (until === 'rollback-settled' && verdict.state === 'failed') return verdict.rollback !== 'ecs-in-progress';
  return true;
}

/**
 * Whether the record says more than deployments[] about this verdict: a failure's reason and the
 * monitor that fired. Not a success (deployments[] says COMPLETED as surely), and not a rollback ECS
 * finished while we followed it (the failure it undid was explained when it was announced).
 */
export function recordExplains(listed: Verdict, until: WatchUntil): boolean {
  if (listed.state !== 'failed' || !isFinal(listed, until)) return false;
  return !(until === 'rollback-settled' && listed.rollback === 'ecs-succeeded');
}

/** Events that announce what the record explains: ECS failed the deployment or rolls it back. */
const DEPLOYMENT_CHANGE_EVENT = /deployment failed|rolling back/i;

/** A fresh event says the deployment failed or rolls back; the service's own name (`(service norollback) …`) does not count. */
export function announcesChange(fresh: ServiceEvent[]): boolean {
  return fresh.some((event) => DEPLOYMENT_CHANGE_EVENT.test((event.message ?? '').replace(/^\(service [^)]*\)\s*/, '')));
}

/** The PRIMARY deployment that ECS's rollback of `deploymentId` created, when it is not ours. */
export function rollbackDeploymentId(service: Service, deploymentId: string): string | undefined {
  const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
  return primary?.id && primary.id !== deploymentId ? primary.id : undefined;
}

/**
 * Once ECS's rollback completes, ours may leave deployments[], which alone then reads as "superseded
 * by a newer deployment". When that newer one is the rollback deployment we saw start, it is ECS's
 * rollback, and its own state says how the rollback went — no record needed to tell them apart.
 */
export function throughRollback(listed: Verdict, service: Service, rollbackId: string | undefined): Verdict {
  if (listed.state !== 'failed' || listed.rollback !== 'superseded' || !rollbackId) return listed;
  const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
  if (primary?.id !== rollbackId) return listed;
  switch (primary.rolloutState) {
    case 'COMPLETED':
      return {
        state: 'failed',
        reason: `ECS rolled the deployment back (deployment ${rollbackId})`,
        rollback: 'ecs-succeeded',
        inFlight: false,
      };
    case 'FAILED':
      return {
        state: 'failed',
        reason: `ECS could not roll the deployment back: ${primary.rolloutStateReason ?? `deployment ${rollbackId} failed`}`,
        rollback: 'ecs-failed',
        inFlight: false,
      };
    default:
      return {
        state: 'failed',
        reason: `ECS is rolling the deployment back (deployment ${rollbackId})`,
        rollback: 'ecs-in-progress',
        inFlight: true,
      };
  }
}
