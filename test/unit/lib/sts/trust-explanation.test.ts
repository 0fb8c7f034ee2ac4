import { describe, expect, test } from '@jest/globals';
import { decodeTokenClaims, subjectForms } from '../../../../src/lib/sts/oidc-claims.js';
import { explainChainingFailure, explainWebIdentityFailure, TrustPolicyError } from '../../../../src/lib/sts/trust-explanation.js';
import { parseRoleToAssume } from '../../../../src/lib/sts/role-to-assume.js';
import { CLAIMS, makeJwt, stsError } from './fake-sts.js';

const role = parseRoleToAssume('arn:aws:iam::111122223333:role/deploy', undefined, 'us-east-1');

describe('decodeTokenClaims', () => {
  test('reads the claims that a trust policy matches', () => {
    expect(decodeTokenClaims(makeJwt(CLAIMS))).toEqual({ ...CLAIMS, aud: ['sts.amazonaws.com'] });
  });
  test.each(['', 'not-a-jwt', 'a.!!!.c', `a.${Buffer.from('[1]').toString('base64url')}.c`, makeJwt({ sub: 'x' })])(
    'gives up quietly on %s',
    (token) => {
      expect(decodeTokenClaims(token)).toBeUndefined();
    },
  );
});

describe('subjectForms', () => {
  test('classic subject plus the immutable form built from the ID claims', () => {
    expect(subjectForms(decodeTokenClaims(makeJwt(CLAIMS))!)).toEqual({
      classic: 'repo:acme/web:ref:refs/heads/main',
      immutable: 'repo:acme@123456/web@456789:ref:refs/heads/main',
    });
  });
  test('an immutable subject gives back the classic form too', () => {
    const claims = decodeTokenClaims(makeJwt({ ...CLAIMS, sub: 'repo:acme@123456/web@456789:environment:prod' }))!;
    expect(subjectForms(claims)).toEqual({
      classic: 'repo:acme/web:environment:prod',
      immutable: 'repo:acme@123456/web@456789:environment:prod',
    });
  });
  test('a customised subject has neither form', () => {
    expect(subjectForms(decodeTokenClaims(makeJwt({ ...CLAIMS, sub: 'repository_owner:acme:context:prod' }))!)).toEqual({});
  });
});

describe('explainWebIdentityFailure', () => {
  const denied = stsError('AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithWebIdentity');

  test('AccessDenied: claims, both subject conditions, never the token', () => {
    const token = makeJwt(CLAIMS);
    const error = explainWebIdentityFailure(denied, role, token, 'sts.amazonaws.com') as Error;
    expect(error).toBeInstanceOf(TrustPolicyError);
    expect(error.cause).toBe(denied);
    expect(error.message).toContain(
      "Could not assume arn:aws:iam::111122223333:role/deploy with the job's GitHub OIDC token (AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity)",
    );
    expect(error.message).toContain(
      'sub "repo:acme/web:ref:refs/heads/main", aud "sts.amazonaws.com", job_workflow_ref "acme/web/.github/workflows/deploy.yml@refs/heads/main"',
    );
    expect(error.message).toContain('{"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}');
    expect(error.message).toContain(
      'classic subject: "Condition": {"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/web:ref:refs/heads/main"}}',
    );
    expect(error.message).toContain(
      'immutable-ID subject: "Condition": {"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme@123456/web@456789:ref:refs/heads/main"}}',
    );
    expect(error.message).toContain('This token uses the classic subject');
    expect(error.message).not.toContain(token);
    expect(error.message).not.toContain(token.split('.')[1]);
  });

  test('an immutable-ID token says that classic conditions do not match it', () => {
    const token = makeJwt({ ...CLAIMS, sub: 'repo:acme@123456/web@456789:ref:refs/heads/main' });
    expect((explainWebIdentityFailure(denied, role, token, 'sts.amazonaws.com') as Error).message).toContain(
      'This token uses the immutable-ID subject',
    );
  });

  test('InvalidIdentityToken points at the identity provider and audience', () => {
    const error = explainWebIdentityFailure(
      stsError('InvalidIdentityTokenException', 400, 'No OpenIDConnect provider found'),
      role,
      makeJwt(CLAIMS),
      'custom-aud',
    ) as Error;
    expect(error.message).toContain(
      'has the OIDC identity provider arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com and that its audiences (client IDs) include "custom-aud"',
    );
  });

  test('unreadable claims are said to be unreadable', () => {
    expect((explainWebIdentityFailure(denied, role, 'garbage', 'sts.amazonaws.com') as Error).message).toContain(
      "The token's claims could not be read",
    );
  });

  test('other errors pass through untouched', () => {
    const throttled = stsError('Throttling', 400);
    expect(explainWebIdentityFailure(throttled, role, makeJwt(CLAIMS), 'sts.amazonaws.com')).toBe(throttled);
  });
});

describe('explainChainingFailure', () => {
  test('names the source role the target must trust', () => {
    const error = explainChainingFailure(stsError('AccessDenied', 403), role, 'arn:aws:iam::111122223333:role/base') as Error;
    expect(error.message).toContain('for the principal {"AWS": "arn:aws:iam::111122223333:role/base"}');
  });
});
