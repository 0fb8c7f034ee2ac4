import type { ContainerDefinition, Deployment, Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { errorMessage } from '../errors.js';
import { isRetryable } from '../retry.js';
import { assessDeployment, type Verdict } from './deployment-assessment.js';
import type { EcsDeps, ServiceRef } from './deps.js';
import { FailureSignals } from './failure-signals.js';
import { describeServiceDeployment } from './service-deployments.js';
import { formatEvent, type ServiceEventTracker } from './service-events.js';
import { describeService } from './service-state.js';
import type { StoppedTask } from './stopped-tasks.js';
import type { Timeline } from './timeline.js';

/**
 * Follows ONE deployment (the one our UpdateService created, or a rollback) by polling, printing
 * each new service event once and each change of the deployment, and returns as soon as ECS (or our
 * own fail-fast signals) gives a verdict. Each poll is one DescribeServices; the service-deployment
 * record is fetched only when deployments[] moved (on every poll for blue/green, whose lifecycle
 * stages show only there), so a rolling watch stays near one ECS call per poll.
 */

export interface WatchRequest {
  ref: ServiceRef;
  /** The `ecs-svc/…` id in deployments[]. */
  deploymentId: string;
  /** The service-deployment ARN (Service.currentServiceDeployment right after UpdateService). */
  serviceDeploymentArn?: string;
  taskDefinitionArn: string;
  containerDefinitions?: ContainerDefinition[];
  pollIntervalMs: number;
  /** Absolute time (deps.clock) after which the watch gives up. */
  deadline: number;
  /** Our own signals (tasks that keep stopping, pull errors, no placement) besides ECS's verdict. */
  failFast: boolean;
  /** `verdict`: return at the first verdict; `rollback-settled`: keep following an ECS rollback to its end. */
  until: 'verdict' | 'rollback-settled';
  events: ServiceEventTracker;
  /** Stopped tasks already looked at, shared by the watches of one run so that each is printed once. */
  seenTasks: Set<string>;
  timeline: Timeline;
}

export type WatchVerdict = Verdict | { state: 'timed-out' };

export interface WatchResult {
  verdict: WatchVerdict;
  service?: Service;
  serviceDeployment?: ServiceDeployment;
  stoppedTasks: StoppedTask[];
  polls: number;
}

/** Events that fill the log but say nothing a reader of the summary's timeline needs. */
const NOISY_EVENT = /(de)?registered \d+ targets|begun draining connections/;

/** Poll errors that can pass (throttling after the SDK's own retries, 5xx, resets) are tolerated this many times in a row. */
const MAX_CONSECUTIVE_POLL_ERRORS = 10;
/**
 * Every this many polls the service-deployment record is re-read even when deployments[] did not
 * move: a safety net for what shows only there (blue/green lifecycle stages, alarm names). ECS turns
 * a breaker or alarm failure into a deployments[] change (rolloutState FAILED, a rollback PRIMARY),
 * so verdicts never wait for it; at the default 10 s poll this is one extra call every 5 minutes.
 */
const FULL_REFRESH_EVERY = 30;

export async function watchDeployment(request: WatchRequest, deps: EcsDeps): Promise<WatchResult> {
  const signals = new FailureSignals(request, deps);
  let serviceDeployment: ServiceDeployment | undefined;
  let useServiceDeployments = request.serviceDeploymentArn !== undefined;
  let lastLine = '';
  let lastService: Service | undefined;
  let consecutiveErrors = 0;
  let lastKey = '';
  for (let polls = 1; ; polls++) {
    const wait = Math.max(0, Math.min(request.pollIntervalMs, request.deadline - deps.clock.now()));
    await deps.clock.sleep(wait);
    try {
      const service = await describeService(request.ref, deps.ecsPoll ? { ...deps, ecs: deps.ecsPoll } : deps);
      lastService = service;
      consecutiveErrors = 0;
      const fresh = request.events.takeNew(service.events);
      for (const event of fresh) {
        deps.log.info(formatEvent(event));
        if (!NOISY_EVENT.test(event.message ?? '')) request.timeline.add(event.message ?? '');
      }
      const ours = service.deployments?.find((d) => d.id === request.deploymentId);
      const key = `${ours?.rolloutState}|${ours?.failedTasks}|${service.deployments?.map((d) => `${d.id}:${d.status}:${d.rolloutState}`).join(',')}`;
      // A first poll that shows our deployment just started holds nothing the service-deployment record would add.
      if (polls === 1 && justStarted(ours)) lastKey = key;
      // Blue/green lifecycle stages show only in the service-deployment record, so it is read on every poll there.
      const blueGreen = service.deploymentConfiguration?.strategy === 'BLUE_GREEN';
      if (useServiceDeployments && request.serviceDeploymentArn && (blueGreen || key !== lastKey || polls % FULL_REFRESH_EVERY === 0)) {
        const described = await describeServiceDeployment(request.serviceDeploymentArn, request.ref, deps);
        if (described === 'unavailable') useServiceDeployments = false;
        else serviceDeployment = described;
      }
      lastKey = key;
      await signals.observe(service, ours, fresh);
      let verdict: Verdict = assessDeployment(service, useServiceDeployments ? serviceDeployment : undefined, request.deploymentId);
      if (verdict.state === 'in-progress' && request.failFast) verdict = signals.verdict() ?? verdict;
      const line = progressLine(request.deploymentId, ours, serviceDeployment, verdict);
      if (line !== lastLine) {
        deps.log.info(line);
        lastLine = line;
      }
      if (isFinal(verdict, request.until)) {
        if (verdict.state === 'failed' && !signals.collectedThisPoll) await signals.collectStopped();
        return { verdict, service, ...(serviceDeployment ? { serviceDeployment } : {}), stoppedTasks: signals.stoppedTasks, polls };
      }
    } catch (error: unknown) {
      consecutiveErrors += 1;
      if (!isRetryable(error) || consecutiveErrors > MAX_CONSECUTIVE_POLL_ERRORS) throw error;
      deps.log.warning(`Poll ${polls} failed (${errorMessage(error)}); trying again at the next poll`);
    }
    if (deps.clock.now() >= request.deadline) {
      return {
        verdict: { state: 'timed-out' },
        ...(lastService ? { service: lastService } : {}),
        ...(serviceDeployment ? { serviceDeployment } : {}),
        stoppedTasks: signals.stoppedTasks,
        polls,
      };
    }
  }
}

/** PRIMARY, IN_PROGRESS, nothing failed yet: the state UpdateService (or ECS's rollback) leaves a deployment in. */
function justStarted(ours: Deployment | undefined): boolean {
  return ours?.status === 'PRIMARY' && ours.rolloutState === 'IN_PROGRESS' && !ours.failedTasks;
}

function isFinal(verdict: Verdict, until: WatchRequest['until']): boolean {
  if (verdict.state === 'in-progress') return false;
  if (until === 'rollback-settled' && verdict.state === 'failed') return verdict.rollback !== 'ecs-in-progress';
  return true;
}

function progressLine(deploymentId: string, ours: Deployment | undefined, sd: ServiceDeployment | undefined, verdict: Verdict): string {
  const counts = ours
    ? `running ${ours.runningCount ?? 0}/${ours.desiredCount ?? 0}, pending ${ours.pendingCount ?? 0}, failed ${ours.failedTasks ?? 0}`
    : 'no longer listed';
  const state = sd?.status ?? ours?.rolloutState ?? verdict.state.toUpperCase();
  const stage = sd?.lifecycleStage ? ` (stage ${sd.lifecycleStage})` : '';
  return `Deployment ${deploymentId}: ${state}${stage} — ${counts}`;
}
