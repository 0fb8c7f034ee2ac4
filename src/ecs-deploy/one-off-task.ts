import { RunTaskCommand, type ContainerDefinition, type NetworkConfiguration } from '@aws-sdk/client-ecs';
import { DeploymentFailedError } from '../lib/errors.js';
import { awsCall } from '../lib/aws-call.js';
import type { EcsDeps } from '../lib/ecs/deps.js';
import { poll } from '../lib/poll.js';
import { taskId } from '../lib/ecs/log-tail.js';
import { describeTasks, explainStoppedTasks, formatStoppedTask, summarizeStoppedTask, type StoppedTask } from '../lib/ecs/stopped-tasks.js';
import type { Timeline } from '../lib/ecs/timeline.js';
import type { PropagateTags } from './inputs.js';
import type { RunTaskOptions } from './run-task-inputs.js';

/**
 * The one-off task (database migrations) that runs the new revision once before the service moves:
 * RunTask, wait for STOPPED, show every container's exit code and its last log lines. The service is
 * only touched when every essential container exited 0.
 */

export interface OneOffTaskRequest {
  cluster: string;
  taskDefinitionArn: string;
  containerDefinitions: ContainerDefinition[];
  options: RunTaskOptions;
  /** The service's network, used when no subnets were given (migrations usually need the service's VPC access). */
  serviceNetwork?: NetworkConfiguration;
  enableEcsManagedTags?: boolean;
  propagateTags?: PropagateTags;
  pollIntervalMs: number;
  deadline: number;
  timeline: Timeline;
}

export interface OneOffTaskResult {
  taskArn: string;
  /** Absent when wait-for-task-stopped is false. */
  stopped?: StoppedTask;
}

export async function runOneOffTask(request: OneOffTaskRequest, deps: EcsDeps): Promise<OneOffTaskResult> {
  const { options, cluster } = request;
  const network = networkConfiguration(options, request.serviceNetwork);
  const response = await awsCall(deps, `run a one-off task of ${request.taskDefinitionArn} in cluster ${cluster}`, 'ecs:RunTask', () =>
    deps.ecs.send(
      new RunTaskCommand({
        cluster,
        taskDefinition: request.taskDefinitionArn,
        count: 1,
        startedBy: options.startedBy,
        ...(options.launchType ? { launchType: options.launchType } : {}),
        ...(options.capacityProviderStrategy ? { capacityProviderStrategy: options.capacityProviderStrategy } : {}),
        ...(network ? { networkConfiguration: network } : {}),
        ...(options.containerOverrides ? { overrides: { containerOverrides: options.containerOverrides } } : {}),
        ...(request.enableEcsManagedTags !== undefined ? { enableECSManagedTags: request.enableEcsManagedTags } : {}),
        // RunTask knows TASK_DEFINITION and NONE; SERVICE only means something to services.
        ...(request.propagateTags && request.propagateTags !== 'SERVICE' ? { propagateTags: request.propagateTags } : {}),
      }),
    ),
  );
  const taskArn = response.tasks?.[0]?.taskArn;
  if (!taskArn) {
    const failure = response.failures?.[0];
    throw new DeploymentFailedError(
      `The one-off task could not be started: ${failure?.reason ?? 'no reason given'}${failure?.detail ? ` (${failure.detail})` : ''}`,
    );
  }
  deps.log.info(`Started one-off task ${taskId(taskArn)} from ${request.taskDefinitionArn}`);
  request.timeline.addEcs(`Started one-off task ${taskId(taskArn)}`, response.tasks?.[0]?.createdAt);
  if (!options.waitForStopped) return { taskArn };

  let lastStatus = '';
  // Policy: no error is tolerated (a read that outlived the SDK's retries fails the step before the service is touched).
  const outcome = await poll<OneOffTaskResult>(
    async () => {
      const task = (await describeTasks(deps, cluster, [taskArn]))[0];
      if (task?.lastStatus && task.lastStatus !== lastStatus) {
        lastStatus = task.lastStatus;
        deps.log.info(`One-off task ${taskId(taskArn)}: ${lastStatus}`);
      }
      if (task?.lastStatus !== 'STOPPED') return undefined;
      const [stopped] = await explainStoppedTasks([task], request.containerDefinitions, deps);
      if (!stopped) throw new Error(`could not read the stopped one-off task ${taskArn}`);
      for (const line of formatStoppedTask(stopped)) deps.log.info(line);
      request.timeline.addEcs(`One-off task stopped: ${summarizeStoppedTask(stopped)}`, stopped.stoppedAt);
      return { taskArn, stopped };
    },
    {
      label: `One-off task ${taskId(taskArn)}`,
      deadline: request.deadline,
      intervalMs: request.pollIntervalMs,
      toleratedErrors: 0,
      clock: deps.clock,
    },
  );
  if (outcome.done) return outcome.value;
  throw new DeploymentFailedError(
    `The one-off task ${taskId(taskArn)} did not stop within wait-for-minutes (last status ${lastStatus || 'unknown'}); the service was not updated`,
  );
}

/** Essential containers that did not exit 0, described for the failure message. */
export function failedContainers(stopped: StoppedTask): string[] {
  return stopped.containers
    .filter((c) => c.essential && c.exitCode !== 0)
    .map(
      (c) => `${c.name} ${c.exitCode !== undefined ? `exited ${c.exitCode}` : `has no exit code (${c.reason ?? stopped.stoppedReason})`}`,
    );
}

function networkConfiguration(options: RunTaskOptions, serviceNetwork: NetworkConfiguration | undefined): NetworkConfiguration | undefined {
  if (options.subnets.length === 0) return serviceNetwork;
  return {
    awsvpcConfiguration: {
      subnets: options.subnets,
      ...(options.securityGroups.length > 0 ? { securityGroups: options.securityGroups } : {}),
      ...(options.assignPublicIp ? { assignPublicIp: options.assignPublicIp } : {}),
    },
  };
}
