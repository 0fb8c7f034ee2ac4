import { AwsServiceError, type AwsServiceDefinition } from '../core/contract.js';
import { describeHandlers } from './describe.js';
import type { LogStore, StoredLogEvent } from './log-store.js';
import { groupName, num } from './params.js';

type Params = Record<string, unknown>;

const groupMissing = () => new AwsServiceError('ResourceNotFoundException', 'The specified log group does not exist.');

/**
 * The time window of a read. The two operations close it differently (logs.service-2.json):
 * GetLogEvents leaves out events "equal to or later than" endTime, FilterLogEvents only those
 * "later than" it, so an event at endTime is FilterLogEvents' last.
 */
function inWindow(event: StoredLogEvent, params: Params, endInclusive: boolean): boolean {
  const start = num(params.startTime);
  const end = num(params.endTime);
  const beforeEnd = end === undefined || (endInclusive ? event.timestamp <= end : event.timestamp < end);
  return (start === undefined || event.timestamp >= start) && beforeEnd;
}

/** A subset of CloudWatch Logs filter patterns: quoted phrases and bare terms, all of which must appear. */
function matchesPattern(message: string, pattern: unknown): boolean {
  if (typeof pattern !== 'string' || pattern.trim() === '') return true;
  const terms = pattern.match(/"[^"]*"|\S+/g) ?? [];
  return terms.every((term) => message.includes(term.replace(/^"|"$/g, '')));
}

/** CloudWatch Logs over JSON 1.1: what each task's containers printed, on awslogs streams. */
export function createLogsService(store: LogStore, sync: () => void, region: string, account: string): AwsServiceDefinition {
  const groupArn = (group: string) => `arn:aws:logs:${region}:${account}:log-group:${group}`;
  return {
    envName: 'CLOUDWATCH_LOGS',
    iamPrefix: 'logs',
    protocol: 'json1.1',
    targetPrefix: 'Logs_20140328',
    permissions: {
      GetLogEvents: (p) => [
        { action: 'logs:GetLogEvents', resources: [`${groupArn(groupName(p))}:log-stream:${String(p.logStreamName ?? '')}`] },
      ],
      FilterLogEvents: (p) => [{ action: 'logs:FilterLogEvents', resources: [groupArn(groupName(p))] }],
      // IAM authorizes DescribeLogGroups on `log-group:*` and DescribeLogStreams on the group.
      DescribeLogGroups: () => [{ action: 'logs:DescribeLogGroups', resources: [`${groupArn('*')}`] }],
      DescribeLogStreams: (p) => [{ action: 'logs:DescribeLogStreams', resources: [groupArn(groupName(p))] }],
    },
    operations: {
      ...describeHandlers(store, sync, groupArn),
      GetLogEvents(params: Params) {
        sync();
        const streams = store.streams(groupName(params));
        if (!streams) throw groupMissing();
        const events = streams.get(String(params.logStreamName ?? ''));
        if (!events) throw new AwsServiceError('ResourceNotFoundException', 'The specified log stream does not exist.');
        const matching = events.filter((e) => inWindow(e, params, false));
        const limit = Math.min(10000, num(params.limit) ?? 10000);
        const token = typeof params.nextToken === 'string' ? params.nextToken : undefined;
        const position = token ? Number(token.slice(2)) : undefined;
        const forward = token ? token.startsWith('f/') : params.startFromHead === true;
        const [from, to] = forward
          ? [position ?? 0, Math.min(matching.length, (position ?? 0) + limit)]
          : [Math.max(0, (position ?? matching.length) - limit), position ?? matching.length];
        return {
          events: matching.slice(from, to).map(({ timestamp, message, ingestionTime }) => ({ timestamp, message, ingestionTime })),
          nextForwardToken: `f/${String(to).padStart(56, '0')}`,
          nextBackwardToken: `b/${String(from).padStart(56, '0')}`,
        };
      },

      FilterLogEvents(params: Params) {
        sync();
        const streams = store.streams(groupName(params));
        if (!streams) throw groupMissing();
        const names = Array.isArray(params.logStreamNames) ? params.logStreamNames.map(String) : undefined;
        const prefix = typeof params.logStreamNamePrefix === 'string' ? params.logStreamNamePrefix : undefined;
        const searched = [...streams.keys()].filter((name) => (!names || names.includes(name)) && (!prefix || name.startsWith(prefix)));
        const all = searched
          .flatMap((name) => (streams.get(name) ?? []).map((e) => ({ logStreamName: name, ...e })))
          .filter((e) => inWindow(e, params, true) && matchesPattern(e.message, params.filterPattern))
          .sort((a, b) => a.timestamp - b.timestamp || a.eventId.localeCompare(b.eventId));
        const start = typeof params.nextToken === 'string' ? Number(params.nextToken) || 0 : 0;
        const limit = Math.min(10000, num(params.limit) ?? 10000);
        const page = all.slice(start, start + limit);
        return {
          events: page,
          searchedLogStreams: searched.map((logStreamName) => ({ logStreamName, searchedCompletely: true })),
          ...(start + limit < all.length ? { nextToken: String(start + limit) } : {}),
        };
      },
    },
  };
}
