import { jest } from '@jest/globals';
import * as core from '@actions/core';
import { createClock } from '../../sandbox/core/clock.js';
import { startOidcIssuer, type OidcIssuer } from '../../sandbox/oidc/index.js';
import { decodeJwt, verifyRs256 } from '../../sandbox/oidc/jwt.js';
import { createPublicKey } from 'node:crypto';

describe('Actions OIDC issuer', () => {
  const clock = createClock(1);
  let oidc: OidcIssuer;
  const saved = { ...process.env };

  beforeAll(async () => {
    oidc = await startOidcIssuer({ clock });
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = oidc.env.ACTIONS_ID_TOKEN_REQUEST_URL;
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = oidc.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    // core.getIDToken masks the token with ::add-mask::; keep the test output clean.
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    process.env = saved;
    await oidc.stop();
  });

  it('serves the request URL with a ? already in it, as the runner sets it', () => {
    expect(oidc.env.ACTIONS_ID_TOKEN_REQUEST_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/token\?api-version=2\.0$/);
    expect(oidc.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN.length).toBeGreaterThan(20);
  });

  it('issues an RS256 JWT with GitHub claims to @actions/core getIDToken', async () => {
    oidc.setClaims({ sub: 'repo:acme/web:environment:staging', environment: 'staging' });
    const token = await core.getIDToken('sts.amazonaws.com');
    const { header, payload } = decodeJwt(token);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: expect.any(String) });
    expect(payload).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com',
      sub: 'repo:acme/web:environment:staging',
      environment: 'staging',
      repository: 'acme/web',
      repository_owner: 'acme',
      repository_id: expect.any(String),
      repository_owner_id: expect.any(String),
      ref: 'refs/heads/main',
      sha: expect.stringMatching(/^[0-9a-f]{40}$/),
      workflow: expect.any(String),
      job_workflow_ref: expect.stringContaining('@refs/heads/'),
      run_id: expect.any(String),
      jti: expect.any(String),
    });
    const iat = payload.iat as number;
    // As GitHub's example token: nbf 600 s before iat, exp 300 s after.
    expect(payload.nbf).toBe(iat - 600);
    expect(payload.exp).toBe(iat + 300);
    expect(Math.abs(iat * 1000 - clock.now())).toBeLessThan(5000);
    expect(oidc.verify(token, 'sts.amazonaws.com')).toMatchObject({ ok: true });
  });

  it('issues the immutable-ID sub for repositories created or renamed on or after 2026-07-15, or opted in', async () => {
    oidc.setClaims({ sub: 'repo:acme/web:environment:prod', repository_owner_id: '1001', repository_id: '2002' });
    const subOf = async () => decodeJwt(await core.getIDToken('sts.amazonaws.com')).payload.sub;
    oidc.setRepository({ createdAt: '2026-07-14T23:59:59Z' });
    expect(await subOf()).toBe('repo:acme/web:environment:prod');
    oidc.setRepository({ createdAt: '2026-07-15T00:00:00Z' });
    expect(await subOf()).toBe('repo:acme@1001/web@2002:environment:prod');
    oidc.setRepository({ createdAt: '2024-01-01', renamedAt: '2026-09-01' });
    expect(await subOf()).toBe('repo:acme@1001/web@2002:environment:prod');
    oidc.setRepository({ renamedAt: undefined, immutableSubjects: true });
    expect(await subOf()).toBe('repo:acme@1001/web@2002:environment:prod');
    // The repo:OWNER/REPO prefix takes the IDs whatever context follows; a subject without it stays.
    oidc.setClaims({ sub: 'repo:acme/web:job_workflow_ref:acme/web/.github/workflows/deploy.yml@refs/heads/main' });
    expect(await subOf()).toBe('repo:acme@1001/web@2002:job_workflow_ref:acme/web/.github/workflows/deploy.yml@refs/heads/main');
    oidc.setClaims({ sub: 'project:acme:env:prod' });
    expect(await subOf()).toBe('project:acme:env:prod');
    oidc.setRepository({ immutableSubjects: false });
    oidc.setClaims({ sub: 'repo:acme/web:environment:prod' });
    expect(await subOf()).toBe('repo:acme/web:environment:prod');
    oidc.setRepository({ createdAt: undefined, immutableSubjects: undefined });
  });

  it('issues a fresh token per request and counts them', async () => {
    const before = oidc.issuedTokens().length;
    const a = await core.getIDToken('sts.amazonaws.com');
    const b = await core.getIDToken('sts.amazonaws.com');
    expect(a).not.toBe(b);
    expect(oidc.issuedTokens().length).toBe(before + 2);
    expect(oidc.issuedTokens().at(-1)?.token).toBe(b);
  });

  it('uses the owner URL as audience when none is asked for', async () => {
    const token = await core.getIDToken();
    expect(decodeJwt(token).payload.aud).toBe('https://github.com/acme');
  });

  it('rejects a wrong request token', async () => {
    const response = await fetch(`${oidc.requestUrl}&audience=x`, { headers: { authorization: 'Bearer nope' } });
    expect(response.status).toBe(401);
  });

  it('publishes discovery and a JWKS that verifies its tokens', async () => {
    const config = (await (await fetch(`${oidc.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({ issuer: oidc.issuer, id_token_signing_alg_values_supported: ['RS256'] });
    const jwks = (await (await fetch(String(config.jwks_uri))).json()) as { keys: Array<Record<string, string>> };
    const [jwk] = jwks.keys;
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB', kid: expect.any(String) });
    const token = await core.getIDToken('sts.amazonaws.com');
    const decoded = decodeJwt(token);
    expect(decoded.header.kid).toBe(jwk?.kid);
    expect(verifyRs256(decoded, createPublicKey({ key: jwk as never, format: 'jwk' }))).toBe(true);
  });

  it('verify() reports wrong audience, expiry on the sandbox clock and tampering', async () => {
    const token = await core.getIDToken('sts.amazonaws.com');
    expect(oidc.verify(token, 'other')).toMatchObject({ ok: false, reason: 'audience' });
    const [h, p, s] = token.split('.');
    const claims = { ...JSON.parse(Buffer.from(p ?? '', 'base64url').toString()), sub: 'repo:evil/x:ref:refs/heads/main' };
    const tampered = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    expect(oidc.verify(tampered)).toMatchObject({ ok: false, reason: 'signature' });
    expect(oidc.verify('not-a-jwt')).toMatchObject({ ok: false, reason: 'malformed' });
    clock.advance(301_000);
    expect(oidc.verify(token)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('can fail the next requests, as a flaky token service would', async () => {
    oidc.failNext(1, 500);
    const failed = await fetch(`${oidc.requestUrl}&audience=x`, { headers: { authorization: `Bearer ${oidc.requestToken}` } });
    expect(failed.status).toBe(500);
    const ok = await fetch(`${oidc.requestUrl}&audience=x`, { headers: { authorization: `Bearer ${oidc.requestToken}` } });
    expect(await ok.json()).toEqual({ value: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
  });
});
