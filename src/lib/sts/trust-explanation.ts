import { awsErrorName, classifyAwsError, isRejectedIdentityToken } from '../aws-call.js';
import { errorMessage } from '../errors.js';
import { decodeTokenClaims, subjectForms, type GitHubOidcClaims } from './oidc-claims.js';
import type { RoleRef } from './role-to-assume.js';

/** STS refused the web identity: carries the STS error as `cause` (so it is never retried) and says what to fix. */
export class TrustPolicyError extends Error {
  override readonly name = 'TrustPolicyError';
}

/**
 * Turns an AssumeRoleWithWebIdentity refusal into an error a user can act on: the claims the trust
 * policy was matched against (sub, aud, job_workflow_ref — never the token itself) and a condition
 * that would match them, in both the classic and the immutable-ID subject forms. Other errors are
 * returned unchanged.
 */
export function explainWebIdentityFailure(error: unknown, role: RoleRef, token: string | undefined, audience: string): unknown {
  const name = awsErrorName(error) ?? 'Error';
  const rejectedToken = isRejectedIdentityToken(error);
  if (!rejectedToken && classifyAwsError(error) !== 'access-denied') return error;
  const claims = token === undefined ? undefined : decodeTokenClaims(token);
  const lines = [`Could not assume ${role.arn} with the job's GitHub OIDC token (${name}: ${errorMessage(error)})`];
  if (!claims) {
    lines.push("The token's claims could not be read, so the trust policy cannot be compared with them.");
    return new TrustPolicyError(lines.join('\n'), { cause: error });
  }
  lines.push(describeClaims(claims));
  const issuer = claims.iss.replace(/^https:\/\//, '');
  const provider = `arn:${role.partition}:iam::${role.accountId}:oidc-provider/${issuer}`;
  if (rejectedToken) {
    lines.push(
      `AWS rejected the token itself: check that account ${role.accountId} has the OIDC identity provider ${provider} and that its audiences (client IDs) include "${audience}".`,
    );
  } else {
    lines.push(...trustPolicyHint(claims, issuer, provider));
  }
  return new TrustPolicyError(lines.join('\n'), { cause: error });
}

function describeClaims(claims: GitHubOidcClaims): string {
  const parts = [`sub "${claims.sub}"`, `aud "${claims.aud.join('", "')}"`];
  if (claims.job_workflow_ref) parts.push(`job_workflow_ref "${claims.job_workflow_ref}"`);
  return `The token's claims: ${parts.join(', ')}.`;
}

/** GitHub's default-on date for immutable subject claims (repositories created or renamed from then on). */
const IMMUTABLE_SUBJECTS_FROM = '2026-07-15';

function trustPolicyHint(claims: GitHubOidcClaims, issuer: string, provider: string): string[] {
  const forms = subjectForms(claims);
  const condition = (sub: string) =>
    JSON.stringify({ StringEquals: { [`${issuer}:aud`]: claims.aud[0] ?? 'sts.amazonaws.com', [`${issuer}:sub`]: sub } });
  const lines = [
    `The role's trust policy needs a statement allowing sts:AssumeRoleWithWebIdentity for the principal {"Federated": "${provider}"} whose Condition matches these claims, for example:`,
  ];
  if (forms.classic) lines.push(`  classic subject: "Condition": ${condition(forms.classic)}`);
  if (forms.immutable) lines.push(`  immutable-ID subject: "Condition": ${condition(forms.immutable)}`);
  if (!forms.classic && !forms.immutable) {
    lines.push(`  customised subject: "Condition": ${condition(claims.sub)}`);
  } else if (forms.immutable === claims.sub) {
    lines.push(
      'This token uses the immutable-ID subject: a condition written for the classic repo:ORG/REPO:… form does not match it. ' +
        `GitHub issues this form for repositories created or renamed on or after ${IMMUTABLE_SUBJECTS_FROM}, and for those opted in.`,
    );
  } else if (forms.immutable) {
    lines.push(
      'This token uses the classic subject: a condition written for the immutable-ID form (repo:ORG@ID/REPO@ID:…) does not match it. ' +
        `GitHub keeps this form for repositories created before ${IMMUTABLE_SUBJECTS_FROM} that have not opted in to immutable subjects.`,
    );
  }
  if (claims.job_workflow_ref) {
    lines.push(
      `A condition on ${issuer}:job_workflow_ref must match "${claims.job_workflow_ref}" (the reusable workflow that runs this job).`,
    );
  }
  return lines;
}

/** AssumeRole (role chaining) refusals: the target's trust policy must name the current role. */
export function explainChainingFailure(error: unknown, role: RoleRef, sourceArn: string | undefined): unknown {
  if (classifyAwsError(error) !== 'access-denied') return error;
  const who = sourceArn ? `{"AWS": "${sourceArn}"}` : 'the role of the current credentials';
  return new TrustPolicyError(
    `Could not assume ${role.arn} from the current credentials (AccessDenied: ${errorMessage(error)})\n` +
      `Its trust policy must allow sts:AssumeRole (and sts:TagSession when tags are passed) for the principal ${who}, and that role needs sts:AssumeRole on ${role.arn}.`,
    { cause: error },
  );
}
