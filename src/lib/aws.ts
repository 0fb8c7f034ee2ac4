import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { Clock } from './clock.js';
import { ClockedRetryStrategy } from './clocked-retry-strategy.js';
import { VERSION } from './version.js';

/** What every AWS client in the suite is built from. Endpoints are not here on purpose: the SDK reads `AWS_ENDPOINT_URL_*` itself. */
export interface AwsClientOptions {
  region: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Total attempts per call, first one included. */
  maxAttempts?: number;
  retryMode?: 'standard' | 'adaptive';
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Sleeps the SDK's retry back-off on this clock (the step's) instead of setTimeout; standard retries only. */
  clock?: Pick<Clock, 'sleep'>;
}

/** The configuration object every SDK v3 client constructor accepts. */
export interface AwsClientConfig {
  region: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  maxAttempts: number;
  retryMode: 'standard' | 'adaptive';
  customUserAgent: [string, string][];
  requestHandler: NodeHttpHandler;
  retryStrategy?: ClockedRetryStrategy;
}

export const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export function awsClientConfig(options: AwsClientOptions): AwsClientConfig {
  return {
    region: options.region,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: options.maxAttempts ?? 5,
    retryMode: options.retryMode ?? 'standard',
    customUserAgent: [['ecs-delivery', VERSION]],
    ...(options.clock && options.retryMode !== 'adaptive'
      ? { retryStrategy: new ClockedRetryStrategy(options.maxAttempts ?? 5, options.clock) }
      : {}),
    // Without timeouts a half-open connection hangs the step until the job's own timeout. The handler
    // only warns when requestTimeout passes unless told to throw: a silent socket must end the attempt.
    requestHandler: new NodeHttpHandler({
      connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    }),
  };
}

/** Builds any SDK v3 client (`createAwsClient(ECSClient, options)`) with the suite's shared settings. */
export function createAwsClient<Client>(ClientClass: new (config: AwsClientConfig) => Client, options: AwsClientOptions): Client {
  return new ClientClass(awsClientConfig(options));
}
