/**
 * What AssumeRole and AssumeRoleWithWebIdentity share once the caller is trusted: check the session
 * policies' plaintext size, resolve them, mint the credentials and shape the common result fields.
 */
import { AwsServiceError, type SandboxClock } from '../core/contract.js';
import { parsePolicyDocument, type PolicyDocument } from '../iam/policy-document.js';
import type { Role, RoleRegistry } from '../iam/role-registry.js';
import type { CredentialStore, StsSession } from './credential-store.js';
import { checkSessionPolicyPlaintext, type CommonAssumeParams } from './request-validation.js';

export interface IssueContext {
  clock: Pick<SandboxClock, 'now'>;
  roles: RoleRegistry;
  store: CredentialStore;
}

/** AWS writes timestamps in STS XML as ISO 8601 without milliseconds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sessionPolicies(input: CommonAssumeParams, roles: RoleRegistry): PolicyDocument[] {
  const policies: PolicyDocument[] = [];
  if (input.policy !== undefined) policies.push(parsePolicyDocument(input.policy));
  for (const arn of input.policyArns) {
    const managed = roles.getManagedPolicy(arn);
    if (!managed) throw new AwsServiceError('ValidationError', `Policy ${arn} does not exist or is not attachable.`);
    policies.push(managed.document);
  }
  return policies;
}

export interface IssuedSession {
  session: StsSession;
  /** Result fields common to both operations, in the element order AWS uses. */
  result: Record<string, unknown>;
}

export function issueSession(
  context: IssueContext,
  role: Role,
  input: CommonAssumeParams,
  durationSeconds: number,
  chained: boolean,
): IssuedSession {
  checkSessionPolicyPlaintext(input.policy, input.policyArns);
  const policies = sessionPolicies(input, context.roles);
  const session = context.store.issue({
    expiresAt: context.clock.now() + durationSeconds * 1000,
    roleArn: role.arn,
    sessionName: input.roleSessionName,
    account: role.account,
    arn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${input.roleSessionName}`,
    assumedRoleId: `${role.roleId}:${input.roleSessionName}`,
    sessionPolicies: policies,
    ...(role.permissionsPolicy ? { rolePolicy: role.permissionsPolicy } : {}),
    chained,
  });
  const result: Record<string, unknown> = {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: isoSeconds(session.expiresAt),
    },
    AssumedRoleUser: { AssumedRoleId: session.assumedRoleId, Arn: session.arn },
  };
  // No PackedPolicySize: STS's packing is not public, and a made-up percentage would let a test
  // pass against a figure AWS would not give (see checkSessionPolicyPlaintext).
  return { session, result };
}
