import { createHash } from 'node:crypto';
import { retry } from '../lib/retry.js';
import { isObject } from './json-shape.js';
import { ACCEPTED_MANIFEST_TYPES } from './oci-types.js';
import type { RegistryCredentials } from './registry-login.js';

/**
 * A read-only client of the registry HTTP API v2 (the OCI distribution spec), enough to read a
 * manifest and a config blob back after a push:
 * https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests
 * Authentication follows the registry's `WWW-Authenticate` challenge: Basic (ECR, distribution with
 * htpasswd) or Bearer via the token endpoint (GHCR, Docker Hub):
 * https://distribution.github.io/distribution/spec/auth/token/
 */

export interface FetchedManifest {
  digest: string;
  mediaType: string;
  body: string;
}

export interface RegistryApi {
  /** The manifest for a tag or digest; undefined when the registry says it does not exist. */
  getManifest(repository: string, reference: string): Promise<FetchedManifest | undefined>;
  getBlob(repository: string, digest: string): Promise<Buffer>;
}

export class RegistryHttpError extends Error {
  override readonly name = 'RegistryHttpError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export type FetchLike = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<Response>;

export function createRegistryApi(credentials: RegistryCredentials, fetchImpl: FetchLike = fetch, timeoutMs = 30_000): RegistryApi {
  const basic = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  let authorization: string | undefined;

  async function get(path: string, accept: string[], scope: string): Promise<Response> {
    const url = `${credentials.endpoint}${path}`;
    const send = (auth?: string) =>
      fetchImpl(url, {
        headers: { ...(accept.length ? { Accept: accept.join(', ') } : {}), ...(auth ? { Authorization: auth } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
      });
    let response = await send(authorization);
    if (response.status === 401) {
      authorization = await answerChallenge(response.headers.get('www-authenticate') ?? '', scope);
      response = await send(authorization);
    }
    return response;
  }

  async function answerChallenge(challenge: string, scope: string): Promise<string> {
    if (/^basic/i.test(challenge) || challenge === '') return basic;
    if (!/^bearer/i.test(challenge))
      throw new RegistryHttpError(`${credentials.host} asks for unsupported authentication '${challenge.split(' ')[0]}'`, 401);
    const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1] ?? '', match[2] ?? '']));
    if (!params.realm) throw new RegistryHttpError(`${credentials.host} sent a Bearer challenge without a realm`, 401);
    const tokenUrl = new URL(params.realm);
    if (params.service) tokenUrl.searchParams.set('service', params.service);
    tokenUrl.searchParams.set('scope', params.scope ?? scope);
    const response = await fetchImpl(tokenUrl.toString(), { headers: { Authorization: basic }, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok)
      throw new RegistryHttpError(`the token endpoint of ${credentials.host} answered HTTP ${response.status}`, response.status);
    const body: unknown = await response.json();
    const token = isObject(body) ? (body.token ?? body.access_token) : undefined;
    if (typeof token !== 'string' || token === '')
      throw new RegistryHttpError(`the token endpoint of ${credentials.host} returned no token`, 401);
    return `Bearer ${token}`;
  }

  const attempt = <T>(label: string, operation: () => Promise<T>) => retry(operation, { label, maxAttempts: 3, baseDelayMs: 500 });

  return {
    getManifest: (repository, reference) =>
      attempt(`registry:GET manifest ${repository}:${reference}`, async () => {
        const response = await get(`/v2/${repository}/manifests/${reference}`, ACCEPTED_MANIFEST_TYPES, `repository:${repository}:pull`);
        if (response.status === 404) return undefined;
        if (!response.ok)
          throw new RegistryHttpError(
            `${credentials.host} answered HTTP ${response.status} for manifest ${repository}:${reference}`,
            response.status,
          );
        const bytes = Buffer.from(await response.arrayBuffer());
        const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
        // The registry's word is checked against the bytes themselves: a digest is a content address.
        if (reference.startsWith('sha256:') && reference !== digest) {
          throw new RegistryHttpError(`${credentials.host} served manifest bytes with digest ${digest} for ${reference}`, 502);
        }
        return { digest, mediaType: response.headers.get('content-type') ?? '', body: bytes.toString('utf8') };
      }),
    getBlob: (repository, digest) =>
      attempt(`registry:GET blob ${repository}@${digest}`, async () => {
        const response = await get(`/v2/${repository}/blobs/${digest}`, [], `repository:${repository}:pull`);
        if (!response.ok)
          throw new RegistryHttpError(
            `${credentials.host} answered HTTP ${response.status} for blob ${repository}@${digest}`,
            response.status,
          );
        const bytes = Buffer.from(await response.arrayBuffer());
        const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
        if (digest.startsWith('sha256:') && actual !== digest)
          throw new RegistryHttpError(`${credentials.host} served blob bytes with digest ${actual} for ${digest}`, 502);
        return bytes;
      }),
  };
}
