import { parseJsonText } from './json-shape.js';
import type { ManifestReader } from './manifest-reader.js';
import { parseManifestDocument } from './oci-parse.js';
import type { ImageManifest, ManifestDocument } from './oci-types.js';
import { comparePlatforms, formatPlatform, splitIndex, type AttestationEntry, type PlatformEntry } from './platforms.js';

/**
 * Proves what landed in the registry: the manifest behind the pushed digest (or tag) is read back,
 * and every requested platform must have an image of its own, itself present in the registry.
 * Attestation manifests are listed apart and can never be the image.
 */

export interface VerifiedImage {
  digest: string;
  mediaType: string;
  kind: 'index' | 'manifest';
  images: PlatformEntry[];
  attestations: AttestationEntry[];
  /** Platforms in the image that were not asked for (not an error: reported). */
  unexpected: string[];
}

export class VerificationError extends Error {
  override readonly name = 'VerificationError';
}

const ATTESTATION_ARTIFACT = 'application/vnd.docker.attestation.manifest.v1+json';

/** Undefined when the registry has nothing under `reference`. */
export async function verifyImage(
  reader: ManifestReader,
  repository: string,
  reference: string,
  platforms: readonly string[],
): Promise<VerifiedImage | undefined> {
  const fetched = await reader.manifest(repository, reference);
  if (!fetched) return undefined;
  const document = parse(fetched.body, `the manifest of ${repository}@${fetched.digest} (${reader.source})`, fetched.mediaType);
  let images: PlatformEntry[];
  let attestations: AttestationEntry[] = [];
  if (document.kind === 'index') {
    ({ images, attestations } = splitIndex(document));
    if (images.length === 0)
      throw new VerificationError(`${repository}@${fetched.digest} is an index that holds only attestations, no image`);
    for (const image of images.filter((entry) => platforms.includes(entry.platform))) await checkChild(reader, repository, image);
  } else {
    assertImage(document, `${repository}@${fetched.digest}`);
    const platform = await reader.configPlatform(repository, document.config.digest);
    images = [{ platform: formatPlatform(platform), digest: fetched.digest, mediaType: document.mediaType }];
  }
  const { missing, unexpected } = comparePlatforms(
    platforms,
    images.map((image) => image.platform),
  );
  if (missing.length > 0) {
    throw new VerificationError(
      `${repository}@${fetched.digest} has no image for ${missing.join(', ')} (it holds ${images.map((image) => image.platform).join(', ')}): the build did not produce every requested platform`,
    );
  }
  return { digest: fetched.digest, mediaType: document.mediaType, kind: document.kind, images, attestations, unexpected };
}

/** Each platform's own manifest must be in the registry and be an image, not an attestation. */
async function checkChild(reader: ManifestReader, repository: string, image: PlatformEntry): Promise<void> {
  const child = await reader.manifest(repository, image.digest);
  if (!child)
    throw new VerificationError(
      `the ${image.platform} image ${repository}@${image.digest} is listed in the index but missing from the registry`,
    );
  const document = parse(child.body, `the ${image.platform} manifest ${repository}@${image.digest}`, child.mediaType);
  if (document.kind !== 'manifest')
    throw new VerificationError(`the ${image.platform} entry ${repository}@${image.digest} is a nested index, not an image`);
  assertImage(document, `${repository}@${image.digest}`);
  // The index entry's platform is only a claim; the image's own config says what it really is.
  const actual = formatPlatform(await reader.configPlatform(repository, document.config.digest));
  if (actual !== image.platform) {
    throw new VerificationError(`the index lists ${repository}@${image.digest} as ${image.platform}, but its config says ${actual}`);
  }
}

function assertImage(manifest: ImageManifest, where: string): void {
  if (manifest.artifactType === ATTESTATION_ARTIFACT || manifest.subject !== undefined) {
    throw new VerificationError(`${where} is an attestation manifest, not an image: it must never be deployed`);
  }
}

function parse(body: string, where: string, mediaType: string): ManifestDocument {
  return parseManifestDocument(parseJsonText(body, where), where, mediaType || undefined);
}
