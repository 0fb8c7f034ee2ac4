import { InputError } from '../lib/errors.js';
import { TAG_PATTERN } from './image-metadata.js';
import { normalizePlatform } from './platforms.js';

/** Strict checks for the values of single inputs; each failure names the input and the fix. */

/** ECR's repositoryName pattern (also the distribution path-component grammar), 2–256 characters. */
const REPOSITORY_PATTERN = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const ACCOUNT_ID = /^\d{12}$/;
const REGISTRY_HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/;
const BUILD_TARGET = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const SECRET_ID = /^[A-Za-z0-9_.-]+$/;

export function checkRepository(name: string, value: string): string {
  if (/^[a-z0-9.-]+(:\d+)?\//.test(value) && value.split('/')[0]?.includes('.')) {
    throw new InputError(
      name,
      `'${value}' includes a registry host`,
      'Give only the repository name (for example my-service); the registry comes from the login',
    );
  }
  if (value.includes(':') || value.includes('@')) {
    throw new InputError(name, `'${value}' includes a tag or digest`, "Give only the repository name; put tags in 'tags'");
  }
  if (value.length < 2 || value.length > 256 || !REPOSITORY_PATTERN.test(value)) {
    throw new InputError(
      name,
      `'${value}' is not a valid repository name`,
      'Use lower-case letters, digits and . _ - separators, with / between path parts (for example team/my-service)',
    );
  }
  return value;
}

export function checkTag(name: string, value: string): string {
  if (value.includes('/') || value.includes(':')) {
    throw new InputError(
      name,
      `'${value}' looks like a full image reference`,
      "Give tag names only (for example latest); the registry and repository come from 'repository'",
    );
  }
  if (!TAG_PATTERN.test(value)) {
    throw new InputError(name, `'${value}' is not a valid image tag`, 'Tags are 1–128 of A-Z a-z 0-9 _ . - and may not start with . or -');
  }
  return value;
}

export function checkPlatforms(name: string, values: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const platform = normalizePlatform(value);
    if (platform === null) {
      throw new InputError(name, `'${value}' is not a platform`, 'Write os/architecture[/variant], for example linux/amd64,linux/arm64');
    }
    if (seen.has(platform)) throw new InputError(name, `'${value}' is given twice`, 'List each platform once');
    seen.add(platform);
  }
  return [...seen];
}

export function checkAccountIds(name: string, values: readonly string[]): string[] {
  for (const value of values) {
    if (!ACCOUNT_ID.test(value)) {
      throw new InputError(
        name,
        `'${value}' is not an AWS account ID`,
        'Give 12-digit account IDs separated by commas, for example 123456789012,210987654321',
      );
    }
  }
  return [...new Set(values)];
}

export function checkRegistryHost(name: string, value: string): string {
  if (/^[a-z]+:\/\//i.test(value)) {
    throw new InputError(
      name,
      `'${value}' includes a URL scheme`,
      `Give the host only, for example ${value.replace(/^[a-z]+:\/\//i, '').split('/')[0] ?? 'ghcr.io'}`,
    );
  }
  if (!REGISTRY_HOST.test(value)) {
    throw new InputError(
      name,
      `'${value}' is not a registry host`,
      'Give a lower-case host name with an optional port, for example ghcr.io or registry.example.com:5000',
    );
  }
  return value;
}

export function checkTarget(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && !BUILD_TARGET.test(value)) {
    throw new InputError(name, `'${value}' is not a build stage name`, 'Give the name of a stage in the Dockerfile (FROM … AS <name>)');
  }
  return value;
}

export function checkSecretId(name: string, id: string): string {
  if (!SECRET_ID.test(id))
    throw new InputError(name, `secret id '${id}' has characters buildx does not accept`, 'Use letters, digits, _ . -');
  return id;
}

/**
 * A cache import/export as buildx takes it: `type=<exporter>,key=value,…`, or (cache-from only) a
 * bare image reference. Anything with `=` but no `type=` is a typo that buildx would reject late.
 */
export function checkCacheSpec(name: string, value: string): string {
  if (!value.includes('=')) return value;
  const keys = value.split(',').map((pair) => pair.split('=')[0]?.trim() ?? '');
  if (!keys.includes('type') || value.split(',').some((pair) => !pair.includes('='))) {
    throw new InputError(name, `'${value}' is not a cache specification`, 'Write type=registry,ref=<image>[,key=value…] or type=gha,…');
  }
  return value;
}

/** `provenance` as buildx takes it: false (default here), true, or attributes such as mode=max. */
export function checkProvenance(name: string, value: string | undefined): string | false {
  if (value === undefined || ['false', 'False', 'FALSE'].includes(value)) return false;
  if (['true', 'True', 'TRUE'].includes(value)) return 'true';
  if (/^(mode=(min|max))(,[a-z-]+=[^,]+)*$/.test(value)) return value;
  throw new InputError(name, `'${value}' is not a provenance setting`, 'Use false (the default), true, mode=min or mode=max');
}
