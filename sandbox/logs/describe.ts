import { AwsServiceError } from '../core/contract.js';
import { pageOf } from '../core/pagination.js';
import type { LogStore } from './log-store.js';
import { fromIdentifier, groupName } from './params.js';

type Params = Record<string, unknown>;

const invalid = (message: string) => new AwsServiceError('InvalidParameterException', message);

/** CloudWatch Logs pages: `limit` 1–50, default 50 (DescribeLogGroups and DescribeLogStreams alike). */
function logsPage<T>(items: T[], params: Params) {
  return pageOf(items, {
    token: params.nextToken,
    size: params.limit,
    sizeName: 'limit',
    tokenName: 'nextToken',
    defaultSize: 50,
    maxSize: 50,
  });
}

/** DescribeLogGroups and DescribeLogStreams, shaped as logs.service-2.json's LogGroup and LogStream. */
export function describeHandlers(store: LogStore, sync: () => void, groupArn: (group: string) => string) {
  return {
    DescribeLogGroups(params: Params) {
      sync();
      const prefix = typeof params.logGroupNamePrefix === 'string' ? params.logGroupNamePrefix : undefined;
      const pattern = typeof params.logGroupNamePattern === 'string' ? params.logGroupNamePattern.toLowerCase() : undefined;
      const identifiers = Array.isArray(params.logGroupIdentifiers)
        ? params.logGroupIdentifiers.map(String).map(fromIdentifier)
        : undefined;
      if (prefix !== undefined && pattern !== undefined)
        throw invalid('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
      if (identifiers && (prefix !== undefined || pattern !== undefined))
        throw invalid('logGroupIdentifiers cannot be combined with logGroupNamePrefix or logGroupNamePattern.');
      // Every sandbox log group is of the STANDARD class.
      const standard = typeof params.logGroupClass !== 'string' || params.logGroupClass === 'STANDARD';
      const groups = (standard ? store.groupList() : [])
        .filter((g) => prefix === undefined || g.name.startsWith(prefix))
        .filter((g) => pattern === undefined || g.name.toLowerCase().includes(pattern))
        .filter((g) => identifiers === undefined || identifiers.includes(g.name));
      const page = logsPage(groups, params);
      return {
        logGroups: page.items.map((g) => ({
          logGroupName: g.name,
          creationTime: g.createdAt,
          metricFilterCount: 0,
          arn: `${groupArn(g.name)}:*`,
          storedBytes: storedBytes([...g.streams.values()].flat()),
          logGroupClass: 'STANDARD',
          logGroupArn: groupArn(g.name),
          deletionProtectionEnabled: false,
        })),
        nextToken: page.next,
      };
    },

    DescribeLogStreams(params: Params) {
      sync();
      const group = groupName(params);
      const streams = store.streams(group);
      if (!streams) throw new AwsServiceError('ResourceNotFoundException', 'The specified log group does not exist.');
      const prefix = typeof params.logStreamNamePrefix === 'string' ? params.logStreamNamePrefix : undefined;
      const orderBy = typeof params.orderBy === 'string' ? params.orderBy : 'LogStreamName';
      if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime')
        throw invalid(`orderBy must be LogStreamName or LastEventTime, got ${orderBy}.`);
      if (orderBy === 'LastEventTime' && prefix !== undefined) throw invalid('Cannot order by LastEventTime with a logStreamNamePrefix.');
      const all = [...streams.entries()]
        .filter(([name]) => prefix === undefined || name.startsWith(prefix))
        .map(([name, events]) => ({
          logStreamName: name,
          creationTime: events[0]?.timestamp,
          firstEventTimestamp: events[0]?.timestamp,
          lastEventTimestamp: events.at(-1)?.timestamp,
          lastIngestionTime: events.at(-1)?.ingestionTime,
          arn: `${groupArn(group)}:log-stream:${name}`,
          storedBytes: storedBytes(events),
        }));
      all.sort((a, b) =>
        orderBy === 'LastEventTime'
          ? (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0)
          : a.logStreamName < b.logStreamName
            ? -1
            : 1,
      );
      if (params.descending === true) all.reverse();
      const page = logsPage(all, params);
      return { logStreams: page.items, nextToken: page.next };
    },
  };
}

function storedBytes(events: { message: string }[]): number {
  return events.reduce((sum, e) => sum + Buffer.byteLength(e.message), 0);
}
