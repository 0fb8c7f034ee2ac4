import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTasksCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import type { WatchRequest } from '../../../../src/lib/ecs/deployment-watcher.js';
import type { EcsDeps } from '../../../../src/lib/ecs/deps.js';
import { ServiceEventTracker } from '../../../../src/lib/ecs/service-events.js';
import { Timeline } from '../../../../src/lib/ecs/timeline.js';
import { fakeRunner } from '../../../fakes/runner.js';

/** The fake runner's clock and log (test/fakes/runner.ts), and clients stubbed with aws-sdk-client-mock. */
export function fakeDeps(overrides: Partial<EcsDeps> = {}) {
  const fake = fakeRunner();
  const ecs = new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
  const elbv2 = new ElasticLoadBalancingV2Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  });
  const logs = new CloudWatchLogsClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
  const mocks = { ecs: mockClient(ecs), elbv2: mockClient(elbv2), logs: mockClient(logs) };
  const deps: EcsDeps = {
    ecs,
    elbv2,
    logs,
    clock: fake.runner.clock,
    log: fake.runner.log,
    ...overrides,
  };
  return { deps, mocks, lines: fake.lines, text: fake.text, elapsed: fake.elapsed };
}

/** An SDK-shaped service error (what the JSON protocol parser throws). */
export function awsError(name: string, message = name, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, $fault: status >= 500 ? 'server' : 'client' });
}

export const REF = { cluster: 'prod', service: 'web', region: 'us-east-1' };
export const TD1 = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1';
export const TD2 = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2';
export const SD_ARN = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web/abcdefghijklmnopqrstu';

/**
 * Tasks of the new revision (TD2) that stopped with `stoppedReason` and exit code 137: ListTasks
 * lists `taskArns()` as it is at each call, DescribeTasks describes them, and their logs are empty.
 */
export function stoppedTasksOfNewRevision(fake: ReturnType<typeof fakeDeps>, taskArns: () => string[], stoppedReason: string): void {
  fake.mocks.ecs.on(ListTasksCommand).callsFake(() => ({ taskArns: taskArns() }));
  fake.mocks.ecs.on(DescribeTasksCommand).callsFake((input: { tasks: string[] }) => ({
    tasks: input.tasks.map((taskArn) => ({
      taskArn,
      taskDefinitionArn: TD2,
      lastStatus: 'STOPPED',
      stoppedReason,
      containers: [{ name: 'app', exitCode: 137 }],
    })),
  }));
  fake.mocks.logs.on(GetLogEventsCommand).resolves({ events: [] });
}

/** A watch of deployment ecs-svc/2 (TD2) of prod/web that fails fast, polls every 10 s and gives up after 30 minutes. */
export function watchRequest(deps: EcsDeps, extra: Partial<WatchRequest> = {}): WatchRequest {
  return {
    ref: REF,
    deploymentId: 'ecs-svc/2',
    taskDefinitionArn: TD2,
    pollIntervalMs: 10_000,
    deadline: deps.clock.now() + 30 * 60_000,
    failFast: true,
    until: 'verdict',
    events: new ServiceEventTracker(),
    seenTasks: new Set(),
    timeline: new Timeline(deps.clock),
    ...extra,
  };
}
