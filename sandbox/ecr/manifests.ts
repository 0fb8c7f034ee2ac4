/** Pure facts about image manifests, shared by the store, the upstream reader, the backends and the ECR handlers. */
import { createHash } from 'node:crypto';

/** The content digest a registry gives a manifest: sha256 of its exact bytes. */
export function manifestDigest(manifest: string | Buffer): string {
  return `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
}

/** A manifest's own mediaType field, or Docker's schema 2 (which older manifests leave implicit). */
export function manifestMediaType(parsed: Record<string, unknown>): string {
  return typeof parsed.mediaType === 'string' ? parsed.mediaType : 'application/vnd.docker.distribution.manifest.v2+json';
}

/** What DescribeImages says about a manifest beyond its digest: size (its layers) and artifact type. */
export function imageFacts(manifest: string, parsed = safeJson(manifest)): { sizeInBytes: number; artifactMediaType?: string } {
  return {
    sizeInBytes: layerBytes(parsed) || Buffer.byteLength(manifest),
    ...(typeof parsed.artifactType === 'string' ? { artifactMediaType: parsed.artifactType } : {}),
  };
}

export function safeJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function layerBytes(manifest: Record<string, unknown>): number {
  const layers = Array.isArray(manifest.layers) ? (manifest.layers as { size?: unknown }[]) : [];
  return layers.reduce((sum, layer) => sum + (typeof layer.size === 'number' ? layer.size : 0), 0);
}
