import { readFileSync } from 'node:fs';
import { fixturePath } from '../fixture-paths.js';

export function fixture(path: string): unknown {
  return JSON.parse(readFileSync(fixturePath(path), 'utf8'));
}

const looksLikeTime = (value: unknown) => typeof value === 'number' || (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value));

/**
 * Every field the documented example has, the sandbox's parsed response has too, with the same
 * type (timestamps, written as ISO strings or epoch numbers in the docs, arrive as Dates). Returns
 * the mismatching paths.
 */
export function shapeMismatches(actual: unknown, documented: unknown, path = '$', ignore: string[] = []): string[] {
  if (ignore.some((p) => path.endsWith(p))) return [];
  if (actual instanceof Date) return looksLikeTime(documented) ? [] : [`${path}: Date where the docs have ${typeof documented}`];
  if (Array.isArray(documented)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array`];
    const [first] = documented;
    return first === undefined || actual[0] === undefined ? [] : shapeMismatches(actual[0], first, `${path}[0]`, ignore);
  }
  if (documented && typeof documented === 'object') {
    if (!actual || typeof actual !== 'object') return [`${path}: expected an object`];
    return Object.entries(documented).flatMap(([key, value]) =>
      key in actual
        ? shapeMismatches((actual as Record<string, unknown>)[key], value, `${path}.${key}`, ignore)
        : ignore.some((p) => `${path}.${key}`.endsWith(p))
          ? []
          : [`${path}.${key}: missing`],
    );
  }
  if (typeof actual !== typeof documented) return [`${path}: ${typeof actual} where the docs have ${typeof documented}`];
  return [];
}
