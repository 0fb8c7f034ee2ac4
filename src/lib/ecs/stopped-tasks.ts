import { DescribeTasksCommand, ListTasksCommand, type ContainerDefinition, type Task } from '@aws-sdk/client-ecs';
import { awsCall } from '../aws-call.js';
import type { EcsDeps, ServiceRef } from './deps.js';
import { awslogsTargets, lastLogLines, taskId } from './log-tail.js';
import type { Timeline } from './timeline.js';

/**
 * Why tasks stopped: ECS's stoppedReason, each container's exit code or reason, and the last lines
 * of its log. A container with no exit code never ran (pull error, resource shortage), so ECS's
 * reason is shown instead of "null".
 */

export interface ContainerStop {
  name: string;
  essential: boolean;
  exitCode?: number;
  /** ECS's reason for this container, else the task's stoppedReason. */
  reason?: string;
  logLines: string[];
}

export interface StoppedTask {
  taskArn: string;
  taskDefinitionArn: string;
  stoppedReason: string;
  stopCode?: string;
  stoppedAt?: Date;
  containers: ContainerStop[];
}

/** Describes tasks (at most 100 per call) and explains each stop, reading the tail of each container's log. */
export async function explainStoppedTasks(
  tasks: Task[],
  containerDefinitions: ContainerDefinition[] | undefined,
  deps: EcsDeps,
  /** Tasks whose logs are read, the first ones; the rest are explained without log lines (one GetLogEvents per container each). */
  logTails = Number.POSITIVE_INFINITY,
): Promise<StoppedTask[]> {
  const logs = awslogsTargets(containerDefinitions);
  const essential = new Map((containerDefinitions ?? []).map((c) => [c.name ?? '', c.essential !== false]));
  const explained: StoppedTask[] = [];
  for (const task of tasks) {
    const taskArn = task.taskArn ?? '';
    const stoppedReason = task.stoppedReason ?? 'no reason given by ECS';
    const containers: ContainerStop[] = [];
    for (const container of task.containers ?? []) {
      const name = container.name ?? '?';
      const target = logs.get(name);
      // A container that never started has no log to read.
      const logLines =
        target && container.exitCode !== undefined && explained.length < logTails ? await lastLogLines(target, name, taskArn, deps) : [];
      containers.push({
        name,
        essential: essential.get(name) ?? true,
        ...(container.exitCode !== undefined ? { exitCode: container.exitCode } : {}),
        ...(container.reason || container.exitCode === undefined ? { reason: container.reason ?? stoppedReason } : {}),
        logLines,
      });
    }
    explained.push({
      taskArn,
      taskDefinitionArn: task.taskDefinitionArn ?? '',
      stoppedReason,
      ...(task.stopCode ? { stopCode: task.stopCode } : {}),
      ...(task.stoppedAt ? { stoppedAt: task.stoppedAt } : {}),
      containers,
    });
  }
  return explained;
}

/** ListTasks answers at most 100 ARNs per page; DescribeTasks takes at most 100 per call. */
export const TASKS_PER_CALL = 100;
/** Pages read at most: 5,000 tasks, the most one service can run. */
const MAX_LIST_PAGES = 50;

/** Task ARNs in a cluster, optionally of one service and/or desired status: every page, not just the first 100. */
export async function listTaskArns(
  deps: EcsDeps,
  cluster: string,
  filter: { serviceName?: string; desiredStatus?: 'RUNNING' | 'STOPPED'; startedBy?: string },
): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const token = nextToken;
    const response = await awsCall(deps, `list tasks in cluster ${cluster}`, 'ecs:ListTasks', () =>
      deps.ecs.send(new ListTasksCommand({ cluster, ...filter, maxResults: TASKS_PER_CALL, ...(token ? { nextToken: token } : {}) })),
    );
    arns.push(...(response.taskArns ?? []));
    nextToken = response.nextToken;
    if (!nextToken) break;
  }
  return arns;
}

/** Describes any number of tasks, 100 per call, one call after another. */
export async function describeTasks(deps: EcsDeps, cluster: string, taskArns: string[]): Promise<Task[]> {
  const tasks: Task[] = [];
  for (let at = 0; at < taskArns.length; at += TASKS_PER_CALL) {
    const batch = taskArns.slice(at, at + TASKS_PER_CALL);
    const response = await awsCall(deps, `describe tasks in cluster ${cluster}`, 'ecs:DescribeTasks', () =>
      deps.ecs.send(new DescribeTasksCommand({ cluster, tasks: batch })),
    );
    tasks.push(...(response.tasks ?? []));
  }
  return tasks;
}

/** Stops the scheduler or a person makes on purpose (scale-in, a manual stop, replacing old tasks) are not failures. */
export const DELIBERATE_STOP = /Scaling activity initiated by|Task stopped by user|ServiceSchedulerInitiated: deployment/i;

/**
 * The service's tasks that stopped since the last look, as DescribeTasks reports them. Each one `isStopped` accepts is added to
 * seenTasks, so that it is explained once; the others (still stopping, in one caller's view) are looked at again next time.
 */
export async function newlyStoppedTasks(
  deps: EcsDeps,
  ref: ServiceRef,
  seenTasks: Set<string>,
  isStopped: (task: Task) => boolean,
): Promise<Task[]> {
  const arns = (await listTaskArns(deps, ref.cluster, { serviceName: ref.service, desiredStatus: 'STOPPED' })).filter(
    (arn) => !seenTasks.has(arn),
  );
  if (arns.length === 0) return [];
  const stopped = (await describeTasks(deps, ref.cluster, arns)).filter(isStopped);
  for (const task of stopped) if (task.taskArn) seenTasks.add(task.taskArn);
  return stopped;
}

/** Explains stopped tasks and prints each once: its lines in the log, one line headed `heading` in the timeline. */
export async function reportStoppedTasks(
  tasks: Task[],
  report: { containerDefinitions: ContainerDefinition[] | undefined; timeline: Timeline; heading: string; logTails?: number },
  deps: EcsDeps,
): Promise<StoppedTask[]> {
  const explained = await explainStoppedTasks(tasks, report.containerDefinitions, deps, report.logTails);
  for (const task of explained) {
    for (const line of formatStoppedTask(task)) deps.log.info(line);
    report.timeline.addEcs(`${report.heading}: ${summarizeStoppedTask(task)}`, task.stoppedAt);
  }
  return explained;
}

/** Log lines a user reads in the Actions log, one task at a time. */
export function formatStoppedTask(task: StoppedTask): string[] {
  const lines = [`Task ${taskId(task.taskArn)} stopped: ${task.stoppedReason}`];
  for (const container of task.containers) {
    const outcome = container.exitCode !== undefined ? `exit code ${container.exitCode}` : 'no exit code';
    const reason = container.reason ? ` — ${container.reason}` : '';
    lines.push(`  container ${container.name}${container.essential ? '' : ' (not essential)'}: ${outcome}${reason}`);
    if (container.logLines.length > 0) {
      lines.push(`  last log lines of ${container.name}:`);
      for (const line of container.logLines) lines.push(`    | ${line}`);
    }
  }
  return lines;
}

/** The one-line version for error annotations and summaries. */
export function summarizeStoppedTask(task: StoppedTask): string {
  const parts = task.containers
    .filter((c) => c.essential)
    .map((c) => `${c.name}: ${c.exitCode !== undefined ? `exit ${c.exitCode}` : (c.reason ?? 'no exit code')}`);
  const lastLine = task.containers
    .flatMap((c) => c.logLines)
    .filter((l) => !l.startsWith('(no log lines'))
    .at(-1);
  return `${task.stoppedReason}${parts.length > 0 ? ` (${parts.join('; ')})` : ''}${lastLine ? `; last log line: ${lastLine}` : ''}`;
}

/**
 * `. Last stopped task: …` to append to a failure reason, or '' when there is none or the reason
 * already quotes its stopped reason: that is what users need first, said once.
 */
export function lastStoppedTaskDetail(reason: string, stoppedTasks: StoppedTask[]): string {
  const last = stoppedTasks.at(-1);
  return last && !reason.includes(last.stoppedReason) ? `. Last stopped task: ${summarizeStoppedTask(last)}` : '';
}
