import { imageFacts, manifestDigest, manifestMediaType, safeJson } from './manifests.js';
import { checkTagMove } from './registry-store.js';
import type { RegistryStore, Repository, StoredImage } from './registry-store.js';
import { MANIFEST_MEDIA_TYPES, type RegistryUpstream, type UpstreamManifest } from './registry-upstream.js';

export type ImageId = { imageDigest?: string; imageTag?: string };
/** An image, or the failure code BatchGetImage reports for the id. */
export type ImageLookup = { image: StoredImage } | { failure: 'ImageNotFound' | 'ImageTagDoesNotMatchDigest' };
export interface PutOptions {
  tag?: string;
  mediaType?: string;
}

/**
 * Where ECR's image operations find manifests: the sandbox's own memory (images a test seeded with
 * the admin API), or the real registry behind the proxy endpoint (images `docker push` put there).
 */
export interface ImageBackend {
  find(repository: Repository, id: ImageId, accept?: readonly string[]): Promise<ImageLookup>;
  list(repository: Repository): Promise<StoredImage[]>;
  put(repository: Repository, manifest: string, options: PutOptions): Promise<StoredImage>;
}

export function memoryBackend(store: RegistryStore, now: () => number): ImageBackend {
  return {
    find(repository, id) {
      const image = store.find(repository, id);
      return Promise.resolve(image ? { image } : { failure: 'ImageNotFound' });
    },
    list: (repository) => Promise.resolve([...repository.images.values()]),
    put: (repository, manifest, options) => Promise.resolve(store.put(repository.name, manifest, now(), options)),
  };
}

/**
 * Reads and writes through to the registry. The registry keeps no push times, so an image's
 * `imagePushedAt` is when the sandbox first saw it; IMMUTABLE is enforced here because a plain
 * registry knows nothing of ECR's tag mutability.
 */
export function upstreamBackend(store: RegistryStore, upstream: RegistryUpstream, now: () => number): ImageBackend {
  const firstSeen = new Map<string, number>();
  const stored = (repository: Repository, manifest: UpstreamManifest, tags: Iterable<string>): StoredImage => {
    const key = `${repository.name}@${manifest.digest}`;
    const pushedAt = firstSeen.get(key) ?? now();
    firstSeen.set(key, pushedAt);
    const mediaType = manifest.mediaType || manifestMediaType(safeJson(manifest.body));
    return { digest: manifest.digest, manifest: manifest.body, mediaType, pushedAt, tags: new Set(tags), ...imageFacts(manifest.body) };
  };
  /** tag → digest for every tag of the repository (a HEAD per tag: test repositories hold a handful). */
  const tagMap = async (repository: Repository): Promise<Map<string, string>> => {
    const tags = await upstream.listTags(repository.name);
    const digests = await Promise.all(tags.map((tag) => upstream.headDigest(repository.name, tag)));
    return new Map(tags.flatMap((tag, i) => (digests[i] ? [[tag, digests[i]] as [string, string]] : [])));
  };
  const tagsOf = (tags: Map<string, string>, digest: string) => [...tags].filter(([, d]) => d === digest).map(([tag]) => tag);

  return {
    async find(repository, id, accept = MANIFEST_MEDIA_TYPES) {
      const reference = id.imageTag ?? id.imageDigest;
      if (!reference) return { failure: 'ImageNotFound' };
      const manifest = await upstream.getManifest(repository.name, reference, accept);
      if (!manifest) return { failure: 'ImageNotFound' };
      if (id.imageTag && id.imageDigest && manifest.digest !== id.imageDigest) return { failure: 'ImageTagDoesNotMatchDigest' };
      return { image: stored(repository, manifest, tagsOf(await tagMap(repository), manifest.digest)) };
    },

    /** Tagged manifests and, like ECR, the untagged ones an index refers to (platform images, attestations). */
    async list(repository) {
      const tags = await tagMap(repository);
      const images = new Map<string, StoredImage>();
      const visit = async (digest: string): Promise<void> => {
        if (images.has(digest)) return;
        const manifest = await upstream.getManifest(repository.name, digest);
        if (!manifest) return;
        images.set(digest, stored(repository, manifest, tagsOf(tags, digest)));
        const children = safeJson(manifest.body).manifests;
        if (!Array.isArray(children)) return;
        for (const child of children as { digest?: unknown }[]) if (typeof child.digest === 'string') await visit(child.digest);
      };
      for (const digest of new Set(tags.values())) await visit(digest);
      return [...images.values()];
    },

    async put(repository, manifest, options) {
      const digest = manifestDigest(manifest);
      if (options.tag) {
        const current = await upstream.headDigest(repository.name, options.tag);
        if (current) checkTagMove(repository, store.account, options.tag, current, digest);
      }
      const mediaType = options.mediaType ?? manifestMediaType(safeJson(manifest));
      const reported = await upstream.putManifest(repository.name, options.tag ?? digest, manifest, mediaType);
      return stored(repository, { digest: reported, mediaType, body: manifest }, options.tag ? [options.tag] : []);
    },
  };
}
