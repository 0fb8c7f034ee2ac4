import { BatchGetImageCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { awsCall } from '../lib/aws-call.js';
import { isDigest, parseJsonText } from './json-shape.js';
import { parseImageConfigPlatform } from './oci-parse.js';
import { ACCEPTED_MANIFEST_TYPES, type ImageConfigPlatform } from './oci-types.js';
import type { FetchedManifest, RegistryApi } from './registry-api.js';

/**
 * Reads what the registry really holds, by tag or digest. ECR is asked through its own API
 * (BatchGetImage: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_BatchGetImage.html),
 * other registries through the registry HTTP API. A config blob (needed to tell the platform of a
 * single-platform manifest) is only served by the registry HTTP API, on ECR too.
 */
export interface ManifestReader {
  /** Named in log lines: where the answer came from. */
  source: string;
  manifest(repository: string, reference: string): Promise<FetchedManifest | undefined>;
  configPlatform(repository: string, configDigest: string): Promise<ImageConfigPlatform>;
}

export function registryManifestReader(api: RegistryApi, host: string): ManifestReader {
  return {
    source: `registry API of ${host}`,
    manifest: (repository, reference) => api.getManifest(repository, reference),
    configPlatform: (repository, digest) => readConfigPlatform(api, repository, digest),
  };
}

export function ecrManifestReader(ecr: Pick<ECRClient, 'send'>, registryId: string | undefined, api: RegistryApi): ManifestReader {
  return {
    source: 'ECR BatchGetImage',
    async manifest(repository, reference) {
      const imageId = isDigest(reference) ? { imageDigest: reference } : { imageTag: reference };
      const response = await awsCall(
        {},
        `read the manifest of ${repository}:${reference} from ECR`,
        'ecr:BatchGetImage',
        () =>
          ecr.send(
            new BatchGetImageCommand({
              repositoryName: repository,
              ...(registryId ? { registryId } : {}),
              imageIds: [imageId],
              acceptedMediaTypes: [...ACCEPTED_MANIFEST_TYPES],
            }),
          ),
        { resource: `the repository ${repository}` },
      );
      const image = response.images?.[0];
      if (!image) {
        const failure = response.failures?.[0];
        if (!failure || failure.failureCode === 'ImageNotFound' || failure.failureCode === 'ImageTagDoesNotMatchDigest') return undefined;
        throw new Error(
          `ECR BatchGetImage ${repository}:${reference}: ${failure.failureCode ?? 'failure'} ${failure.failureReason ?? ''}`.trim(),
        );
      }
      const digest = image.imageId?.imageDigest;
      if (!isDigest(digest) || !image.imageManifest) {
        throw new Error(`ECR BatchGetImage ${repository}:${reference} returned an image without a digest or manifest`);
      }
      if (isDigest(reference) && digest !== reference) {
        throw new Error(`ECR BatchGetImage returned ${digest} when asked for ${reference}`);
      }
      return { digest, mediaType: image.imageManifestMediaType ?? '', body: image.imageManifest };
    },
    configPlatform: (repository, digest) => readConfigPlatform(api, repository, digest),
  };
}

async function readConfigPlatform(api: RegistryApi, repository: string, digest: string): Promise<ImageConfigPlatform> {
  const bytes = await api.getBlob(repository, digest);
  const where = `image config ${digest}`;
  return parseImageConfigPlatform(parseJsonText(bytes.toString('utf8'), where), where);
}
