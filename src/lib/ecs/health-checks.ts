import { parseTargetGroupArn } from '../arn.js';
import type { ContainerDefinition, Service, Task } from '@aws-sdk/client-ecs';
import { DescribeTargetHealthCommand, type TargetHealthDescription } from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsCall } from '../aws-call.js';
import { poll } from '../poll.js';
import type { EcsDeps, ServiceRef } from './deps.js';
import { describeTasks, listTaskArns } from './stopped-tasks.js';
import { taskId } from './log-tail.js';

/**
 * "ECS says steady" is not yet "healthy": every running task of the new revision must be a healthy
 * target in each of the service's target groups, and every container with a health check HEALTHY.
 * DescribeTargetHealth: https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetHealth.html
 */

export interface HealthRequest {
  ref: ServiceRef;
  service: Service;
  taskDefinitionArn: string;
  containerDefinitions?: ContainerDefinition[];
  pollIntervalMs: number;
  deadline: number;
}

/** `tasks`: the running tasks of the new revision as the passing check described them (their image digests, for the report). */
export type HealthResult = { healthy: true; taskCount: number; tasks: Task[] } | { healthy: false; reason: string };

type Check = { state: 'healthy' } | { state: 'waiting'; why: string } | { state: 'unhealthy'; reason: string };

/**
 * How many tasks of the new revision must run: the desired count of the deployment of that revision
 * (the green one for blue/green), else the service's. Zero is never a pass: nothing would be checked.
 */
export function expectedTaskCount(service: Service, taskDefinitionArn: string): number {
  const deployment =
    service.deployments?.find((d) => d.taskDefinition === taskDefinitionArn && d.status === 'PRIMARY') ??
    service.deployments?.find((d) => d.taskDefinition === taskDefinitionArn);
  return deployment?.desiredCount ?? service.desiredCount ?? 0;
}

/**
 * Polls until every check passes, one fails, or the deadline passes. Policy: no error is tolerated —
 * the reads already went through the SDK's retries, and a verify that cannot read the target groups
 * must not report the deployment healthy.
 */
export async function verifyServiceHealth(request: HealthRequest, deps: EcsDeps): Promise<HealthResult> {
  let lastWhy = '';
  const expected = expectedTaskCount(request.service, request.taskDefinitionArn);
  if (expected === 0) {
    return {
      healthy: false,
      reason: `the deployment's desired count is 0, so no task of the new revision runs and nothing could be checked; deploy with desired-count of at least 1, or set wait-for-service-stability to false to deploy without verifying`,
    };
  }
  const outcome = await poll<HealthResult>(
    async () => {
      const tasks = await runningTasks(request, deps);
      const count: Check =
        tasks.length >= expected ? { state: 'healthy' } : { state: 'waiting', why: `${tasks.length} of ${expected} new task(s) running` };
      const check = combine([count, containerHealth(tasks, request.containerDefinitions), ...(await targetHealth(request, tasks, deps))]);
      if (check.state === 'healthy') return { healthy: true, taskCount: tasks.length, tasks };
      if (check.state === 'unhealthy') return { healthy: false, reason: check.reason };
      if (check.why !== lastWhy) deps.log.info(`Waiting for health checks: ${check.why}`);
      lastWhy = check.why;
      return undefined;
    },
    { label: 'Health checks', deadline: request.deadline, intervalMs: request.pollIntervalMs, toleratedErrors: 0, clock: deps.clock },
  );
  return outcome.done ? outcome.value : { healthy: false, reason: `health checks did not pass in time: ${lastWhy}` };
}

async function runningTasks(request: HealthRequest, deps: EcsDeps): Promise<Task[]> {
  const arns = await listTaskArns(deps, request.ref.cluster, { serviceName: request.ref.service, desiredStatus: 'RUNNING' });
  const tasks = await describeTasks(deps, request.ref.cluster, arns);
  return tasks.filter((task) => task.taskDefinitionArn === request.taskDefinitionArn && task.lastStatus === 'RUNNING');
}

export function containerHealth(tasks: Task[], definitions: ContainerDefinition[] | undefined): Check {
  const checked = new Set((definitions ?? []).filter((c) => c.healthCheck?.command?.length).map((c) => c.name));
  if (checked.size === 0) return { state: 'healthy' };
  for (const task of tasks) {
    for (const container of task.containers ?? []) {
      if (!checked.has(container.name)) continue;
      if (container.healthStatus === 'UNHEALTHY')
        return { state: 'unhealthy', reason: `container ${container.name} of task ${taskId(task.taskArn ?? '')} is UNHEALTHY` };
      if (container.healthStatus !== 'HEALTHY')
        return {
          state: 'waiting',
          why: `container ${container.name} of task ${taskId(task.taskArn ?? '')} is ${container.healthStatus ?? 'UNKNOWN'}`,
        };
    }
  }
  return { state: 'healthy' };
}

/** The IP (awsvpc) of each task: what target groups of type ip register. */
export function taskAddresses(task: Task): string[] {
  return (task.attachments ?? []).flatMap((a) =>
    (a.details ?? []).filter((d) => d.name === 'privateIPv4Address' && d.value).map((d) => d.value ?? ''),
  );
}

async function targetHealth(request: HealthRequest, tasks: Task[], deps: EcsDeps): Promise<Check[]> {
  const groups = [...new Set((request.service.loadBalancers ?? []).map((lb) => lb.targetGroupArn).filter((arn): arn is string => !!arn))];
  const checks: Check[] = [];
  for (const targetGroupArn of groups) {
    const response = await awsCall(deps, `describe target health of ${targetGroupArn}`, 'elasticloadbalancing:DescribeTargetHealth', () =>
      deps.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })),
    );
    checks.push(assessTargets(targetGroupArn, response.TargetHealthDescriptions ?? [], tasks));
  }
  return checks;
}

export function assessTargets(targetGroupArn: string, targets: TargetHealthDescription[], tasks: Task[]): Check {
  const name = parseTargetGroupArn(targetGroupArn)?.name ?? targetGroupArn;
  const ours = new Set(tasks.flatMap(taskAddresses));
  // Without addresses (bridge/host networking registers instance IDs) every live target must be healthy.
  const relevant = targets.filter((t) => t.TargetHealth?.State !== 'draining' && (ours.size === 0 || ours.has(t.Target?.Id ?? '')));
  const bad = relevant.find((t) => t.TargetHealth?.State === 'unhealthy');
  if (bad) {
    const detail = [bad.TargetHealth?.Reason, bad.TargetHealth?.Description].filter(Boolean).join(': ');
    return {
      state: 'unhealthy',
      reason: `target ${bad.Target?.Id ?? '?'} in target group ${name} is unhealthy${detail ? ` (${detail})` : ''}`,
    };
  }
  const registered = new Set(relevant.map((t) => t.Target?.Id));
  const missing = [...ours].filter((ip) => !registered.has(ip));
  if (missing.length > 0) return { state: 'waiting', why: `${missing.length} new task(s) not yet registered in target group ${name}` };
  const notYet = relevant.filter((t) => t.TargetHealth?.State !== 'healthy');
  if (notYet.length > 0 || relevant.length === 0) {
    return {
      state: 'waiting',
      why: `${notYet.length || 'no'} target(s) in target group ${name} ${notYet.length ? `are ${notYet[0]?.TargetHealth?.State}` : 'registered'}`,
    };
  }
  return { state: 'healthy' };
}

function combine(checks: Check[]): Check {
  return checks.find((c) => c.state === 'unhealthy') ?? checks.find((c) => c.state === 'waiting') ?? { state: 'healthy' };
}
