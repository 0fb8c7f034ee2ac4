import type { AwsCredentialIdentity } from '@smithy/types';
import type { RetryOptions } from '../lib/retry.js';
import type { Runner } from '../lib/runner.js';
import { maskSecret } from '../lib/secrets.js';
import {
  assumeRoleWithCredentials,
  assumeRoleWithWebIdentity,
  type AssumedSession,
  type AssumeRoleRequest,
  type StsDeps,
} from '../lib/sts/assume-role.js';
import { CREDENTIAL_ENV, EXPORTED_STATE } from './credential-env.js';
import type { AwsCredentialsInputs } from './inputs.js';
import { renderJobSummary } from './job-summary.js';
import { renewableSessionEnv, type RenewableHop, type RenewableSession } from '../lib/sts/renewable-session.js';

/** The runner and AWS, as the logic sees them; deps.ts wires the real ones, tests pass a fake runner. */
export interface AwsCredentialsDeps extends Pick<Runner, 'log' | 'getIdToken' | 'setOutput' | 'exportVariable' | 'saveState' | 'summary'> {
  createSts: (region: string, credentials?: AwsCredentialIdentity) => StsDeps['sts'];
  /** Timing for retries (sleep, clock, jitter); real ones when omitted. */
  retry?: Pick<RetryOptions, 'sleep' | 'now' | 'random' | 'baseDelayMs' | 'maxDelayMs' | 'deadlineMs'>;
}

/** Overall budget for all STS attempts of one step. */
export const STS_DEADLINE_MS = 120_000;

export async function runAwsCredentials(inputs: AwsCredentialsInputs, deps: AwsCredentialsDeps): Promise<AssumedSession> {
  if (inputs.maskAwsAccountId) maskSecret(inputs.role.accountId);
  if (inputs.unsetCurrentCredentials) {
    // Later steps must not pick up the old identity, even when the new one is not exported.
    for (const name of CREDENTIAL_ENV) deps.exportVariable(name, '');
  }
  const request: AssumeRoleRequest = {
    role: inputs.role,
    sessionName: inputs.sessionName,
    durationSeconds: inputs.durationSeconds,
    ...(inputs.sessionPolicy ? { policy: inputs.sessionPolicy.minified } : {}),
    managedPolicyArns: inputs.managedPolicyArns,
  };
  const policyNote = [
    ...(inputs.sessionPolicy?.sources ?? []),
    ...(inputs.managedPolicyArns.length > 0 ? [`${inputs.managedPolicyArns.length} managed policies`] : []),
  ];
  deps.log.info(
    `Assuming ${inputs.role.arn} as session ${inputs.sessionName} for ${inputs.durationSeconds} s` +
      `${inputs.chainFrom ? ' with the current credentials (role chaining)' : ` with a GitHub OIDC token for audience ${inputs.audience}`}` +
      `${policyNote.length > 0 ? `; session policy: ${policyNote.join(' + ')}` : ''}`,
  );
  const stsDeps = { retry: { maxAttempts: inputs.retryMaxAttempts, deadlineMs: STS_DEADLINE_MS, ...deps.retry }, log: deps.log.info };
  const session = inputs.chainFrom
    ? await assumeRoleWithCredentials(request, previousRoleArn(inputs.chainFrom.previous), {
        ...stsDeps,
        sts: deps.createSts(inputs.region, inputs.chainFrom.credentials),
      })
    : await assumeRoleWithWebIdentity(request, inputs.audience, {
        ...stsDeps,
        sts: deps.createSts(inputs.region),
        getIdToken: deps.getIdToken,
      });
  deps.log.info(`Authenticated as ${session.assumedRoleArn} until ${session.credentials.expiration.toISOString()}`);

  writeOutputs(inputs, session, deps);
  const renewable = renewableSession(inputs, request);
  if (renewable) for (const [name, value] of Object.entries(renewableSessionEnv(renewable))) deps.exportVariable(name, value);
  await deps.summary.append(renderJobSummary(inputs, session));
  return session;
}

function writeOutputs(inputs: AwsCredentialsInputs, session: AssumedSession, deps: AwsCredentialsDeps): void {
  const { credentials } = session;
  deps.setOutput('aws-account-id', session.accountId);
  deps.setOutput('authenticated-arn', session.assumedRoleArn);
  deps.setOutput('aws-expiration', credentials.expiration.toISOString());
  if (inputs.outputCredentials) {
    deps.setOutput('aws-access-key-id', credentials.accessKeyId);
    deps.setOutput('aws-secret-access-key', credentials.secretAccessKey);
    deps.setOutput('aws-session-token', credentials.sessionToken);
  }
  // As configure-aws-credentials: the region always, the credentials unless output-env-credentials is false.
  deps.exportVariable('AWS_REGION', inputs.region);
  deps.exportVariable('AWS_DEFAULT_REGION', inputs.region);
  if (inputs.outputEnvCredentials) {
    deps.exportVariable('AWS_ACCESS_KEY_ID', credentials.accessKeyId);
    deps.exportVariable('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
    deps.exportVariable('AWS_SESSION_TOKEN', credentials.sessionToken);
    deps.saveState(EXPORTED_STATE, 'true');
  }
}

/** What ecs-deploy needs to redo this step; undefined when chaining from credentials we cannot recreate. */
function renewableSession(inputs: AwsCredentialsInputs, request: AssumeRoleRequest): RenewableSession | undefined {
  const hop: RenewableHop = {
    roleArn: request.role.arn,
    sessionName: request.sessionName,
    durationSeconds: request.durationSeconds,
    ...(request.policy ? { policy: request.policy } : {}),
    managedPolicyArns: request.managedPolicyArns,
  };
  if (!inputs.chainFrom) return { region: inputs.region, audience: inputs.audience, webIdentity: hop, chain: [] };
  const previous = inputs.chainFrom.previous;
  return previous ? { ...previous, chain: [...previous.chain, hop] } : undefined;
}

function previousRoleArn(previous: RenewableSession | undefined): string | undefined {
  return previous ? (previous.chain.at(-1) ?? previous.webIdentity).roleArn : undefined;
}
