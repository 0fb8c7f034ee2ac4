import type { KeyValue } from '../lib/inputs.js';
import type { Label } from './image-metadata.js';

/**
 * The `docker buildx build` argument list, as a pure function of a plan, so every combination of
 * inputs can be checked against a golden list. Flags: https://docs.docker.com/reference/cli/docker/buildx/build/
 */

export interface BuildPlan {
  /** `<host>/<repository>`, without a tag. */
  imageName: string;
  tags: string[];
  platforms: string[];
  labels: Label[];
  buildArgs: KeyValue[];
  /** Secret files written for this build; only their paths reach the command line. */
  secretFiles: { id: string; path: string }[];
  cacheFrom: string[];
  cacheTo: string[];
  noCache: boolean;
  pull: boolean;
  provenance: string | false;
  sbom: boolean;
  metadataFile: string;
  builder?: string;
  file?: string;
  target?: string;
  context: string;
}

export function buildxBuildArgs(plan: BuildPlan): string[] {
  const args = ['buildx', 'build'];
  if (plan.builder) args.push('--builder', plan.builder);
  if (plan.file) args.push('--file', plan.file);
  if (plan.target) args.push('--target', plan.target);
  args.push('--platform', plan.platforms.join(','));
  for (const tag of plan.tags) args.push('--tag', `${plan.imageName}:${tag}`);
  for (const label of plan.labels) args.push('--label', `${label.key}=${label.value}`);
  for (const arg of plan.buildArgs) args.push('--build-arg', `${arg.key}=${arg.value}`);
  for (const secret of plan.secretFiles) args.push('--secret', `id=${secret.id},src=${secret.path}`);
  for (const spec of plan.cacheFrom) args.push('--cache-from', spec);
  for (const spec of plan.cacheTo) args.push('--cache-to', spec);
  if (plan.noCache) args.push('--no-cache');
  if (plan.pull) args.push('--pull');
  // Always explicit: buildx's own defaults add attestations that turn a push into an index with
  // unknown/unknown entries, and its defaults have changed between versions.
  args.push('--provenance', plan.provenance === false ? 'false' : plan.provenance);
  args.push('--sbom', String(plan.sbom));
  args.push('--metadata-file', plan.metadataFile);
  args.push('--push');
  args.push(plan.context);
  return args;
}

export interface CacheChoice {
  cacheFrom: string[];
  cacheTo: string[];
  /** Why the default was changed, for the log; undefined when nothing needs saying. */
  note?: string;
  /** What the summary calls the cache. */
  description: string;
}

export const CACHE_TAG = 'buildcache';

/**
 * The cache to use. Explicit `cache-from`/`cache-to` win. Otherwise, with the registry cache on,
 * the cache lives in the image's own repository under the `buildcache` tag; `image-manifest=true`
 * and `oci-mediatypes=true` are what ECR needs to store a cache manifest. An IMMUTABLE repository
 * cannot overwrite that tag, so there the cache is only read.
 */
export function chooseCache(options: {
  imageName: string;
  cacheFrom: string[];
  cacheTo: string[];
  registryCache: boolean;
  immutable: boolean;
}): CacheChoice {
  const { imageName, cacheFrom, cacheTo, registryCache, immutable } = options;
  if (cacheFrom.length > 0 || cacheTo.length > 0) {
    return { cacheFrom, cacheTo, description: 'as given in cache-from/cache-to' };
  }
  if (!registryCache) return { cacheFrom: [], cacheTo: [], description: 'none' };
  const ref = `${imageName}:${CACHE_TAG}`;
  const from = [`type=registry,ref=${ref}`];
  if (immutable) {
    return {
      cacheFrom: from,
      cacheTo: [],
      description: `read from ${ref}`,
      note: `The repository is IMMUTABLE, so the cache tag '${CACHE_TAG}' cannot be overwritten: the cache is read but not written. Set cache-to to a mutable repository to keep it fresh.`,
    };
  }
  return {
    cacheFrom: from,
    cacheTo: [`type=registry,ref=${ref},mode=max,image-manifest=true,oci-mediatypes=true`],
    description: `registry cache ${ref}`,
  };
}
