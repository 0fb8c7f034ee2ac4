import { createHash } from 'node:crypto';
import type { RegistryStore } from './registry-store.js';

export interface PushedImage {
  /** The digest of what the tag points at: an index when there is more than one manifest. */
  digest: string;
  platforms: { platform: string; digest: string }[];
  attestations: { digest: string; describes: string }[];
}

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

const fakeDigest = (seed: string) => `sha256:${createHash('sha256').update(seed).digest('hex')}`;

function platformOf(text: string): Record<string, string> {
  const [os = 'linux', architecture = 'amd64', variant] = text.split('/');
  return { architecture, os, ...(variant ? { variant } : {}) };
}

/**
 * Pushes what `docker buildx build --push` leaves in a registry: one image manifest per platform
 * and, with provenance on (buildx's default), an attestation manifest per platform listed in the
 * index with platform unknown/unknown.
 */
export function pushBuildxImage(
  store: RegistryStore,
  repository: string,
  tag: string,
  platforms: string[],
  options: { attestations?: boolean; now: number },
): PushedImage {
  const manifests: Record<string, unknown>[] = [];
  const result: PushedImage = { digest: '', platforms: [], attestations: [] };
  for (const platform of platforms) {
    const image = store.put(
      repository,
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: fakeDigest(`config:${repository}:${tag}:${platform}`),
          size: 1469,
        },
        layers: [
          {
            mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
            digest: fakeDigest(`layer:${repository}:${tag}:${platform}`),
            size: 3_370_706,
          },
        ],
      }),
      options.now,
    );
    result.platforms.push({ platform, digest: image.digest });
    manifests.push({
      mediaType: OCI_MANIFEST,
      digest: image.digest,
      size: Buffer.byteLength(image.manifest),
      platform: platformOf(platform),
    });
  }
  if (options.attestations !== false) {
    for (const { digest } of [...result.platforms]) {
      const attestation = store.put(
        repository,
        JSON.stringify({
          schemaVersion: 2,
          mediaType: OCI_MANIFEST,
          artifactType: 'application/vnd.docker.attestation.manifest.v1+json',
          config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: fakeDigest('{}'), size: 2 },
          layers: [
            {
              mediaType: 'application/vnd.in-toto+json',
              digest: fakeDigest(`provenance:${digest}`),
              size: 1024,
              annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' },
            },
          ],
        }),
        options.now,
      );
      result.attestations.push({ digest: attestation.digest, describes: digest });
      manifests.push({
        mediaType: OCI_MANIFEST,
        digest: attestation.digest,
        size: Buffer.byteLength(attestation.manifest),
        annotations: { 'vnd.docker.reference.digest': digest, 'vnd.docker.reference.type': 'attestation-manifest' },
        platform: { architecture: 'unknown', os: 'unknown' },
      });
    }
  }
  const single = manifests.length === 1 && result.platforms[0];
  if (single) {
    // One platform without attestations: the tag points at the image manifest itself.
    store.put(repository, store.get(repository).images.get(single.digest)?.manifest ?? '', options.now, { tag });
    result.digest = single.digest;
    return result;
  }
  const index = store.put(repository, JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }), options.now, { tag });
  result.digest = index.digest;
  return result;
}
