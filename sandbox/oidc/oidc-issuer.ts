/**
 * The Actions OIDC token endpoint as a runner job sees it: `ACTIONS_ID_TOKEN_REQUEST_URL` (which
 * already carries `?api-version=2.0`) plus `&audience=…`, authorised with
 * `Bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN`, answering `{"value":"<jwt>"}`. Also serves the
 * discovery document and JWKS so a relying party could fetch the key the standard way.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import type { SandboxClock } from '../core/contract.js';
import { signRs256 } from './jwt.js';
import { defaultScenarioClaims, type GithubOidcClaims, type ScenarioClaims } from './github-claims.js';
import { verifyToken, type VerifyResult } from './token-verifier.js';

export interface OidcIssuerOptions {
  clock: Pick<SandboxClock, 'now'>;
  /** The `iss` claim; GitHub's by default so trust-policy condition keys read as in AWS docs. */
  issuer?: string;
  /** Token lifetime in sandbox seconds (GitHub's tokens live minutes, not hours). */
  lifetimeSeconds?: number;
  port?: number;
}

export interface IssuedToken {
  token: string;
  audience: string;
  claims: GithubOidcClaims;
}

export interface OidcIssuer {
  /** Base URL of the server. */
  url: string;
  /** `ACTIONS_ID_TOKEN_REQUEST_URL`: already contains a `?`. */
  requestUrl: string;
  requestToken: string;
  env: { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string };
  issuer: string;
  publicKey: KeyObject;
  /** Merges claims into the current scenario (sub, environment, repository, …). */
  setClaims(claims: ScenarioClaims): void;
  issuedTokens(): IssuedToken[];
  /** The next `count` token requests fail with `status` (the runner's service having a bad moment). */
  failNext(count: number, status?: number): void;
  /** Signs arbitrary claims with the issuer key, for tests that need odd tokens. */
  sign(claims: Record<string, unknown>): string;
  verify(token: string, audience?: string): VerifyResult;
  stop(): Promise<void>;
}

const DEFAULT_ISSUER = 'https://token.actions.githubusercontent.com';

export async function startOidcIssuer(options: OidcIssuerOptions): Promise<OidcIssuer> {
  const { clock } = options;
  const issuer = options.issuer ?? DEFAULT_ISSUER;
  const lifetimeSeconds = options.lifetimeSeconds ?? 300;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(16).toString('hex');
  const requestToken = randomBytes(24).toString('base64url');
  let scenario: ScenarioClaims = defaultScenarioClaims();
  const issued: IssuedToken[] = [];
  let failures = { count: 0, status: 500 };
  let baseUrl = '';

  const sign = (claims: Record<string, unknown>): string => signRs256({ kid, x5t: kid }, claims, privateKey);

  function issue(audience: string): IssuedToken {
    const iat = Math.floor(clock.now() / 1000);
    const claims = { jti: randomUUID(), ...scenario, aud: audience, iss: issuer, iat, nbf: iat, exp: iat + lifetimeSeconds };
    const entry = { token: sign(claims), audience, claims: claims as GithubOidcClaims };
    issued.push(entry);
    return entry;
  }

  function send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', baseUrl);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      send(res, 200, {
        issuer,
        jwks_uri: `${baseUrl}/.well-known/jwks`,
        subject_types_supported: ['public', 'pairwise'],
        response_types_supported: ['id_token'],
        claims_supported: [
          'sub',
          'aud',
          'exp',
          'iat',
          'iss',
          'jti',
          'nbf',
          'ref',
          'repository',
          'repository_id',
          'repository_owner',
          'repository_owner_id',
          'run_id',
          'sha',
          'workflow',
          'job_workflow_ref',
          'environment',
        ],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid'],
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/.well-known/jwks') {
      const jwk = publicKey.export({ format: 'jwk' });
      send(res, 200, { keys: [{ ...jwk, kid, x5t: kid, alg: 'RS256', use: 'sig' }] });
      return;
    }
    if (req.method !== 'GET' || url.pathname !== '/token') {
      send(res, 404, { message: 'Not Found' });
      return;
    }
    if (req.headers.authorization !== `Bearer ${requestToken}`) {
      send(res, 401, { message: 'Unauthorized' });
      return;
    }
    if (failures.count > 0) {
      failures.count -= 1;
      send(res, failures.status, { message: 'Internal Server Error' });
      return;
    }
    // Without `audience` GitHub uses the repository owner's URL as the audience.
    const audience = url.searchParams.get('audience') ?? `https://github.com/${scenario.repository_owner ?? ''}`;
    send(res, 200, { value: issue(audience).token });
  }

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const requestUrl = `${baseUrl}/token?api-version=2.0`;

  return {
    url: baseUrl,
    requestUrl,
    requestToken,
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: requestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken },
    issuer,
    publicKey,
    setClaims(claims) {
      scenario = { ...scenario, ...claims };
    },
    issuedTokens: () => [...issued],
    failNext(count, status = 500) {
      failures = { count, status };
    },
    sign,
    verify: (token, audience) =>
      verifyToken(token, { publicKey, issuer, audiences: audience === undefined ? undefined : [audience], nowMs: clock.now() }),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
