import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Clock } from '../clock.js';
import type { Log } from '../runner.js';

/**
 * What the shared ECS logic (watching, health checks, rollback) needs from outside, passed in one
 * object so that tests swap the clock and the clients and nothing reads globals.
 */

export type { Clock } from '../clock.js';
export { systemClock } from '../clock.js';

/** The step log (the runner's): `error` is an annotation, shown the moment a failure is known. */
export type Logger = Log;

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
  /** For CODE_DEPLOY services (src/lib/codedeploy); the actions' deps always carry it, unit tests of ECS logic need not. */
  codedeploy?: Pick<CodeDeployClient, 'send'>;
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
