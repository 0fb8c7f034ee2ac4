/**
 * Decides, for every AWS call the sandbox serves, whether the signing credentials may make it:
 * bootstrap keys may do everything; STS sessions must be known, unexpired, and allowed by at least
 * one of their session policies (inline or managed) and by the role's own policy, when it has one.
 * Errors use each protocol's own codes: JSON services say UnrecognizedClientException / ExpiredTokenException /
 * AccessDeniedException, query services (STS, ELBv2) InvalidClientTokenId / ExpiredToken /
 * AccessDenied. Expired credentials are HTTP 403 everywhere
 * (https://docs.aws.amazon.com/awsconsolehelpdocs/latest/gsg/common-errors.html).
 */
import { AwsServiceError, type Authorizer, type AwsCaller, type CallerIdentity } from '../core/contract.js';
import { evaluateSession } from '../iam/policy-evaluator.js';
import { BOOTSTRAP_CREDENTIALS, BOOTSTRAP_IDENTITY, type CredentialStore, type StsSession } from './credential-store.js';

/** IAM prefixes of services that speak the query protocol and so use its error codes. */
const QUERY_PREFIXES = new Set(['sts', 'elasticloadbalancing', 'iam', 'ec2', 'sns', 'sqs']);

function isQuery(action: string): boolean {
  return QUERY_PREFIXES.has(action.split(':')[0]?.toLowerCase() ?? '');
}

function invalidToken(action: string): AwsServiceError {
  const message = 'The security token included in the request is invalid.';
  return isQuery(action)
    ? new AwsServiceError('InvalidClientTokenId', message, 403)
    : new AwsServiceError('UnrecognizedClientException', message, 400);
}

/** HTTP 403 in every protocol, as AWS's common errors list it (ExpiredTokenException / ExpiredToken). */
function expiredToken(action: string): AwsServiceError {
  const message = 'The security token included in the request is expired';
  return new AwsServiceError(isQuery(action) ? 'ExpiredToken' : 'ExpiredTokenException', message, 403);
}

export function accessDenied(action: string, principalArn: string, resource: string, reason = ''): AwsServiceError {
  const message = `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource}${reason ? ` ${reason}` : ''}`;
  return isQuery(action) ? new AwsServiceError('AccessDenied', message, 403) : new AwsServiceError('AccessDeniedException', message, 400);
}

function identityOf(session: StsSession): CallerIdentity {
  return { arn: session.arn, account: session.account, userId: session.assumedRoleId };
}

/** Explains a denial the way AWS's enriched AccessDenied messages do. */
function denialReason(action: string, session: StsSession, resource: string): string | undefined {
  const { decision, deniedBy } = evaluateSession(session, action, [resource]);
  if (decision === 'explicit-deny') return `with an explicit deny in a ${deniedBy}`;
  return decision === 'implicit-deny' ? `because no ${deniedBy} allows the ${action} action` : undefined;
}

export interface StsAuthorizer extends Authorizer {
  /** The live session behind a caller, after the same checks as `authorize` (for STS's own handlers). */
  sessionOf(caller: AwsCaller, action: string): StsSession | 'bootstrap';
}

export function createAuthorizer(store: CredentialStore): StsAuthorizer {
  function sessionOf(caller: AwsCaller, action: string): StsSession | 'bootstrap' {
    if (caller.accessKeyId === BOOTSTRAP_CREDENTIALS.accessKeyId) return 'bootstrap';
    const session = store.find(caller.accessKeyId);
    // A session key presented without its token (or with another's) is as good as unknown.
    if (!session || session.sessionToken !== caller.sessionToken) throw invalidToken(action);
    if (store.isExpired(session)) throw expiredToken(action);
    return session;
  }

  return {
    sessionOf,
    authorize(caller, action, resources) {
      const session = sessionOf(caller, action);
      if (session === 'bootstrap') return { ...BOOTSTRAP_IDENTITY };
      // GetCallerIdentity needs no permission in AWS, not even an Allow.
      if (action === 'sts:GetCallerIdentity') return identityOf(session);
      for (const resource of resources.length > 0 ? resources : ['*']) {
        const reason = denialReason(action, session, resource);
        if (reason) throw accessDenied(action, session.arn, resource, reason);
      }
      return identityOf(session);
    },
  };
}
