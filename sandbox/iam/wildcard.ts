/**
 * IAM's wildcard matching: `*` matches any run of characters (including none and including `:`
 * and `/`), `?` matches exactly one. Actions compare case-insensitively, resources
 * case-sensitively, as IAM does.
 */

const cache = new Map<string, RegExp>();

function toRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? 'i' : 's'}:${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let source = '';
  for (const char of pattern) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // `s` so that `*` also crosses newlines: resource names never hold them, but a pattern must not
  // silently fail on odd input.
  const compiled = new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
  cache.set(key, compiled);
  return compiled;
}

export function matchesAction(pattern: string, action: string): boolean {
  return toRegExp(pattern, true).test(action);
}

export function matchesResource(pattern: string, resource: string): boolean {
  return toRegExp(pattern, false).test(resource);
}

/** Trust-policy conditions (StringLike on `sub`) are case-sensitive like resources. */
export const matchesStringLike = matchesResource;
