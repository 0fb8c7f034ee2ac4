import { PutImageCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { awsCall } from '../lib/aws-call.js';
import type { ManifestReader } from './manifest-reader.js';
import { isTagImmutable, type RepositoryState } from './repository.js';

/**
 * On an IMMUTABLE re-run nothing is built, yet the run may bring tags the first run did not have
 * (a git tag pushed onto an already-built commit). Those tags are added to the existing image with
 * ECR PutImage and the very same manifest bytes, so its digest cannot change:
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-retag.html
 */
export async function addMissingTags(
  ecr: Pick<ECRClient, 'send'>,
  reader: ManifestReader,
  repository: RepositoryState,
  registryId: string | undefined,
  digest: string,
  tags: readonly string[],
  log: (line: string) => void,
): Promise<string[]> {
  const source = await reader.manifest(repository.name, digest);
  if (!source) throw new Error(`${repository.name}@${digest} disappeared while adding tags`);
  const added: string[] = [];
  for (const tag of tags) {
    const current = await reader.manifest(repository.name, tag);
    if (current?.digest === digest) continue;
    if (current && isTagImmutable(repository, tag)) {
      throw new Error(
        `tag '${tag}' of ${repository.name} already points at ${current.digest}, not at ${digest}, and cannot be moved (the tag is immutable): choose another tag`,
      );
    }
    await awsCall(
      {},
      `tag ${repository.name}@${digest} as ${tag} in ECR`,
      'ecr:PutImage',
      () =>
        ecr.send(
          new PutImageCommand({
            repositoryName: repository.name,
            ...(registryId ? { registryId } : {}),
            imageManifest: source.body,
            ...(source.mediaType ? { imageManifestMediaType: source.mediaType } : {}),
            imageTag: tag,
            imageDigest: digest,
          }),
        ),
      { resource: `the repository ${repository.name}` },
    );
    log(`Tagged the existing image ${repository.name}@${digest} as ${tag}`);
    added.push(tag);
  }
  return added;
}
