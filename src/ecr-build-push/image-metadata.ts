/**
 * What the image is named and labelled with, from the commit being built: the default tags (the
 * commit SHA, and the git tag on tag pushes) and the OCI annotation keys as image labels
 * (https://github.com/opencontainers/image-spec/blob/main/annotations.md#pre-defined-annotation-keys).
 */

export interface GitContext {
  sha: string;
  ref: string;
  /** `owner/name` */
  repository: string;
  serverUrl: string;
}

/** Docker tag grammar: https://distribution.github.io/distribution/spec/api/ (tag pattern). */
export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

const TAG_REF_PREFIX = 'refs/tags/';

/** The git tag of a tag push made into a valid image tag (`release/1.2` → `release-1.2`), or undefined. */
export function gitTagAsImageTag(ref: string): string | undefined {
  if (!ref.startsWith(TAG_REF_PREFIX)) return undefined;
  const cleaned = ref
    .slice(TAG_REF_PREFIX.length)
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
  return TAG_PATTERN.test(cleaned) ? cleaned : undefined;
}

/**
 * The tags every build gets: the full commit SHA first — it is the tag an IMMUTABLE re-run looks
 * for — then the git tag on tag pushes.
 */
export function defaultTags(git: GitContext): string[] {
  const tags = [git.sha];
  const gitTag = gitTagAsImageTag(git.ref);
  if (gitTag) tags.push(gitTag);
  return tags;
}

/** Given tags after the defaults, without duplicates, in a stable order. */
export function mergeTags(defaults: readonly string[], given: readonly string[]): string[] {
  return [...new Set([...defaults, ...given])];
}

export interface Label {
  key: string;
  value: string;
}

/**
 * OCI labels from the repository and commit; the user's `labels` win on the same key. There is no
 * `created` label on purpose: it would make every rebuild of the same commit a different image
 * config, hence a different digest, and defeat the IMMUTABLE re-run check and the cache.
 */
export function ociLabels(git: GitContext, given: readonly Label[]): Label[] {
  const repositoryName = git.repository.split('/').pop() ?? git.repository;
  const defaults: Label[] = [
    { key: 'org.opencontainers.image.source', value: `${git.serverUrl.replace(/\/+$/, '')}/${git.repository}` },
    { key: 'org.opencontainers.image.revision', value: git.sha },
    { key: 'org.opencontainers.image.title', value: repositoryName },
  ];
  const gitTag = gitTagAsImageTag(git.ref);
  if (gitTag) defaults.push({ key: 'org.opencontainers.image.version', value: gitTag });
  const overridden = new Set(given.map((label) => label.key));
  return [...defaults.filter((label) => !overridden.has(label.key)), ...given];
}
