import { AwsServiceError } from '../core/contract.js';
import { manifestDigest } from './manifests.js';

/**
 * The registry behind the sandbox's ECR (its proxyEndpoint), spoken to over the registry HTTP API v2
 * (https://distribution.github.io/distribution/spec/api/). `docker push` writes there, not into the
 * sandbox, so ECR's image operations read and write through this client to see what really landed.
 */

/** Every manifest kind buildx and docker push: indexes and lists first, so a tag's own manifest comes back. */
export const MANIFEST_MEDIA_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
] as const;

export interface UpstreamManifest {
  digest: string;
  mediaType: string;
  /** The exact bytes the registry holds, as text: the digest is over these bytes. */
  body: string;
}

const TIMEOUT_MS = 10_000;

export class RegistryUpstream {
  constructor(
    readonly endpoint: string,
    /** The ECR password of the moment: the registry's htpasswd must accept `AWS:<password>`. */
    private readonly password: () => string | undefined,
  ) {}

  /** The manifest a tag or digest names, or undefined when the registry has none. */
  async getManifest(
    repository: string,
    reference: string,
    accept: readonly string[] = MANIFEST_MEDIA_TYPES,
  ): Promise<UpstreamManifest | undefined> {
    const response = await this.request('GET', repository, `manifests/${reference}`, { accept: accept.join(', ') });
    if (response.status === 404) return undefined;
    await this.expectOk(response, `GET ${repository}:${reference}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    // The digest header is what docker and ECR report; it must be the hash of the bytes we pass on.
    const digest = response.headers.get('docker-content-digest') ?? manifestDigest(bytes);
    if (digest !== manifestDigest(bytes)) throw upstreamError(`registry sent ${digest} for bytes that hash to ${manifestDigest(bytes)}`);
    return { digest, mediaType: response.headers.get('content-type') ?? '', body: bytes.toString('utf8') };
  }

  /** Where a tag points, without the body (HEAD), or undefined when the tag does not exist. */
  async headDigest(repository: string, reference: string): Promise<string | undefined> {
    const response = await this.request('HEAD', repository, `manifests/${reference}`, { accept: MANIFEST_MEDIA_TYPES.join(', ') });
    if (response.status === 404) return undefined;
    await this.expectOk(response, `HEAD ${repository}:${reference}`);
    const digest = response.headers.get('docker-content-digest');
    // Without the header (some registries omit it on HEAD) the body is the only truth.
    return digest ?? (await this.getManifest(repository, reference))?.digest;
  }

  /** Stores the exact manifest bytes under a tag or digest; returns the digest the registry reports. */
  async putManifest(repository: string, reference: string, body: string, mediaType: string): Promise<string> {
    const response = await this.request('PUT', repository, `manifests/${reference}`, { 'content-type': mediaType }, body);
    await this.expectOk(response, `PUT ${repository}:${reference}`);
    return response.headers.get('docker-content-digest') ?? manifestDigest(Buffer.from(body, 'utf8'));
  }

  /** Every tag of a repository; none when the registry has never seen it. */
  async listTags(repository: string): Promise<string[]> {
    const response = await this.request('GET', repository, 'tags/list', {});
    if (response.status === 404) return [];
    await this.expectOk(response, `GET ${repository} tags`);
    const parsed = (await response.json()) as { tags?: unknown };
    return Array.isArray(parsed.tags) ? parsed.tags.filter((t): t is string => typeof t === 'string') : [];
  }

  private async request(
    method: string,
    repository: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<Response> {
    const password = this.password();
    const auth: Record<string, string> =
      password === undefined ? {} : { authorization: `Basic ${Buffer.from(`AWS:${password}`).toString('base64')}` };
    const url = `${this.endpoint.replace(/\/+$/, '')}/v2/${repository}/${path}`;
    try {
      return await fetch(url, {
        method,
        headers: { ...headers, ...auth },
        signal: AbortSignal.timeout(TIMEOUT_MS),
        ...(body === undefined ? {} : { body }),
      });
    } catch (error: unknown) {
      throw upstreamError(`${method} ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async expectOk(response: Response, what: string): Promise<void> {
    if (response.ok) return;
    const text = (await response.text()).slice(0, 300);
    const hint =
      response.status === 401 ? ' (the registry refused the ECR credentials: give the sandbox its password with admin.setEcrPassword)' : '';
    throw upstreamError(`registry ${this.endpoint} answered ${what} with ${response.status}${hint}: ${text}`);
  }
}

/** ECR's own 500 error: the test sees why the registry behind the sandbox let it down. */
function upstreamError(message: string): AwsServiceError {
  return new AwsServiceError('ServerException', `sandbox ECR proxy: ${message}`, 500);
}
