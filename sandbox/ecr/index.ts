import { AwsServiceError, type AwsOperationContext, type AwsServiceDefinition } from '../core/contract.js';
import type { SeededRandom } from '../core/random.js';
import type { RegistryStore, Repository, StoredImage } from './registry-store.js';

type Params = Record<string, unknown>;
type ImageId = { imageDigest?: string; imageTag?: string };

const TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;

function repositoryView(store: RegistryStore, r: Repository) {
  return {
    repositoryArn: r.arn,
    registryId: store.account,
    repositoryName: r.name,
    repositoryUri: r.uri,
    createdAt: new Date(r.createdAt),
    imageTagMutability: r.imageTagMutability,
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

const describeId = (id: ImageId) => `{imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'}`;

/** ECR over JSON 1.1: login tokens, repositories, and the manifests a test pushed. */
export function createEcrService(store: RegistryStore, random: SeededRandom, issuedPasswords: string[]): AwsServiceDefinition {
  const repo = (p: Params) => [store.repositoryArn(String(p.repositoryName ?? ''))];
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
        const password = `eyJ${random.alphanumeric(120)}`;
        issuedPasswords.push(password);
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
        const repositories = names ? names.map((n) => store.get(n)) : [...store.repositories.values()];
        return { repositories: repositories.map((r) => repositoryView(store, r)) };
      },
      CreateRepository(params: Params, context: AwsOperationContext) {
        const scanning = (params.imageScanningConfiguration ?? {}) as { scanOnPush?: unknown };
        const options = { imageTagMutability: String(params.imageTagMutability ?? 'MUTABLE'), scanOnPush: scanning.scanOnPush === true };
        return { repository: repositoryView(store, store.create(String(params.repositoryName ?? ''), options, context.clock.now())) };
      },
      PutImageTagMutability(params: Params) {
        const repository = store.get(String(params.repositoryName ?? ''));
        const mutability = String(params.imageTagMutability ?? '');
        if (mutability !== 'MUTABLE' && mutability !== 'IMMUTABLE')
          throw new AwsServiceError(
            'InvalidParameterException',
            `Invalid parameter at 'imageTagMutability' failed to satisfy constraint: 'Member must satisfy enum value set: [MUTABLE, IMMUTABLE]'`,
          );
        repository.imageTagMutability = mutability;
        return { registryId: store.account, repositoryName: repository.name, imageTagMutability: mutability };
      },
      DescribeImages(params: Params) {
        const repository = store.get(String(params.repositoryName ?? ''));
        const ids = imageIds(params.imageIds);
        const images =
          ids.length > 0
            ? ids.map((id) => {
                const image = store.find(repository, id);
                if (!image)
                  throw new AwsServiceError(
                    'ImageNotFoundException',
                    `The image with imageId ${describeId(id)} does not exist within the repository with name '${repository.name}' in the registry with id '${store.account}'`,
                  );
                return image;
              })
            : [...repository.images.values()];
        const tagStatus = ((params.filter ?? {}) as { tagStatus?: unknown }).tagStatus;
        const filtered = images.filter(
          (i) => tagStatus === undefined || tagStatus === 'ANY' || (tagStatus === 'TAGGED') === i.tags.size > 0,
        );
        return { imageDetails: filtered.map((i) => imageDetail(repository, i)) };
      },
      BatchGetImage(params: Params) {
        const repository = store.get(String(params.repositoryName ?? ''));
        const images: unknown[] = [];
        const failures: unknown[] = [];
        for (const id of imageIds(params.imageIds)) {
          const image = store.find(repository, id);
          if (!image) {
            failures.push({ imageId: id, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' });
            continue;
          }
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
      PutImage(params: Params, context: AwsOperationContext) {
        const repository = store.get(String(params.repositoryName ?? ''));
        const image = store.put(repository.name, String(params.imageManifest ?? ''), context.clock.now(), {
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
