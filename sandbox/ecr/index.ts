import { AwsServiceError, type AwsOperationContext, type AwsServiceDefinition } from '../core/contract.js';
import { pageOf } from '../core/pagination.js';
import type { SeededRandom } from '../core/random.js';
import { memoryBackend, upstreamBackend, type ImageBackend, type ImageId } from './image-backends.js';
import { manifestDigest } from './manifests.js';
import type { RegistryStore, Repository, StoredImage } from './registry-store.js';
import type { RegistryUpstream } from './registry-upstream.js';
import { readTagMutability } from './tag-mutability.js';

type Params = Record<string, unknown>;

const TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;

function repositoryView(store: RegistryStore, r: Repository) {
  return {
    repositoryArn: r.arn,
    registryId: store.account,
    repositoryName: r.name,
    repositoryUri: r.uri,
    createdAt: new Date(r.createdAt),
    imageTagMutability: r.imageTagMutability,
    ...(r.imageTagMutabilityExclusionFilters.length > 0
      ? { imageTagMutabilityExclusionFilters: r.imageTagMutabilityExclusionFilters }
      : {}),
    imageScanningConfiguration: { scanOnPush: r.scanOnPush },
    encryptionConfiguration: { encryptionType: 'AES256' },
  };
}

function imageIds(value: unknown): ImageId[] {
  if (!Array.isArray(value)) return [];
  return (value as Params[]).map((id) => ({
    ...(typeof id.imageDigest === 'string' ? { imageDigest: id.imageDigest } : {}),
    ...(typeof id.imageTag === 'string' ? { imageTag: id.imageTag } : {}),
  }));
}

const FAILURE_REASONS = {
  ImageNotFound: 'Requested image not found',
  ImageTagDoesNotMatchDigest: 'Requested image tag does not match the digest',
} as const;

const describeId = (id: ImageId) => `{imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'}`;

const stringList = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.length > 0 ? value.filter((v): v is string => typeof v === 'string') : undefined;

/**
 * ECR over JSON 1.1: login tokens, repositories, and the manifests a test pushed. Images live in
 * memory, or in the real registry behind the proxy endpoint when a test runs one (store.upstream).
 */
export function createEcrService(store: RegistryStore, random: SeededRandom, issuedPasswords: string[]): AwsServiceDefinition {
  const repo = (p: Params) => [store.repositoryArn(String(p.repositoryName ?? ''))];
  // One backend per upstream, so an image's first-seen push time stays put across calls.
  const upstreams = new WeakMap<RegistryUpstream, ImageBackend>();
  const backend = (context: AwsOperationContext): ImageBackend => {
    const upstream = store.upstream;
    if (!upstream) return memoryBackend(store, () => context.clock.now());
    const known = upstreams.get(upstream) ?? upstreamBackend(store, upstream, () => context.clock.now());
    upstreams.set(upstream, known);
    return known;
  };
  const imageDetail = (r: Repository, image: StoredImage) => ({
    registryId: store.account,
    repositoryName: r.name,
    imageDigest: image.digest,
    ...(image.tags.size > 0 ? { imageTags: [...image.tags] } : {}),
    imageSizeInBytes: image.sizeInBytes,
    imagePushedAt: new Date(image.pushedAt),
    imageManifestMediaType: image.mediaType,
    ...(image.artifactMediaType ? { artifactMediaType: image.artifactMediaType } : {}),
  });
  return {
    envName: 'ECR',
    iamPrefix: 'ecr',
    protocol: 'json1.1',
    targetPrefix: 'AmazonEC2ContainerRegistry_V20150921',
    permissions: {
      GetAuthorizationToken: () => [{ action: 'ecr:GetAuthorizationToken', resources: ['*'] }],
      DescribeRepositories: (p) => [
        {
          action: 'ecr:DescribeRepositories',
          resources: Array.isArray(p.repositoryNames)
            ? p.repositoryNames.map((n) => store.repositoryArn(String(n)))
            : [store.repositoryArn('*')],
        },
      ],
      CreateRepository: (p) => [{ action: 'ecr:CreateRepository', resources: repo(p) }],
      PutImageTagMutability: (p) => [{ action: 'ecr:PutImageTagMutability', resources: repo(p) }],
      DescribeImages: (p) => [{ action: 'ecr:DescribeImages', resources: repo(p) }],
      BatchGetImage: (p) => [{ action: 'ecr:BatchGetImage', resources: repo(p) }],
      PutImage: (p) => [{ action: 'ecr:PutImage', resources: repo(p) }],
    },
    operations: {
      GetAuthorizationToken(_params: Params, context: AwsOperationContext) {
        // A fixed password lets `docker login` pass a real registry's htpasswd; otherwise a fresh one, as ECR does.
        const password = store.fixedPassword ?? `eyJ${random.alphanumeric(120)}`;
        if (!issuedPasswords.includes(password)) issuedPasswords.push(password);
        return {
          authorizationData: [
            {
              authorizationToken: Buffer.from(`AWS:${password}`).toString('base64'),
              expiresAt: new Date(context.clock.now() + TOKEN_LIFETIME_MS),
              proxyEndpoint: store.proxyEndpoint,
            },
          ],
        };
      },
      DescribeRepositories(params: Params) {
        const names = Array.isArray(params.repositoryNames) ? params.repositoryNames.map(String) : undefined;
        if (names && (params.nextToken !== undefined || params.maxResults !== undefined))
          throw new AwsServiceError('InvalidParameterException', 'nextToken and maxResults cannot be used together with repositoryNames.');
        const repositories = names ? names.map((n) => store.get(n)) : [...store.repositories.values()];
        // ECR pages: maxResults 1–1000, default 100.
        const page = pageOf(repositories, {
          token: params.nextToken,
          size: params.maxResults,
          sizeName: 'maxResults',
          tokenName: 'nextToken',
          defaultSize: 100,
          maxSize: 1000,
        });
        return { repositories: page.items.map((r) => repositoryView(store, r)), nextToken: page.next };
      },
      CreateRepository(params: Params, context: AwsOperationContext) {
        const scanning = (params.imageScanningConfiguration ?? {}) as { scanOnPush?: unknown };
        const options = { ...readTagMutability(params, 'MUTABLE'), scanOnPush: scanning.scanOnPush === true };
        return { repository: repositoryView(store, store.create(String(params.repositoryName ?? ''), options, context.clock.now())) };
      },
      PutImageTagMutability(params: Params) {
        const repository = store.get(String(params.repositoryName ?? ''));
        const setting = readTagMutability(params, undefined);
        Object.assign(repository, setting);
        return {
          registryId: store.account,
          repositoryName: repository.name,
          imageTagMutability: setting.imageTagMutability,
          ...(setting.imageTagMutabilityExclusionFilters.length > 0
            ? { imageTagMutabilityExclusionFilters: setting.imageTagMutabilityExclusionFilters }
            : {}),
        };
      },
      async DescribeImages(params: Params, context: AwsOperationContext) {
        const repository = store.get(String(params.repositoryName ?? ''));
        const images = backend(context);
        const ids = imageIds(params.imageIds);
        const found: StoredImage[] = [];
        for (const id of ids) {
          const lookup = await images.find(repository, id);
          if (!('image' in lookup))
            throw new AwsServiceError(
              'ImageNotFoundException',
              `The image with imageId ${describeId(id)} does not exist within the repository with name '${repository.name}' in the registry with id '${store.account}'`,
            );
          found.push(lookup.image);
        }
        const all = ids.length > 0 ? found : await images.list(repository);
        const tagStatus = ((params.filter ?? {}) as { tagStatus?: unknown }).tagStatus;
        const filtered = all.filter((i) => tagStatus === undefined || tagStatus === 'ANY' || (tagStatus === 'TAGGED') === i.tags.size > 0);
        return { imageDetails: filtered.map((i) => imageDetail(repository, i)) };
      },
      async BatchGetImage(params: Params, context: AwsOperationContext) {
        const repository = store.get(String(params.repositoryName ?? ''));
        const accept = stringList(params.acceptedMediaTypes);
        const images: unknown[] = [];
        const failures: unknown[] = [];
        for (const id of imageIds(params.imageIds)) {
          const lookup = await backend(context).find(repository, id, accept);
          if (!('image' in lookup)) {
            failures.push({ imageId: id, failureCode: lookup.failure, failureReason: FAILURE_REASONS[lookup.failure] });
            continue;
          }
          const image = lookup.image;
          images.push({
            registryId: store.account,
            repositoryName: repository.name,
            imageId: { imageDigest: image.digest, ...(id.imageTag ? { imageTag: id.imageTag } : {}) },
            imageManifest: image.manifest,
            imageManifestMediaType: image.mediaType,
          });
        }
        return { images, failures };
      },
      async PutImage(params: Params, context: AwsOperationContext) {
        const repository = store.get(String(params.repositoryName ?? ''));
        const manifest = String(params.imageManifest ?? '');
        if (typeof params.imageDigest === 'string' && params.imageDigest !== manifestDigest(manifest))
          throw new AwsServiceError(
            'ImageDigestDoesNotMatchException',
            `The specified image digest '${params.imageDigest}' does not match the digest ECR calculated for the image '${manifestDigest(manifest)}'.`,
          );
        const image = await backend(context).put(repository, manifest, {
          ...(typeof params.imageTag === 'string' ? { tag: params.imageTag } : {}),
          ...(typeof params.imageManifestMediaType === 'string' ? { mediaType: params.imageManifestMediaType } : {}),
        });
        return {
          image: {
            registryId: store.account,
            repositoryName: repository.name,
            imageId: { imageDigest: image.digest, ...(typeof params.imageTag === 'string' ? { imageTag: params.imageTag } : {}) },
            imageManifest: image.manifest,
            imageManifestMediaType: image.mediaType,
          },
        };
      },
    },
  };
}
