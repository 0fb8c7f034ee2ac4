/**
 * Small checks for JSON that comes from outside (buildx metadata files, registry manifests, ECR
 * answers). Each failure names where the value came from and the path inside it, so that a bad
 * document is reported as such instead of surfacing later as `undefined` somewhere else.
 */

export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectObject(value: unknown, where: string): JsonObject {
  if (!isObject(value)) throw new ShapeError(`${where} is not a JSON object`);
  return value;
}

export function expectArray(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new ShapeError(`${where} is not a JSON array`);
  return value;
}

export function expectString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') throw new ShapeError(`${where} is not a non-empty string`);
  return value;
}

export function optionalString(value: unknown, where: string): string | undefined {
  return value === undefined ? undefined : expectString(value, where);
}

export function expectSize(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new ShapeError(`${where} is not a size in bytes`);
  return value;
}

/** String-to-string maps: OCI annotations and labels. */
export function optionalStringMap(value: unknown, where: string): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  const object = expectObject(value, where);
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(object)) {
    if (typeof entry !== 'string') throw new ShapeError(`${where}.${key} is not a string`);
    result[key] = entry;
  }
  return result;
}

/**
 * Content digests as the OCI image spec defines them (`algorithm:encoded`); only the registered
 * algorithms are accepted, with their exact lengths, so a truncated digest never passes.
 * https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests
 */
const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

export function isDigest(value: unknown): value is string {
  return typeof value === 'string' && DIGEST.test(value);
}

export function expectDigest(value: unknown, where: string): string {
  if (!isDigest(value)) throw new ShapeError(`${where} is not a sha256/sha512 digest (got ${describe(value)})`);
  return value;
}

/** Parses JSON text, saying where it came from when it is not JSON. */
export function parseJsonText(text: string, where: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error: unknown) {
    throw new ShapeError(`${where} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 80 ? `${value.slice(0, 80)}…` : value}'`;
  return value === undefined ? 'nothing' : typeof value;
}
