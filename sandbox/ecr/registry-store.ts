import { AwsServiceError } from '../core/contract.js';
import { imageFacts, manifestDigest, manifestMediaType, safeJson } from './manifests.js';
import type { RegistryUpstream } from './registry-upstream.js';
import { tagIsImmutable, type TagMutabilitySetting } from './tag-mutability.js';

export interface Repository extends TagMutabilitySetting {
  name: string;
  arn: string;
  uri: string;
  createdAt: number;
  scanOnPush: boolean;
  images: Map<string, StoredImage>;
}

export interface StoredImage {
  digest: string;
  manifest: string;
  mediaType: string;
  artifactMediaType?: string;
  pushedAt: number;
  tags: Set<string>;
  sizeInBytes: number;
}

const NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** ECR repositories and the manifests pushed to them (by a test's registry or the admin API). */
export class RegistryStore {
  readonly repositories = new Map<string, Repository>();
  /** Where `docker login` should go; a test points it at its own registry. */
  proxyEndpoint: string;
  readonly registryHost: string;
  /** The registry at proxyEndpoint, when a test runs one: image operations then read and write through to it. */
  upstream: RegistryUpstream | undefined;
  /** The password every GetAuthorizationToken hands out, when a test needs it to match a real registry's htpasswd. */
  fixedPassword: string | undefined;

  constructor(
    private readonly region: string,
    readonly account: string,
  ) {
    this.registryHost = `${account}.dkr.ecr.${region}.amazonaws.com`;
    this.proxyEndpoint = `https://${this.registryHost}`;
    this.upstream = undefined;
    this.fixedPassword = undefined;
  }

  repositoryArn(name: string): string {
    return `arn:aws:ecr:${this.region}:${this.account}:repository/${name}`;
  }

  create(name: string, options: Partial<TagMutabilitySetting> & { scanOnPush?: boolean }, now: number): Repository {
    if (name.length < 2 || name.length > 256 || !NAME.test(name)) {
      throw new AwsServiceError(
        'InvalidParameterException',
        `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '${NAME.source}''`,
      );
    }
    if (this.repositories.has(name)) {
      throw new AwsServiceError(
        'RepositoryAlreadyExistsException',
        `The repository with name '${name}' already exists in the registry with id '${this.account}'`,
      );
    }
    const repository: Repository = {
      name,
      arn: this.repositoryArn(name),
      uri: `${this.registryHost}/${name}`,
      createdAt: now,
      imageTagMutability: options.imageTagMutability ?? 'MUTABLE',
      imageTagMutabilityExclusionFilters: options.imageTagMutabilityExclusionFilters ?? [],
      scanOnPush: options.scanOnPush === true,
      images: new Map(),
    };
    this.repositories.set(name, repository);
    return repository;
  }

  get(name: string): Repository {
    const repository = this.repositories.get(name);
    if (!repository)
      throw new AwsServiceError(
        'RepositoryNotFoundException',
        `The repository with name '${name}' does not exist in the registry with id '${this.account}'`,
      );
    return repository;
  }

  /** Stores a manifest (an image, an index or an attestation) and moves `tag` to it, unless the tag is immutable (tag-mutability.ts). */
  put(repositoryName: string, manifest: string, now: number, options: { tag?: string; mediaType?: string } = {}): StoredImage {
    const repository = this.get(repositoryName);
    const digest = manifestDigest(manifest);
    const parsed = safeJson(manifest);
    const mediaType = options.mediaType ?? manifestMediaType(parsed);
    const tag = options.tag;
    if (tag) {
      const holder = [...repository.images.values()].find((image) => image.tags.has(tag));
      if (holder) checkTagMove(repository, this.account, tag, holder.digest, digest);
      holder?.tags.delete(tag);
    }
    const image = repository.images.get(digest) ?? {
      digest,
      manifest,
      mediaType,
      ...imageFacts(manifest, parsed),
      pushedAt: now,
      tags: new Set<string>(),
    };
    if (tag) image.tags.add(tag);
    repository.images.set(digest, image);
    return image;
  }

  find(repository: Repository, id: { imageDigest?: string; imageTag?: string }): StoredImage | undefined {
    return [...repository.images.values()].find(
      (image) =>
        (id.imageDigest === undefined || image.digest === id.imageDigest) && (id.imageTag === undefined || image.tags.has(id.imageTag)),
    );
  }

  /** The digest this registry holds for `ACCOUNT.dkr.ecr.REGION.amazonaws.com/repo:tag`, for ECS's service revisions. */
  digestOf(image: string): string | undefined {
    if (!image.startsWith(`${this.registryHost}/`)) return undefined;
    const rest = image.slice(this.registryHost.length + 1);
    const [name = '', tag = 'latest'] = rest.includes('@') ? [rest.split('@')[0]] : rest.split(':');
    const repository = this.repositories.get(name);
    if (!repository || rest.includes('@')) return undefined;
    return this.find(repository, { imageTag: tag })?.digest;
  }
}

/** What PutImage does when `tag` already points at `current` and `incoming` would take it: ECR's own refusals. */
export function checkTagMove(repository: Repository, account: string, tag: string, current: string, incoming: string): void {
  if (current === incoming) {
    throw new AwsServiceError(
      'ImageAlreadyExistsException',
      `Image with digest '${incoming}' and tag '${tag}' already exists in the repository with name '${repository.name}' in registry with id '${account}'`,
    );
  }
  if (tagIsImmutable(repository, tag)) {
    throw new AwsServiceError(
      'ImageTagAlreadyExistsException',
      `The image tag '${tag}' already exists in the '${repository.name}' repository and cannot be overwritten because the tag is immutable.`,
    );
  }
}
