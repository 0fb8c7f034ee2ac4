import {
  ATTESTATION_REFERENCE_TYPE,
  REFERENCE_DIGEST_ANNOTATION,
  REFERENCE_TYPE_ANNOTATION,
  type Descriptor,
  type ImageIndex,
  type Platform,
} from './oci-types.js';

/**
 * Platform strings (`os/arch[/variant]`) as buildx takes them, compared the way containerd's
 * platform matcher normalises them, so `linux/arm64` matches an index entry `arm64` + `v8`, and
 * `linux/arm` matches `arm` + `v7`. https://github.com/containerd/platforms
 */

const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm' };
const PLATFORM_PART = /^[a-z0-9_.-]+$/;

/** `linux/arm64/v8` → `linux/arm64`; `linux/arm` → `linux/arm/v7`; null when not a platform string. */
export function normalizePlatform(text: string): string | null {
  const parts = text.trim().toLowerCase().split('/');
  if (parts.length < 2 || parts.length > 3 || !parts.every((part) => PLATFORM_PART.test(part))) return null;
  const [os = '', rawArch = '', rawVariant] = parts;
  return formatPlatform({ os, architecture: rawArch, ...(rawVariant ? { variant: rawVariant } : {}) });
}

export function formatPlatform(platform: Pick<Platform, 'os' | 'architecture' | 'variant'>): string {
  const architecture = ARCH_ALIASES[platform.architecture] ?? platform.architecture;
  let variant = platform.variant;
  if (architecture === 'arm64' && variant === 'v8') variant = undefined;
  if (architecture === 'arm' && !variant) variant = 'v7';
  return [platform.os, architecture, ...(variant ? [variant] : [])].join('/');
}

export function isAttestation(descriptor: Descriptor): boolean {
  if (descriptor.annotations?.[REFERENCE_TYPE_ANNOTATION] === ATTESTATION_REFERENCE_TYPE) return true;
  return descriptor.platform?.os === 'unknown' && descriptor.platform.architecture === 'unknown';
}

export interface PlatformEntry {
  platform: string;
  digest: string;
  mediaType: string;
}

export interface AttestationEntry {
  digest: string;
  /** The image manifest the attestation is about, when BuildKit says so. */
  describes?: string;
}

export interface IndexContents {
  images: PlatformEntry[];
  attestations: AttestationEntry[];
}

/** Splits an index into runnable images and attestations; attestations are never images. */
export function splitIndex(index: ImageIndex): IndexContents {
  const images: PlatformEntry[] = [];
  const attestations: AttestationEntry[] = [];
  for (const entry of index.manifests) {
    if (isAttestation(entry)) {
      const describes = entry.annotations?.[REFERENCE_DIGEST_ANNOTATION];
      attestations.push({ digest: entry.digest, ...(describes ? { describes } : {}) });
    } else if (entry.platform) {
      images.push({ platform: formatPlatform(entry.platform), digest: entry.digest, mediaType: entry.mediaType });
    } else {
      // An index entry without a platform cannot be chosen by ECS or docker pull; call it what it is.
      images.push({ platform: 'unspecified', digest: entry.digest, mediaType: entry.mediaType });
    }
  }
  return { images, attestations };
}

export interface PlatformCheck {
  missing: string[];
  unexpected: string[];
}

/** Which requested platforms have no image, and which images nobody asked for. */
export function comparePlatforms(requested: readonly string[], landed: readonly string[]): PlatformCheck {
  const want = new Set(requested.map((platform) => normalizePlatform(platform) ?? platform));
  const have = new Set(landed.map((platform) => normalizePlatform(platform) ?? platform));
  return {
    missing: [...want].filter((platform) => !have.has(platform)),
    unexpected: [...have].filter((platform) => !want.has(platform)),
  };
}
