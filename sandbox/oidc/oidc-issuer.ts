/**
 * The Actions OIDC token endpoint as a runner job sees it: `ACTIONS_ID_TOKEN_REQUEST_URL` (which
 * already carries `?api-version=2.0`) plus `&audience=…`, authorised with
 * `Bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN`, answering `{"value":"<jwt>"}`. Also serves the
 * discovery document and JWKS so a relying party could fetch the key the standard way.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { SandboxClock } from '../core/contract.js';
import { FaultInjector } from '../core/faults.js';
import { failNextRequests, takeHttpFault } from '../core/http-faults.js';
import { listenJson, rawRequestText, readBody } from '../core/http-server.js';
import { SeededRandom } from '../core/random.js';
import { RequestLog } from '../core/request-log.js';
import { signRs256 } from './jwt.js';
import {
  defaultScenarioClaims,
  issuedSubject,
  type GithubOidcClaims,
  type RepositorySettings,
  type ScenarioClaims,
} from './github-claims.js';
import { verifyToken, type VerifyResult } from './token-verifier.js';

export interface OidcIssuerOptions {
  clock: Pick<SandboxClock, 'now'>;
  /** The `iss` claim; GitHub's by default so trust-policy condition keys read as in AWS docs. */
  issuer?: string;
  /** Seconds from `iat` to `exp`: 300, as in GitHub's example token. */
  lifetimeSeconds?: number;
  port?: number;
  /** The sandbox's request log (service `oidc`); a log of its own when the issuer runs alone. */
  log?: RequestLog;
  /** The sandbox's faults: `{ service: 'oidc', operation: 'GET /token', kind: 'http503' }`. */
  faults?: FaultInjector;
  /** The sandbox's seeded generator, for the request token, key id and token ids (default: seed 1). */
  random?: SeededRandom;
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
  /**
   * Merges repository settings into the scenario: created or renamed on or after 2026-07-15 (or
   * opted in), the repository's tokens carry the immutable-ID `sub` (see github-claims.ts).
   */
  setRepository(settings: RepositorySettings): void;
  issuedTokens(): IssuedToken[];
  /** The next `count` token requests fail with `status` (the runner's service having a bad moment). */
  failNext(count: number, status?: 500 | 503): void;
  /** Signs arbitrary claims with the issuer key, for tests that need odd tokens. */
  sign(claims: Record<string, unknown>): string;
  verify(token: string, audience?: string): VerifyResult;
  stop(): Promise<void>;
}

const DEFAULT_ISSUER = 'https://token.actions.githubusercontent.com';
/**
 * GitHub's example token (OpenID Connect concepts page) has `nbf` 600 s before `iat` and `exp` 300 s
 * after it; the early `nbf` tolerates a relying party whose clock runs behind.
 */
const NOT_BEFORE_SECONDS = 600;
const TOKEN_OPERATION = 'GET /token';

export async function startOidcIssuer(options: OidcIssuerOptions): Promise<OidcIssuer> {
  const { clock } = options;
  const issuer = options.issuer ?? DEFAULT_ISSUER;
  const lifetimeSeconds = options.lifetimeSeconds ?? 300;
  const log = options.log ?? new RequestLog();
  const faults = options.faults ?? new FaultInjector();
  const random = (options.random ?? new SeededRandom(1)).fork('oidc');
  // The one random choice not drawn from the seed: node:crypto cannot derive an RSA key from a
  // seed (that would take a hand-written prime search), and nothing a test checks depends on the
  // key's bits, since every token is verified with this same key. Ids and tokens stay seeded.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = random.hex(32);
  const requestToken = random.alphanumeric(32);
  let scenario: ScenarioClaims = defaultScenarioClaims();
  let repository: RepositorySettings = {};
  const issued: IssuedToken[] = [];
  let baseUrl = '';

  const sign = (claims: Record<string, unknown>): string => signRs256({ kid, x5t: kid }, claims, privateKey);

  function issue(audience: string): IssuedToken {
    const iat = Math.floor(clock.now() / 1000);
    const sub = issuedSubject(scenario, repository);
    const claims = {
      jti: random.uuid(),
      ...scenario,
      ...(sub !== undefined ? { sub } : {}),
      aud: audience,
      iss: issuer,
      nbf: iat - NOT_BEFORE_SECONDS,
      exp: iat + lifetimeSeconds,
      iat,
    };
    const entry = { token: sign(claims), audience, claims: claims as GithubOidcClaims };
    issued.push(entry);
    return entry;
  }

  type Answer = { status: number; body: unknown } | 'reset' | 'hang';

  /** Discovery, JWKS or a token; faults are taken after authentication, so a refused request does not use one up. */
  async function answer(req: IncomingMessage, url: URL, operation: string): Promise<Answer> {
    if (operation === TOKEN_OPERATION) {
      // RFC 7235 §2.1: the auth-scheme is case-insensitive (`bearer`, `BEARER` and `Bearer` are one scheme).
      const credentials = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? '')?.[1];
      if (credentials !== requestToken) return { status: 401, body: { message: 'Unauthorized' } };
    }
    const fault = await takeHttpFault(faults, 'oidc', operation);
    if (fault?.kind === 'reset' || fault?.kind === 'hang') return fault.kind;
    if (fault) return { status: fault.status, body: { message: fault.status === 429 ? 'Too Many Requests' : 'Internal Server Error' } };
    if (operation === 'GET /.well-known/openid-configuration') {
      return {
        status: 200,
        body: {
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
        },
      };
    }
    if (operation === 'GET /.well-known/jwks') {
      const jwk = publicKey.export({ format: 'jwk' });
      return { status: 200, body: { keys: [{ ...jwk, kid, x5t: kid, alg: 'RS256', use: 'sig' }] } };
    }
    if (operation !== TOKEN_OPERATION) return { status: 404, body: { message: 'Not Found' } };
    // Without `audience` GitHub uses the repository owner's URL as the audience.
    const audience = url.searchParams.get('audience') ?? `https://github.com/${scenario.repository_owner ?? ''}`;
    return { status: 200, body: { value: issue(audience).token } };
  }

  /** Answers one request and records it in the request log, as the AWS services' server does. */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', baseUrl);
    const operation = `${req.method ?? 'GET'} ${url.pathname}`;
    const result = await answer(req, url, operation);
    log.record({
      time: clock.now(),
      service: 'oidc',
      operation,
      params: Object.fromEntries(url.searchParams),
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      status: typeof result === 'string' ? 0 : result.status,
      ...(typeof result === 'string' ? { errorCode: result === 'reset' ? 'ConnectionReset' : 'Hang' } : {}),
      rawRequest: rawRequestText(req, body),
    });
    if (result === 'reset') req.socket.destroy();
    if (typeof result === 'string') return;
    res.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(result.body));
  }

  const server = await listenJson('oidc', handle, options.port ?? 0);
  baseUrl = server.url;
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
    setRepository(settings) {
      repository = { ...repository, ...settings };
    },
    issuedTokens: () => [...issued],
    failNext: (count, status = 500) => failNextRequests(faults, 'oidc', TOKEN_OPERATION, count, status),
    sign,
    verify: (token, audience) =>
      verifyToken(token, { publicKey, issuer, audiences: audience === undefined ? undefined : [audience], nowMs: clock.now() }),
    stop: () => server.close(),
  };
}
