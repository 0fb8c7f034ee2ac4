import type {
  ContainerDefinition,
  Deployment,
  DeploymentLifecycleHookDetail,
  ECSClient,
  Service,
  ServiceDeployment,
} from '@aws-sdk/client-ecs';
import type { HttpHandlerOptions } from '@smithy/types';
import { errorMessage, NotFoundError } from '../errors.js';
import { poll } from '../poll.js';
import { isRetryable } from '../retry.js';
import { assessDeployment, type Verdict } from './deployment-assessment.js';
import type { EcsDeps, ServiceRef } from './deps.js';
import { FailureSignals } from './failure-signals.js';
import { describeServiceDeployment } from './service-deployments.js';
import { formatEvent, type ServiceEventTracker } from './service-events.js';
import { describeService } from './service-state.js';
import type { StoppedTask } from './stopped-tasks.js';
import type { Timeline } from './timeline.js';
import { explainFailure, StrategyProgress } from './strategy-progress.js';
import { followsStages, goalReached, type WaitGoal } from './strategy-state.js';
import { announcesChange, isFinal, recordExplains, rollbackDeploymentId, throughRollback, type WatchUntil } from './record-reads.js';

/**
 * Follows ONE deployment (the one our UpdateService created, or a rollback) by polling, printing
 * each new service event once and each change of the deployment, and returns as soon as ECS (or our
 * own fail-fast signals) gives a verdict. Each poll is one DescribeServices. The service-deployment
 * record is read on every poll only for blue/green, linear, canary and lifecycle hooks (their stages
 * show only there); for a rolling deployment only when deployments[] or an event shows a failure.
 * Stopped tasks are looked up only on a signal (failure-signals.ts). So a rolling watch stays at one
 * ECS call per poll until something fails; test/unit/lib/ecs/watch-call-budget.test.ts pins that.
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
  until: WatchUntil;
  /**
   * The caller has just seen the deployment (UpdateService or StopServiceDeployment answered, or the
   * poll that gave the verdict being followed): the first poll waits one interval, since ECS cannot
   * have moved in between.
   */
  firstPollAfterInterval?: boolean;
  /** ecs-deploy's `wait-until`: `traffic-shifted` and `paused` end the watch while ECS goes on. Default `completed`. */
  goal?: WaitGoal;
  events: ServiceEventTracker;
  /** Stopped tasks already looked at, shared by the watches of one run so that each is printed once. */
  seenTasks: Set<string>;
  timeline: Timeline;
}

export type WatchVerdict = Verdict | { state: 'timed-out' } | GoalReached;

/** The wait reached its `wait-until` goal while ECS goes on with a healthy deployment. */
export interface GoalReached {
  state: 'goal-reached';
  goal: 'traffic-shifted' | 'paused';
  hook?: DeploymentLifecycleHookDetail;
  stage?: string;
}

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
  const progress = new StrategyProgress(deps.log, request.timeline);
  let serviceDeployment: ServiceDeployment | undefined;
  /** ECS's rollback deployment of ours, once seen: it tells "rolled back" from "superseded" when ours leaves deployments[]. */
  let rollbackId: string | undefined;
  let useServiceDeployments = request.serviceDeploymentArn !== undefined;
  let lastLine = '';
  let lastService: Service | undefined;
  if (request.firstPollAfterInterval)
    await deps.clock.sleep(Math.min(request.pollIntervalMs, Math.max(0, request.deadline - deps.clock.now())));
  // Policy: a poll that fails with a passing error (throttled or 5xx after the poll client's one
  // retry, a reset) is skipped, ten in a row at most; the next poll comes within an interval.
  const outcome = await poll<WatchResult>(
    async (polls) => {
      try {
        const service = await describeService(request.ref, untilDeadline(deps.ecsPoll ?? deps.ecs, request.deadline, deps)).catch(
          (error: unknown) => {
            if (error instanceof NotFoundError) return undefined;
            throw error;
          },
        );
        // Deleted while we watch: nothing more will happen to the deployment, so stop at once.
        if (!service || service.status === 'DRAINING') {
          const state = service ? 'DRAINING (it is being deleted)' : 'INACTIVE (deleted) or gone';
          const verdict: Verdict = {
            state: 'failed',
            reason: `service ${request.ref.service} turned ${state} while the deployment rolled out`,
            rollback: 'service-gone',
            inFlight: false,
          };
          return { verdict, ...(service ? { service } : {}), stoppedTasks: signals.stoppedTasks, polls };
        }
        lastService = service;
        const fresh = request.events.takeNew(service.events);
        for (const event of fresh) {
          deps.log.info(formatEvent(event));
          if (!NOISY_EVENT.test(event.message ?? '')) request.timeline.addEcs(event.message ?? '', event.createdAt);
        }
        const ours = service.deployments?.find((d) => d.id === request.deploymentId);
        // Lifecycle stages, traffic steps and hooks show only in the service-deployment record, so it is read on every poll
        // there. A plain rolling deployment's record adds only a failure's reason and monitors to what deployments[] says,
        // so it is read when deployments[] shows a failure, when an event announces one, and every FULL_REFRESH_EVERY polls.
        const listed = throughRollback(assessDeployment(service, undefined, request.deploymentId), service, rollbackId);
        const readRecord =
          followsStages(service) ||
          recordExplains(listed, request.until) ||
          (request.until === 'verdict' && announcesChange(fresh)) ||
          polls % FULL_REFRESH_EVERY === 0;
        const fresher = useServiceDeployments && request.serviceDeploymentArn !== undefined && readRecord;
        if (fresher && request.serviceDeploymentArn) {
          const described = await describeServiceDeployment(request.serviceDeploymentArn, request.ref, deps);
          if (described === 'unavailable') useServiceDeployments = false;
          else {
            serviceDeployment = described;
            progress.observe(described);
          }
        }
        await signals.observe(service, ours, fresh);
        // Only a record read on this poll speaks for the verdict: an older one may predate what deployments[] shows now.
        const recorded = useServiceDeployments && fresher ? serviceDeployment : undefined;
        const assessed = recorded ? assessDeployment(service, recorded, request.deploymentId) : listed;
        let verdict: Verdict = explainFailure(assessed, recorded, progress.stage);
        if (verdict.state === 'failed' && verdict.rollback === 'ecs-in-progress')
          rollbackId ??= rollbackDeploymentId(service, request.deploymentId);
        if (verdict.state === 'in-progress' && request.failFast) verdict = signals.verdict() ?? verdict;
        const line = progressLine(request.deploymentId, ours, recorded, verdict);
        if (line !== lastLine) {
          deps.log.info(line);
          lastLine = line;
        }
        const reached = verdict.state === 'in-progress' ? goalReached(request.goal ?? 'completed', recorded) : undefined;
        if (reached) {
          const found = { service, ...(serviceDeployment ? { serviceDeployment } : {}), stoppedTasks: signals.stoppedTasks, polls };
          return { verdict: { state: 'goal-reached', ...reached }, ...found };
        }
        if (isFinal(verdict, request.until)) {
          // A rollback ECS finished needs no stopped tasks explained: the failure it undid was explained when the watch of it ended.
          const explained =
            signals.collectedThisPoll || (!request.failFast && verdict.state === 'failed' && verdict.rollback === 'ecs-succeeded');
          if (verdict.state === 'failed' && !explained) await signals.collectStopped();
          return { verdict, service, ...(serviceDeployment ? { serviceDeployment } : {}), stoppedTasks: signals.stoppedTasks, polls };
        }
        return undefined;
      } catch (error: unknown) {
        // Past the deadline a poll without an answer ends the watch as timed out, not as a failure.
        if (deps.clock.now() >= request.deadline && (isAborted(error) || isRetryable(error))) {
          deps.log.warning(`Poll ${polls} got no answer before the wait ended (${errorMessage(error)})`);
          return undefined;
        }
        throw error;
      }
    },
    {
      label: `Deployment ${request.deploymentId}`,
      deadline: request.deadline,
      intervalMs: request.pollIntervalMs,
      toleratedErrors: MAX_CONSECUTIVE_POLL_ERRORS,
      clock: deps.clock,
      warn: deps.log.warning,
    },
  );
  if (outcome.done) return outcome.value;
  return {
    verdict: { state: 'timed-out' },
    ...(lastService ? { service: lastService } : {}),
    ...(serviceDeployment ? { serviceDeployment } : {}),
    stoppedTasks: signals.stoppedTasks,
    polls: outcome.checks,
  };
}

/**
 * The poll client, with every call aborted once the watch's deadline has passed (with a second of
 * slack for a poll sent just before it): the SDK's own request timeout and retries could otherwise
 * keep one silent poll going well past the wait.
 */
function untilDeadline(client: Pick<ECSClient, 'send'>, deadline: number, deps: EcsDeps): EcsDeps {
  const send = ((command: Parameters<ECSClient['send']>[0], options?: HttpHandlerOptions) =>
    client.send(command, {
      ...options,
      abortSignal: AbortSignal.timeout(Math.max(deadline - deps.clock.now(), 0) + 1000),
    })) as ECSClient['send'];
  return { ...deps, ecs: { send } };
}

function isAborted(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) if (e.name === 'AbortError' || e.name === 'TimeoutError') return true;
  return false;
}

function progressLine(deploymentId: string, ours: Deployment | undefined, sd: ServiceDeployment | undefined, verdict: Verdict): string {
  const counts = ours
    ? `running ${ours.runningCount ?? 0}/${ours.desiredCount ?? 0}, pending ${ours.pendingCount ?? 0}, failed ${ours.failedTasks ?? 0}`
    : 'no longer listed';
  const state = sd?.status ?? ours?.rolloutState ?? verdict.state.toUpperCase();
  const stage = sd?.lifecycleStage ? ` (stage ${sd.lifecycleStage})` : '';
  return `Deployment ${deploymentId}: ${state}${stage} — ${counts}`;
}
