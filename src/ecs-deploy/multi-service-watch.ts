import type { ContainerDefinition, Service } from '@aws-sdk/client-ecs';
import { poll } from '../lib/poll.js';
import type { Verdict } from '../lib/ecs/deployment-assessment.js';
import { assessDeployment } from '../lib/ecs/deployment-assessment.js';
import type { EcsDeps, ServiceRef } from '../lib/ecs/deps.js';
import { FailureSignals } from '../lib/ecs/failure-signals.js';
import { describeServicesBatch } from '../lib/ecs/service-batch-poller.js';
import { describeServiceDeployment } from '../lib/ecs/service-deployments.js';
import { formatEvent, ServiceEventTracker } from '../lib/ecs/service-events.js';
import { Timeline } from '../lib/ecs/timeline.js';

/**
 * Several deployments (or rollbacks) of one cluster followed in one loop: each poll is one
 * DescribeServices per 10 services still in progress, decided from deployments[] alone; stopped tasks
 * are looked up per service only when ECS hints that some stopped. With `failFast` the loop ends at
 * the first failure (the verdict is all-or-nothing); without, it follows every rollback to its end.
 */

export interface ServiceWatch {
  ref: ServiceRef;
  /** `rollout`: our deployment (or our rollback) must COMPLETE; `ecs-rollback`: ECS's rollback of this failed deployment must. */
  kind: 'rollout' | 'ecs-rollback';
  deploymentId: string;
  /** From UpdateService's answer: read only when deployments[] cannot tell ECS's rollback from someone else's deployment. */
  serviceDeploymentArn?: string;
  taskDefinitionArn: string;
  /** The service as read before the update: its events are not printed again. */
  seen?: Service | undefined;
}

export interface WatchAllResult {
  failure?: { service: string; reason: string };
  /** A service still in progress when the wait ended. */
  timedOut?: string;
  services: Map<string, Service>;
  verdicts: Map<string, Verdict>;
  succeeded: Set<string>;
  rolledBack: Set<string>;
}

/** Passing poll errors (throttling after the SDK's retries, 5xx) tolerated in a row, as the single-service watcher does. */
const MAX_CONSECUTIVE_POLL_ERRORS = 10;

export async function watchServices(
  watches: ServiceWatch[],
  options: { pollIntervalMs: number; deadline: number; failFast: boolean; containers?: ContainerDefinition[] },
  deps: EcsDeps,
): Promise<WatchAllResult> {
  const result: WatchAllResult = { services: new Map(), verdicts: new Map(), succeeded: new Set(), rolledBack: new Set() };
  const cluster = watches[0]?.ref.cluster;
  if (!cluster) return result;
  const state = watches.map((watch) => {
    const events = new ServiceEventTracker();
    events.markSeen(watch.seen?.events);
    const signals = new FailureSignals(
      {
        ref: watch.ref,
        taskDefinitionArn: watch.taskDefinitionArn,
        ...(options.containers ? { containerDefinitions: options.containers } : {}),
        seenTasks: new Set(),
        timeline: new Timeline(deps.clock),
      },
      deps,
    );
    return { watch, events, signals, done: false };
  });
  const outcome = await poll<true>(
    async () => {
      const pending = state.filter((s) => !s.done);
      const described = await describeServicesBatch(
        cluster,
        pending.map((s) => s.watch.ref.service),
        { ...deps, ecs: deps.ecsPoll ?? deps.ecs },
      );
      for (const entry of pending) {
        const name = entry.watch.ref.service;
        const service = described.get(name);
        if (!service) {
          entry.done = true;
          result.failure ??= { service: name, reason: `service ${name} was deleted while the deployment rolled out` };
          continue;
        }
        result.services.set(name, service);
        const fresh = entry.events.takeNew(service.events);
        for (const event of fresh) deps.log.info(formatEvent(event));
        const ours = service.deployments?.find((d) => d.id === entry.watch.deploymentId);
        let verdict = assessDeployment(service, undefined, entry.watch.deploymentId);
        // Between two polls ECS may roll back and drop our deployment from deployments[]: its record says whose the newer one is.
        if (verdict.state === 'failed' && verdict.rollback === 'superseded' && entry.watch.serviceDeploymentArn) {
          const record = await describeServiceDeployment(entry.watch.serviceDeploymentArn, entry.watch.ref, deps);
          if (record !== 'unavailable') verdict = assessDeployment(service, record, entry.watch.deploymentId);
        }
        if (options.failFast && verdict.state === 'in-progress') {
          await entry.signals.observe(service, ours, fresh);
          verdict = entry.signals.verdict() ?? verdict;
        }
        result.verdicts.set(name, verdict);
        if (entry.watch.kind === 'rollout') {
          if (verdict.state === 'succeeded') {
            entry.done = true;
            result.succeeded.add(name);
            deps.log.info(`Service ${name}: deployment ${entry.watch.deploymentId} completed`);
          } else if (verdict.state === 'failed') {
            entry.done = true;
            result.failure ??= { service: name, reason: verdict.reason };
          }
        } else {
          // ECS's rollback is a newer PRIMARY deployment; once it completes, the failed one may leave deployments[] altogether.
          const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
          if (primary && primary.id !== entry.watch.deploymentId && primary.rolloutState !== 'IN_PROGRESS') {
            entry.done = true;
            if (primary.rolloutState === 'COMPLETED') result.rolledBack.add(name);
          } else if (verdict.state === 'succeeded') entry.done = true;
        }
      }
      if (options.failFast && result.failure) return true;
      return state.every((s) => s.done) ? true : undefined;
    },
    {
      label: `Deployments of ${watches.length} services`,
      deadline: options.deadline,
      intervalMs: options.pollIntervalMs,
      toleratedErrors: MAX_CONSECUTIVE_POLL_ERRORS,
      clock: deps.clock,
      warn: deps.log.warning,
    },
  );
  if (!outcome.done) {
    const late = state.find((s) => !s.done);
    if (late) result.timedOut = late.watch.ref.service;
  }
  return result;
}
