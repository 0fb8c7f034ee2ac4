import {
  ShapeError,
  expectArray,
  expectDigest,
  expectObject,
  expectSize,
  expectString,
  isObject,
  optionalString,
  optionalStringMap,
} from './json-shape.js';
import {
  INDEX_MEDIA_TYPES,
  MANIFEST_MEDIA_TYPES,
  type Descriptor,
  type ImageConfigPlatform,
  type ManifestDocument,
  type Platform,
} from './oci-types.js';

/** Checks registry documents (see oci-types.ts for the specs) at the boundary; nothing is cast. */

export function parsePlatform(value: unknown, where: string): Platform {
  const object = expectObject(value, where);
  const variant = optionalString(object.variant, `${where}.variant`);
  const osVersion = optionalString(object['os.version'], `${where}["os.version"]`);
  return {
    architecture: expectString(object.architecture, `${where}.architecture`),
    os: expectString(object.os, `${where}.os`),
    ...(variant ? { variant } : {}),
    ...(osVersion ? { osVersion } : {}),
  };
}

export function parseDescriptor(value: unknown, where: string): Descriptor {
  const object = expectObject(value, where);
  const annotations = optionalStringMap(object.annotations, `${where}.annotations`);
  const artifactType = optionalString(object.artifactType, `${where}.artifactType`);
  return {
    mediaType: expectString(object.mediaType, `${where}.mediaType`),
    digest: expectDigest(object.digest, `${where}.digest`),
    size: expectSize(object.size, `${where}.size`),
    ...(object.platform === undefined ? {} : { platform: parsePlatform(object.platform, `${where}.platform`) }),
    ...(annotations ? { annotations } : {}),
    ...(artifactType ? { artifactType } : {}),
  };
}

export function parseDescriptorList(value: unknown, where: string): Descriptor[] {
  return expectArray(value, where).map((entry, index) => parseDescriptor(entry, `${where}[${index}]`));
}

/**
 * An image index, Docker manifest list or image manifest. `declaredMediaType` is what the registry
 * said in its Content-Type (or ECR in `imageManifestMediaType`): the OCI index may omit `mediaType`
 * in the body, so the declared one is used then, and the two must agree when both are present.
 */
export function parseManifestDocument(value: unknown, where: string, declaredMediaType?: string): ManifestDocument {
  const object = expectObject(value, where);
  if (object.schemaVersion !== 2) {
    throw new ShapeError(
      `${where} has schemaVersion ${String(object.schemaVersion)}; only schema 2 manifests (OCI, Docker v2.2) are supported`,
    );
  }
  const bodyType = optionalString(object.mediaType, `${where}.mediaType`);
  if (bodyType && declaredMediaType && normalizeType(declaredMediaType) !== bodyType) {
    throw new ShapeError(`${where} says mediaType ${bodyType} but was served as ${declaredMediaType}`);
  }
  const mediaType = bodyType ?? (declaredMediaType ? normalizeType(declaredMediaType) : inferType(object));
  if (INDEX_MEDIA_TYPES.includes(mediaType)) {
    return { kind: 'index', mediaType, manifests: parseDescriptorList(object.manifests, `${where}.manifests`) };
  }
  if (MANIFEST_MEDIA_TYPES.includes(mediaType)) {
    const artifactType = optionalString(object.artifactType, `${where}.artifactType`);
    return {
      kind: 'manifest',
      mediaType,
      ...(artifactType ? { artifactType } : {}),
      config: parseDescriptor(object.config, `${where}.config`),
      layers: parseDescriptorList(object.layers, `${where}.layers`),
      ...(object.subject === undefined ? {} : { subject: parseDescriptor(object.subject, `${where}.subject`) }),
    };
  }
  throw new ShapeError(`${where} has media type ${mediaType}, which is neither an image index nor an image manifest`);
}

/** The platform in an image configuration blob (OCI config / Docker container image v1). */
export function parseImageConfigPlatform(value: unknown, where: string): ImageConfigPlatform {
  const object = expectObject(value, where);
  const variant = optionalString(object.variant, `${where}.variant`);
  return {
    architecture: expectString(object.architecture, `${where}.architecture`),
    os: expectString(object.os, `${where}.os`),
    ...(variant ? { variant } : {}),
  };
}

/** Content-Type may carry parameters (`; charset=utf-8`). */
function normalizeType(mediaType: string): string {
  return mediaType.split(';')[0]?.trim() ?? mediaType;
}

/** An OCI index without `mediaType` and without a declared type: tell by its shape. */
function inferType(object: Record<string, unknown>): string {
  if (Array.isArray(object.manifests)) return INDEX_MEDIA_TYPES[0] ?? '';
  if (isObject(object.config)) return MANIFEST_MEDIA_TYPES[0] ?? '';
  throw new ShapeError('the document has neither mediaType, manifests nor config');
}
