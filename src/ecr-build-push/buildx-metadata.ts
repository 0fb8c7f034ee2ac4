import { ShapeError, expectObject, isDigest, isObject, optionalString, parseJsonText } from './json-shape.js';
import { parseDescriptor } from './oci-parse.js';
import type { Descriptor } from './oci-types.js';

/**
 * The `--metadata-file` that `docker buildx build` writes. Upstream description:
 * https://docs.docker.com/reference/cli/docker/buildx/build/#metadata-file
 * Keys used here:
 * - `containerimage.digest`: digest of what was exported — for a push, the manifest or index the
 *   tags point at (with the docker exporter it is the config digest, which is why a pushed image is
 *   always read back from the registry instead of trusted blindly);
 * - `containerimage.descriptor`: the same as an OCI descriptor (absent with some exporters);
 * - `containerimage.config.digest`, `image.name`, `buildx.build.ref`: reported, never relied on.
 * `buildx.build.provenance` and `buildx.build.warnings` are ignored: they can be large and are not
 * needed to identify the image.
 */
export interface BuildMetadata {
  /** The digest the tags point at. */
  digest: string;
  descriptor?: Descriptor;
  configDigest?: string;
  imageNames: string[];
  buildRef?: string;
}

const DIGEST_KEY = 'containerimage.digest';
const DESCRIPTOR_KEY = 'containerimage.descriptor';

/** Parses one build's metadata (a bake file holds one such object per target). */
export function parseBuildMetadata(value: unknown, where: string): BuildMetadata {
  const object = expectObject(value, where);
  const descriptor =
    object[DESCRIPTOR_KEY] === undefined ? undefined : parseDescriptor(object[DESCRIPTOR_KEY], `${where}["${DESCRIPTOR_KEY}"]`);
  const rawDigest = object[DIGEST_KEY];
  if (rawDigest !== undefined && !isDigest(rawDigest)) {
    throw new ShapeError(`${where}["${DIGEST_KEY}"] is not a sha256/sha512 digest`);
  }
  const digest = rawDigest ?? descriptor?.digest;
  if (digest === undefined) {
    throw new ShapeError(
      `${where} has neither "${DIGEST_KEY}" nor "${DESCRIPTOR_KEY}": buildx did not export an image (was --push dropped?)`,
    );
  }
  if (descriptor && descriptor.digest !== digest) {
    throw new ShapeError(`${where} names two different digests (${digest} and ${descriptor.digest})`);
  }
  const configDigest = object['containerimage.config.digest'];
  const imageName = optionalString(object['image.name'], `${where}["image.name"]`);
  const buildRef = optionalString(object['buildx.build.ref'], `${where}["buildx.build.ref"]`);
  return {
    digest,
    ...(descriptor ? { descriptor } : {}),
    // Informational only: a malformed config digest (seen in the wild) must not fail a good push.
    ...(isDigest(configDigest) ? { configDigest } : {}),
    imageNames: imageName
      ? imageName
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean)
      : [],
    ...(buildRef ? { buildRef } : {}),
  };
}

/** Parses the text of a metadata file written by `buildx build` (one build, not bake). */
export function parseBuildMetadataText(text: string, where: string): BuildMetadata {
  return parseBuildMetadata(parseJsonText(text, where), where);
}

/** Bake writes one object per target plus top-level `buildx.build.*` keys; targets are the objects. */
export function parseBakeMetadata(value: unknown, where: string): Map<string, BuildMetadata> {
  const object = expectObject(value, where);
  const targets = new Map<string, BuildMetadata>();
  for (const [name, entry] of Object.entries(object)) {
    if (name.startsWith('buildx.') || !isObject(entry)) continue;
    targets.set(name, parseBuildMetadata(entry, `${where}["${name}"]`));
  }
  return targets;
}

/** The metadata with the bulky provenance and warnings dropped: what the `metadata` output carries. */
export function compactMetadata(value: unknown): Record<string, unknown> {
  if (!isObject(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'buildx.build.provenance' && key !== 'buildx.build.warnings'));
}
