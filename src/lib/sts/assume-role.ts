import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { ACCOUNT_ID, parseArn } from '../arn.js';
import { createAwsClient } from '../aws.js';
import { retry, type RetryOptions } from '../retry.js';
import { maskSecret } from '../secrets.js';
import type { RoleRef } from './role-to-assume.js';
import { explainChainingFailure, explainWebIdentityFailure } from './trust-explanation.js';

/**
 * The reusable "assume a role, retrying only what can succeed, explaining refusals" calls. ecs-deploy
 * imports these (through renewable-session.ts) to renew credentials in a long rollout.
 */

export interface AssumeRoleRequest {
  role: RoleRef;
  sessionName: string;
  durationSeconds: number;
  /** The minified inline session policy. */
  policy?: string;
  managedPolicyArns: string[];
}

export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface AssumedSession {
  credentials: SessionCredentials;
  /** arn:…:sts::ACCOUNT:assumed-role/ROLE/SESSION */
  assumedRoleArn: string;
  accountId: string;
}

/** What the calls need from outside: an STS client, the OIDC token source, retry timing and a log. */
export interface StsDeps {
  sts: Pick<STSClient, 'send'>;
  retry: Omit<RetryOptions, 'label' | 'classify'>;
  log: (line: string) => void;
}

export interface WebIdentityDeps extends StsDeps {
  /** `core.getIDToken`: called once per attempt, because the token is short-lived. */
  getIdToken: (audience: string) => Promise<string>;
}

/** STS timeouts: fail a dead connection fast and let the retry primitive decide. */
export const STS_CONNECTION_TIMEOUT_MS = 5_000;
export const STS_REQUEST_TIMEOUT_MS = 15_000;

/** An STS client with the SDK's own retries off (one attempt per call) so that `retry` alone decides. */
export function createStsClient(region: string, credentials?: AwsCredentialIdentity): STSClient {
  return createAwsClient(STSClient, {
    region,
    maxAttempts: 1,
    connectionTimeoutMs: STS_CONNECTION_TIMEOUT_MS,
    requestTimeoutMs: STS_REQUEST_TIMEOUT_MS,
    ...(credentials ? { credentials } : {}),
  });
}

/** GitHub OIDC token → AssumeRoleWithWebIdentity, a fresh token for every attempt. */
export async function assumeRoleWithWebIdentity(
  request: AssumeRoleRequest,
  audience: string,
  deps: WebIdentityDeps,
): Promise<AssumedSession> {
  let lastToken: string | undefined;
  try {
    return await retry(
      async () => {
        lastToken = undefined;
        const token = await deps.getIdToken(audience);
        maskSecret(token);
        lastToken = token;
        const response = await deps.sts.send(
          new AssumeRoleWithWebIdentityCommand({ ...commonParameters(request), WebIdentityToken: token }),
        );
        return toSession(response.Credentials, response.AssumedRoleUser?.Arn);
      },
      { ...deps.retry, label: 'sts:AssumeRoleWithWebIdentity', log: deps.log },
    );
  } catch (error: unknown) {
    throw explainWebIdentityFailure(error, request.role, lastToken, audience);
  }
}

/** Role chaining: AssumeRole with the credentials the STS client was built with. */
export async function assumeRoleWithCredentials(
  request: AssumeRoleRequest,
  sourceArn: string | undefined,
  deps: StsDeps,
): Promise<AssumedSession> {
  try {
    return await retry(
      async () => {
        const response = await deps.sts.send(new AssumeRoleCommand(commonParameters(request)));
        return toSession(response.Credentials, response.AssumedRoleUser?.Arn);
      },
      { ...deps.retry, label: 'sts:AssumeRole', log: deps.log },
    );
  } catch (error: unknown) {
    throw explainChainingFailure(error, request.role, sourceArn);
  }
}

function commonParameters(request: AssumeRoleRequest) {
  return {
    RoleArn: request.role.arn,
    RoleSessionName: request.sessionName,
    DurationSeconds: request.durationSeconds,
    ...(request.policy ? { Policy: request.policy } : {}),
    ...(request.managedPolicyArns.length > 0 ? { PolicyArns: request.managedPolicyArns.map((arn) => ({ arn })) } : {}),
  };
}

/** Checks the STS answer at the boundary and masks every credential before anything can print it. */
function toSession(credentials: Credentials | undefined, assumedRoleArn: string | undefined): AssumedSession {
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = credentials ?? {};
  maskSecret(AccessKeyId);
  maskSecret(SecretAccessKey);
  maskSecret(SessionToken);
  if (!AccessKeyId || !SecretAccessKey || !SessionToken || !(Expiration instanceof Date) || Number.isNaN(Expiration.getTime())) {
    throw new Error('STS answered without complete credentials (AccessKeyId, SecretAccessKey, SessionToken, Expiration)');
  }
  const arn = parseArn(assumedRoleArn ?? '');
  const account =
    arn?.service === 'sts' && arn.resource.startsWith('assumed-role/') && ACCOUNT_ID.test(arn.account) ? arn.account : undefined;
  if (!assumedRoleArn || !account) throw new Error(`STS answered with an unexpected AssumedRoleUser ARN '${assumedRoleArn ?? ''}'`);
  return {
    credentials: { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: SessionToken, expiration: Expiration },
    assumedRoleArn,
    accountId: account,
  };
}
