import {
  BatchGetDeploymentTargetsCommand,
  GetDeploymentCommand,
  ListDeploymentTargetsCommand,
  type DeploymentInfo,
  type ECSTarget,
} from '@aws-sdk/client-codedeploy';
import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import { awsCall, awsErrorName } from '../aws-call.js';
import type { ServiceRef } from '../ecs/deps.js';
import type { StoppedTask } from '../ecs/stopped-tasks.js';
import type { Timeline } from '../ecs/timeline.js';
import { poll } from '../poll.js';
import type { CodeDeployDeps } from './deps.js';
import {
  IN_FLIGHT,
  LifecycleTracker,
  deploymentFailureReason,
  describeEvent,
  failedEventReason,
  replacementTaskSet,
  trafficShifted,
} from './lifecycle.js';
import { ReplacementTasks } from './replacement-tasks.js';

/**
 * Follows one CodeDeploy deployment of an ECS service to its verdict: GetDeployment for its state,
 * the deployment's ECS target for the lifecycle events and task sets, and the replacement task
 * set's stopped tasks. Each lifecycle event is printed once, when it ends. The verdict comes as soon
 * as it is known: a failed hook, an alarm, or a stopped replacement task fail at once, before
 * CodeDeploy's own rollback or timeout.
 */

export interface FollowRequest {
  ref: ServiceRef;
  deploymentId: string;
  taskDefinitionArn: string;
  containerDefinitions?: ContainerDefinition[];
  /** Lifecycle event → hook (Lambda function), from the AppSpec, to name a failing hook. */
  hooks: Map<string, string>;
  /** Alarm names the deployment group watches. */
  alarms: string[];
  /**
   * `complete`: the first verdict (success, or a failure as soon as one shows). `traffic-shifted`: also
   * done once production traffic is on the replacement, before the termination wait. `ended`: only once
   * CodeDeploy ended the deployment (after a stop, to learn whether and how it rolled back).
   */
  until: 'complete' | 'traffic-shifted' | 'ended';
  deadline: number;
  pollIntervalMs: number;
  seenTasks: Set<string>;
  timeline: Timeline;
  /** Whether stopped replacement tasks fail the deployment (not while following a rollback). */
  watchTasks: boolean;
}

export type FollowVerdict =
  | { state: 'succeeded'; trafficShiftedOnly: boolean }
  | { state: 'failed'; reason: string; inFlight: boolean; rollbackDeploymentId?: string }
  | { state: 'timed-out' };

export interface FollowResult {
  verdict: FollowVerdict;
  stoppedTasks: StoppedTask[];
  /** The deployment as last read. */
  info?: DeploymentInfo;
  /** Its ECS target as last read (lifecycle events, task sets): what CodeDeploy was doing when the wait ended. */
  target?: ECSTarget;
}

/** Throttled or failing polls tolerated in a row: the next poll comes within an interval, and a long deployment outlives a short AWS hiccup. */
const TOLERATED_POLL_ERRORS = 10;

export async function followDeployment(request: FollowRequest, deps: CodeDeployDeps): Promise<FollowResult> {
  const tracker = new LifecycleTracker();
  const tasks = new ReplacementTasks(request, deps);
  const targets = new TargetReader(request.deploymentId, deps);
  let info: DeploymentInfo | undefined;
  let lastTarget: ECSTarget | undefined;
  const outcome = await poll(
    async () => {
      info = await getDeployment(request.deploymentId, deps);
      const target = await targets.read(info);
      lastTarget = target ?? lastTarget;
      report(request, tracker, info, target, deps);
      return await judge(request, info, target, tasks);
    },
    {
      label: `CodeDeploy deployment ${request.deploymentId}`,
      deadline: request.deadline,
      intervalMs: request.pollIntervalMs,
      toleratedErrors: TOLERATED_POLL_ERRORS,
      clock: deps.clock,
      warn: deps.log.warning,
    },
  );
  return {
    verdict: outcome.done ? outcome.value : { state: 'timed-out' },
    stoppedTasks: tasks.stopped,
    ...(info ? { info } : {}),
    ...(lastTarget ? { target: lastTarget } : {}),
  };
}

/** Prints what changed since the last poll: the deployment's state, ended lifecycle events, the task sets. */
function report(
  request: FollowRequest,
  tracker: LifecycleTracker,
  info: DeploymentInfo,
  target: ECSTarget | undefined,
  deps: CodeDeployDeps,
): void {
  const { deploymentId, timeline } = request;
  const status = tracker.statusChange(info);
  if (status) {
    const waiting = status === 'Ready' ? ': waiting for ContinueDeployment (the group stops deployments until someone continues them)' : '';
    deps.log.info(`CodeDeploy deployment ${deploymentId}: ${status}${waiting}`);
    if (status !== 'Created' && status !== 'Queued') timeline.add(`CodeDeploy deployment ${deploymentId}: ${status}`);
  }
  for (const event of tracker.newlyEnded(target)) {
    const line = describeEvent(event, request.hooks);
    deps.log.info(`CodeDeploy ${line}`);
    timeline.addEcs(line, event.endTime);
  }
  const sets = tracker.taskSetChange(target);
  if (sets) deps.log.info(`Task sets: ${sets}`);
}

async function judge(
  request: FollowRequest,
  info: DeploymentInfo,
  target: ECSTarget | undefined,
  tasks: ReplacementTasks,
): Promise<FollowVerdict | undefined> {
  const status = info.status ?? 'Created';
  if (status === 'Succeeded') return { state: 'succeeded', trafficShiftedOnly: false };
  const inFlight = IN_FLIGHT.has(status);
  if (request.until === 'ended' && inFlight) return undefined;
  const failedEvent = target?.lifecycleEvents?.find((event) => event.status === 'Failed');
  if (failedEvent) return { state: 'failed', reason: failedEventReason(failedEvent, request.hooks), inFlight, ...rollbackOf(info) };
  if (!inFlight) return { state: 'failed', reason: deploymentFailureReason(info, request.alarms), inFlight: false, ...rollbackOf(info) };
  if (request.until === 'traffic-shifted' && trafficShifted(target, info)) return { state: 'succeeded', trafficShiftedOnly: true };
  // Every poll once the replacement exists: its counts cannot tell, since ECS starts a new task for each that stops
  // and a poll may fall between the two. Only tasks not seen before are described.
  if (request.watchTasks && replacementTaskSet(target)) {
    await tasks.collect();
    const failure = tasks.failure();
    if (failure) return { state: 'failed', reason: failure, inFlight: true };
  }
  return undefined;
}

function rollbackOf(info: DeploymentInfo): { rollbackDeploymentId?: string } {
  const id = info.rollbackInfo?.rollbackDeploymentId;
  return id ? { rollbackDeploymentId: id } : {};
}

export async function getDeployment(deploymentId: string, deps: CodeDeployDeps): Promise<DeploymentInfo> {
  const response = await awsCall(deps, `read CodeDeploy deployment ${deploymentId}`, 'codedeploy:GetDeployment', () =>
    deps.codedeploy.send(new GetDeploymentCommand({ deploymentId })),
  );
  if (!response.deploymentInfo) throw new Error(`GetDeployment of ${deploymentId} answered without the deployment`);
  return response.deploymentInfo;
}

/** The deployment's one ECS target: listed until CodeDeploy has created it, then read by id. */
class TargetReader {
  private targetId: string | undefined;

  constructor(
    private readonly deploymentId: string,
    private readonly deps: CodeDeployDeps,
  ) {}

  async read(info: DeploymentInfo): Promise<ECSTarget | undefined> {
    const { deploymentId, deps } = this;
    if (!this.targetId) {
      // Until CodeDeploy starts the deployment it has no target, and ListDeploymentTargets answers DeploymentNotStartedException.
      if (info.status === 'Created' || info.status === 'Queued') return undefined;
      const listed = await awsCall(
        deps,
        `list the targets of CodeDeploy deployment ${deploymentId}`,
        'codedeploy:ListDeploymentTargets',
        () => deps.codedeploy.send(new ListDeploymentTargetsCommand({ deploymentId })),
      ).catch((error: unknown) => {
        if (awsErrorName(error) === 'DeploymentNotStartedException') return { targetIds: [] };
        throw error;
      });
      this.targetId = listed.targetIds?.[0];
      if (!this.targetId) return undefined;
    }
    const targetIds = [this.targetId];
    const response = await awsCall(
      deps,
      `read the ECS target of CodeDeploy deployment ${deploymentId}`,
      'codedeploy:BatchGetDeploymentTargets',
      () => deps.codedeploy.send(new BatchGetDeploymentTargetsCommand({ deploymentId, targetIds })),
    );
    return response.deploymentTargets?.find((target) => target.ecsTarget)?.ecsTarget;
  }
}
