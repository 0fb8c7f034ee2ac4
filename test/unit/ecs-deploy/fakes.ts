import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import type { EcsDeps } from '../../../src/lib/ecs/deps.js';

/** A clock that moves only when the code under test sleeps, and clients stubbed with aws-sdk-client-mock. */
export function fakeDeps(overrides: Partial<EcsDeps> = {}) {
  let now = Date.UTC(2026, 4, 4, 10, 0, 0);
  const lines: { level: 'info' | 'warning' | 'error'; text: string }[] = [];
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
    clock: {
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    },
    log: {
      info: (text) => lines.push({ level: 'info', text }),
      warning: (text) => lines.push({ level: 'warning', text }),
      error: (text) => lines.push({ level: 'error', text }),
    },
    ...overrides,
  };
  return {
    deps,
    mocks,
    lines,
    text: () => lines.map((l) => `${l.level}: ${l.text}`).join('\n'),
    elapsed: () => now - Date.UTC(2026, 4, 4, 10, 0, 0),
  };
}

/** An SDK-shaped service error (what the JSON protocol parser throws). */
export function awsError(name: string, message = name, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, $fault: status >= 500 ? 'server' : 'client' });
}

export const REF = { cluster: 'prod', service: 'web', region: 'us-east-1' };
export const TD1 = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1';
export const TD2 = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2';
export const SD_ARN = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web/abcdefghijklmnopqrstu';
