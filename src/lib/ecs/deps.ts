import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';

/**
 * What the shared ECS logic (watching, health checks, rollback) needs from outside, passed in one
 * object so that tests swap the clock and the clients and nothing reads globals.
 */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The step log: `error` is an annotation (core.error), shown the moment a failure is known. */
export interface Logger {
  info(line: string): void;
  warning(line: string): void;
  error(line: string): void;
}

export interface EcsDeps {
  ecs: Pick<ECSClient, 'send'>;
  /**
   * The client for the watcher's DescribeServices polls, with few SDK retries: a throttled poll is
   * better skipped (the next one comes within a poll interval) than stuck in the SDK's backoff, which
   * grows to 20 s. Defaults to `ecs`.
   */
  ecsPoll?: Pick<ECSClient, 'send'>;
  elbv2: Pick<ElasticLoadBalancingV2Client, 'send'>;
  logs: Pick<CloudWatchLogsClient, 'send'>;
  clock: Clock;
  log: Logger;
  /**
   * Assumes the role again after the credentials expired; absent when the job cannot (no role or no
   * OIDC token), in which case an expired session fails the step at once.
   */
  renewCredentials?: () => Promise<void>;
  /** For `health-check-url`; the global fetch in production. */
  fetch?: typeof fetch;
}

/** Where a service lives, as every ECS call names it. */
export interface ServiceRef {
  cluster: string;
  service: string;
  region: string;
}

/** Real time for production; tests inject a fake. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
