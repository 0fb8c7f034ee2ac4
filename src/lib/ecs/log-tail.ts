import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import { errorMessage } from '../errors.js';
import { awsCall } from '../aws-call.js';
import type { EcsDeps } from './deps.js';

/**
 * The last lines a container wrote to CloudWatch Logs through the awslogs driver: usually the line
 * that says why it crashed, which is what a user otherwise digs out of the console.
 * Stream naming: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
 */

export interface AwslogsTarget {
  group: string;
  streamPrefix: string;
}

/** Container name → where its awslogs go; containers without awslogs (or without a prefix) are absent. */
export function awslogsTargets(containers: ContainerDefinition[] | undefined): Map<string, AwslogsTarget> {
  const targets = new Map<string, AwslogsTarget>();
  for (const container of containers ?? []) {
    const options = container.logConfiguration?.logDriver === 'awslogs' ? container.logConfiguration.options : undefined;
    const group = options?.['awslogs-group'];
    const streamPrefix = options?.['awslogs-stream-prefix'];
    if (container.name && group && streamPrefix) targets.set(container.name, { group, streamPrefix });
  }
  return targets;
}

export function taskId(taskArn: string): string {
  return taskArn.slice(taskArn.lastIndexOf('/') + 1);
}

export const LOG_LINES = 10;

/**
 * The last `limit` lines of one container of one task. Logs are a courtesy: a missing stream or a
 * missing logs:GetLogEvents permission becomes a note, never a failure of the deployment itself.
 */
export async function lastLogLines(
  target: AwslogsTarget,
  containerName: string,
  taskArn: string,
  deps: EcsDeps,
  limit = LOG_LINES,
): Promise<string[]> {
  const logStreamName = `${target.streamPrefix}/${containerName}/${taskId(taskArn)}`;
  try {
    const response = await awsCall(deps, `read log stream ${logStreamName}`, 'logs:GetLogEvents', () =>
      deps.logs.send(new GetLogEventsCommand({ logGroupName: target.group, logStreamName, limit, startFromHead: false })),
    );
    return (response.events ?? []).map((event) => (event.message ?? '').replace(/\s+$/, '')).slice(-limit);
  } catch (error: unknown) {
    return [`(no log lines: ${errorMessage(error)})`];
  }
}
