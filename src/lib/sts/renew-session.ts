import type { AwsCredentialIdentity } from '@smithy/types';
import { parseRoleToAssume } from './role-to-assume.js';
import {
  assumeRoleWithCredentials,
  assumeRoleWithWebIdentity,
  type AssumedSession,
  type AssumeRoleRequest,
  type StsDeps,
  type WebIdentityDeps,
} from './assume-role.js';
import type { RenewableHop, RenewableSession } from './renewable-session.js';

// Apart from renewable-session.ts (read by the inputs, before the SDK loads): this loads the STS client.

export interface RenewDeps extends Omit<WebIdentityDeps, 'sts'> {
  /** Builds an STS client (createStsClient), signed with `credentials` for the chained hops. */
  createSts: (region: string, credentials?: AwsCredentialIdentity) => StsDeps['sts'];
}

/** Assumes the same role again: a fresh OIDC token, then each chained hop with the previous credentials. */
export async function renewSession(session: RenewableSession, deps: RenewDeps): Promise<AssumedSession> {
  const request = (hop: RenewableHop): AssumeRoleRequest => ({
    role: parseRoleToAssume(hop.roleArn, undefined, session.region),
    sessionName: hop.sessionName,
    durationSeconds: hop.durationSeconds,
    ...(hop.policy ? { policy: hop.policy } : {}),
    managedPolicyArns: hop.managedPolicyArns,
  });
  let current = await assumeRoleWithWebIdentity(request(session.webIdentity), session.audience, {
    ...deps,
    sts: deps.createSts(session.region),
  });
  for (const hop of session.chain) {
    const sts = deps.createSts(session.region, current.credentials);
    current = await assumeRoleWithCredentials(request(hop), current.assumedRoleArn, { ...deps, sts });
  }
  return current;
}
