/**
 * The registry documents this action reads back after a push. Upstream specifications:
 * - OCI image index:    https://github.com/opencontainers/image-spec/blob/main/image-index.md
 * - OCI image manifest: https://github.com/opencontainers/image-spec/blob/main/manifest.md
 * - OCI descriptor:     https://github.com/opencontainers/image-spec/blob/main/descriptor.md
 * - OCI image config:   https://github.com/opencontainers/image-spec/blob/main/config.md
 * - Docker manifest list / image manifest v2 schema 2:
 *                       https://distribution.github.io/distribution/spec/manifest-v2-2/
 * - BuildKit attestation storage (the `unknown/unknown` entries):
 *                       https://github.com/moby/buildkit/blob/master/docs/attestations/attestation-storage.md
 * Only the fields used here are typed; unknown fields are ignored, as the specs require of readers.
 * `oci-parse.ts` checks every field at the boundary.
 */

export const MEDIA_TYPE = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

/** What a registry may answer for an image reference; sent as `Accept` / ECR `acceptedMediaTypes`. */
export const ACCEPTED_MANIFEST_TYPES = [MEDIA_TYPE.ociIndex, MEDIA_TYPE.dockerList, MEDIA_TYPE.ociManifest, MEDIA_TYPE.dockerManifest];

export const INDEX_MEDIA_TYPES: readonly string[] = [MEDIA_TYPE.ociIndex, MEDIA_TYPE.dockerList];
export const MANIFEST_MEDIA_TYPES: readonly string[] = [MEDIA_TYPE.ociManifest, MEDIA_TYPE.dockerManifest];

/** BuildKit marks attestation manifests with this annotation and the platform `unknown/unknown`. */
export const REFERENCE_TYPE_ANNOTATION = 'vnd.docker.reference.type';
export const REFERENCE_DIGEST_ANNOTATION = 'vnd.docker.reference.digest';
export const ATTESTATION_REFERENCE_TYPE = 'attestation-manifest';

export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
  osVersion?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  artifactType?: string;
}

/** An OCI image index or a Docker manifest list: one entry per platform (plus attestations). */
export interface ImageIndex {
  kind: 'index';
  mediaType: string;
  manifests: Descriptor[];
}

/** A single-platform image manifest (or a BuildKit attestation manifest, which has `subject`). */
export interface ImageManifest {
  kind: 'manifest';
  mediaType: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
}

export type ManifestDocument = ImageIndex | ImageManifest;

/** The platform fields of an image configuration blob (the only part of it this action needs). */
export interface ImageConfigPlatform {
  architecture: string;
  os: string;
  variant?: string;
}
