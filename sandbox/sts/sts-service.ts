/**
 * STS over the query protocol: AssumeRoleWithWebIdentity (unauthenticated; the OIDC token is the
 * credential), AssumeRole (with bootstrap keys, or role chaining from another session) and
 * GetCallerIdentity. Handlers return the `…Result` contents; the plumbing wraps them in XML.
 */
import { AwsServiceError, type AwsServiceDefinition, type SandboxClock } from '../core/contract.js';
import type { RoleRegistry } from '../iam/role-registry.js';
import { verifyToken } from '../oidc/token-verifier.js';
import type { OidcIssuer } from '../oidc/oidc-issuer.js';
import { accessDenied, type StsAuthorizer } from './authorizer.js';
import { BOOTSTRAP_IDENTITY, type CredentialStore } from './credential-store.js';
import { parseCommonParams, resolveDuration, validateConstraints } from './request-validation.js';
import { issueSession } from './session-issuer.js';

export interface StsServiceDeps {
  clock: Pick<SandboxClock, 'now'>;
  oidc: Pick<OidcIssuer, 'issuer' | 'publicKey'>;
  roles: RoleRegistry;
  store: CredentialStore;
  authorizer: StsAuthorizer;
  /** Client IDs registered on the IAM OIDC provider (the audiences STS accepts at all). */
  oidcClientIds: () => string[];
}

const WEB_IDENTITY_DENIED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';

function webIdentityClaims(deps: StsServiceDeps, token: string): { sub: string; aud: string; iss: string } {
  const verdict = verifyToken(token, { publicKey: deps.oidc.publicKey, issuer: deps.oidc.issuer, nowMs: deps.clock.now() });
  if (!verdict.ok) {
    switch (verdict.reason) {
      case 'expired': {
        const now = Math.floor(deps.clock.now() / 1000);
        const exp = String(verdict.claims?.exp);
        throw new AwsServiceError(
          'ExpiredTokenException',
          `Token expired: current date/time ${now} must be before the expiration date/time ${exp}`,
        );
      }
      case 'issuer':
        throw new AwsServiceError(
          'InvalidIdentityToken',
          `No OpenIDConnect provider found in your account for ${String(verdict.claims?.iss)}`,
        );
      case 'malformed':
        throw new AwsServiceError(
          'InvalidIdentityToken',
          'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
        );
      default:
        throw new AwsServiceError(
          'InvalidIdentityToken',
          'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.',
        );
    }
  }
  const { sub, aud } = verdict.claims;
  if (typeof sub !== 'string' || typeof aud !== 'string') {
    throw new AwsServiceError('InvalidIdentityToken', 'The ID Token provided is missing the sub or aud claim.');
  }
  // The IAM OIDC provider's client-ID list gates the audience before any role trust is looked at.
  if (!deps.oidcClientIds().includes(aud)) throw new AwsServiceError('InvalidIdentityToken', 'Incorrect token audience');
  return { sub, aud, iss: String(verdict.claims.iss) };
}

export function createStsService(deps: StsServiceDeps): AwsServiceDefinition {
  const context = { clock: deps.clock, roles: deps.roles, store: deps.store };
  return {
    envName: 'STS',
    iamPrefix: 'sts',
    protocol: 'query',
    targetPrefix: '2011-06-15',
    xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
    unauthenticated: ['AssumeRoleWithWebIdentity'],
    operations: {
      AssumeRoleWithWebIdentity(params) {
        const input = parseCommonParams(params);
        const token = typeof params.WebIdentityToken === 'string' ? params.WebIdentityToken : '';
        const extra =
          token.length < 4
            ? [`Value '${token}' at 'webIdentityToken' failed to satisfy constraint: Member must have length greater than or equal to 4`]
            : [];
        validateConstraints(input, extra);
        const claims = webIdentityClaims(deps, token);
        const role = deps.roles.getRole(input.roleArn);
        if (!role || !deps.roles.trustsWebIdentity(role, claims.sub, claims.aud)) {
          throw new AwsServiceError('AccessDenied', WEB_IDENTITY_DENIED, 403);
        }
        const duration = resolveDuration(input.durationSeconds, role.maxSessionDuration, false);
        const { result } = issueSession(context, role, input, duration, false);
        return {
          ...result,
          SubjectFromWebIdentityToken: claims.sub,
          Audience: claims.aud,
          // "The issuing authority of the web identity token … For OpenID Connect ID tokens, this
          // contains the value of the iss field" (AssumeRoleWithWebIdentity API reference).
          Provider: claims.iss,
        };
      },
      AssumeRole(params, { caller }) {
        const input = parseCommonParams(params);
        validateConstraints(input);
        const session = deps.authorizer.sessionOf(caller, 'sts:AssumeRole');
        const role = deps.roles.getRole(input.roleArn);
        if (session === 'bootstrap') {
          if (!role) throw accessDenied('sts:AssumeRole', BOOTSTRAP_IDENTITY.arn, input.roleArn);
        } else {
          // The session's policies were checked for sts:AssumeRole on the role (see `permissions`);
          // the target role must also trust the caller's role.
          if (!role || !deps.roles.trustsRole(role, session.roleArn)) {
            throw accessDenied('sts:AssumeRole', session.arn, input.roleArn);
          }
        }
        const chained = session !== 'bootstrap';
        const duration = resolveDuration(input.durationSeconds, role.maxSessionDuration, chained);
        return issueSession(context, role, input, duration, chained).result;
      },
      GetCallerIdentity(_params, { caller, identity }) {
        const who = identity ?? deps.authorizer.authorize(caller, 'sts:GetCallerIdentity', []);
        return { UserId: who.userId, Account: who.account, Arn: who.arn };
      },
    },
    permissions: {
      AssumeRole: (params) => [{ action: 'sts:AssumeRole', resources: [String(params.RoleArn ?? '')] }],
      GetCallerIdentity: () => [{ action: 'sts:GetCallerIdentity', resources: [] }],
    },
  };
}
