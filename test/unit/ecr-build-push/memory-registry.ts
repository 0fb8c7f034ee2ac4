import { createHash } from 'node:crypto';
import type { ManifestReader } from '../../../src/ecr-build-push/manifest-reader.js';
import type { FetchedManifest } from '../../../src/ecr-build-push/registry-api.js';

/** A registry in memory: manifests by digest and tag, configs by digest. */
export class MemoryRegistry {
  readonly manifests = new Map<string, FetchedManifest>();
  readonly tags = new Map<string, string>();
  readonly configs = new Map<string, { os: string; architecture: string; variant?: string }>();

  put(document: object, tag?: string): string {
    const body = JSON.stringify(document);
    const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    const mediaType = 'mediaType' in document && typeof document.mediaType === 'string' ? document.mediaType : '';
    this.manifests.set(digest, { digest, mediaType, body });
    if (tag) this.tags.set(tag, digest);
    return digest;
  }

  image(platform: string, tag?: string): string {
    const [os = '', architecture = '', variant] = platform.split('/');
    const config = `sha256:${createHash('sha256').update(`config ${platform}`).digest('hex')}`;
    this.configs.set(config, { os, architecture, ...(variant ? { variant } : {}) });
    return this.put(
      {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config, size: 10 },
        layers: [],
      },
      tag,
    );
  }

  reader(): ManifestReader {
    return {
      source: 'memory',
      manifest: async (_repository, reference) => this.manifests.get(this.tags.get(reference) ?? reference),
      configPlatform: async (_repository, digest) => {
        const config = this.configs.get(digest);
        if (!config) throw new Error(`no config ${digest}`);
        return config;
      },
    };
  }
}

export function indexOf(registry: MemoryRegistry, platforms: string[], options: { attestations?: boolean; tag?: string } = {}): string {
  const manifests: object[] = [];
  for (const platform of platforms) {
    const digest = registry.image(platform);
    const [os, architecture, variant] = platform.split('/');
    manifests.push({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest,
      size: 100,
      platform: { os, architecture, ...(variant ? { variant } : {}) },
    });
    if (options.attestations) {
      const attestation = registry.put({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: 'application/vnd.docker.attestation.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: `sha256:${'4'.repeat(64)}`, size: 2 },
        layers: [],
        subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest, size: 100 },
      });
      manifests.push({
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: attestation,
        size: 100,
        annotations: { 'vnd.docker.reference.digest': digest, 'vnd.docker.reference.type': 'attestation-manifest' },
        platform: { architecture: 'unknown', os: 'unknown' },
      });
    }
  }
  return registry.put({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }, options.tag);
}
