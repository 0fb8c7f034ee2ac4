import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import type { EcsDeps, ServiceRef } from '../ecs/deps.js';
import { DELIBERATE_STOP, newlyStoppedTasks, reportStoppedTasks, summarizeStoppedTask, type StoppedTask } from '../ecs/stopped-tasks.js';
import type { Timeline } from '../ecs/timeline.js';

/**
 * Tasks of the replacement task set that stopped, explained as for rolling deployments (ECS's
 * reason, exit codes, the tail of each container's log) and printed once each.
 *
 * One such task is enough to fail the deployment: a CODE_DEPLOY service has no circuit breaker,
 * ECS keeps starting new tasks in the task set, and CodeDeploy itself only gives up when its own
 * timeout (up to an hour) runs out. Stops that are nobody's fault (scale-in, a stop by a person,
 * a Spot interruption or host maintenance) do not count.
 */

const NOBODYS_FAULT = new Set(['SpotInterruption', 'TerminationNotice', 'UserInitiated']);

export interface ReplacementTasksRequest {
  ref: ServiceRef;
  taskDefinitionArn: string;
  containerDefinitions?: ContainerDefinition[];
  /** Task ARNs already looked at (shared with any later rollback's watch). */
  seenTasks: Set<string>;
  timeline: Timeline;
}

export class ReplacementTasks {
  readonly stopped: StoppedTask[] = [];

  constructor(
    private readonly request: ReplacementTasksRequest,
    private readonly deps: EcsDeps,
  ) {}

  /** Looks the service's stopped tasks up and explains those of the replacement not seen before. */
  async collect(): Promise<StoppedTask[]> {
    const { ref, taskDefinitionArn, seenTasks } = this.request;
    const tasks = await newlyStoppedTasks(this.deps, ref, seenTasks, (task) => task.lastStatus === 'STOPPED');
    const ours = tasks.filter(
      (task) =>
        task.taskDefinitionArn === taskDefinitionArn &&
        !DELIBERATE_STOP.test(task.stoppedReason ?? '') &&
        !NOBODYS_FAULT.has(task.stopCode ?? ''),
    );
    const { containerDefinitions, timeline } = this.request;
    const explained = await reportStoppedTasks(ours, { containerDefinitions, timeline, heading: 'Replacement task stopped' }, this.deps);
    this.stopped.push(...explained);
    return explained;
  }

  /** Why the replacement failed, or undefined while none of its tasks stopped. */
  failure(): string | undefined {
    const last = this.stopped.at(-1);
    if (!last) return undefined;
    const count =
      this.stopped.length === 1
        ? 'a task of the replacement task set stopped'
        : `${this.stopped.length} tasks of the replacement task set stopped`;
    return `${count}: ${summarizeStoppedTask(last)}`;
  }
}
