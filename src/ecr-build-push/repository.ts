import {
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  PutLifecyclePolicyCommand,
  type ECRClient,
  type Repository,
} from '@aws-sdk/client-ecr';
import { NotFoundError, withContext } from '../lib/errors.js';

/**
 * The ECR repository is checked before anything is built, so a missing repository fails in
 * seconds with its exact name and the fix instead of after a long build at push time.
 */

export interface RepositoryRequest {
  name: string;
  /** The account that owns it; undefined means the caller's own. */
  registryId?: string;
  create: boolean;
  mutability: 'MUTABLE' | 'IMMUTABLE';
  lifecyclePolicy?: string;
}

export interface RepositoryState {
  name: string;
  uri?: string;
  created: boolean;
  mutability: string;
  /** Wildcard filters of tags exempt from the mutability setting (ECR `…_WITH_EXCLUSION`). */
  exclusions: string[];
}

export async function ensureRepository(
  ecr: Pick<ECRClient, 'send'>,
  request: RepositoryRequest,
  log: (line: string) => void,
): Promise<RepositoryState> {
  const where = `${request.name}${request.registryId ? ` in account ${request.registryId}` : ''}`;
  try {
    const described = await ecr.send(
      new DescribeRepositoriesCommand({
        repositoryNames: [request.name],
        ...(request.registryId ? { registryId: request.registryId } : {}),
      }),
    );
    const found = described.repositories?.[0];
    if (found) return describeState(request.name, found, false);
  } catch (error: unknown) {
    if (!(error instanceof Error && error.name === 'RepositoryNotFoundException')) {
      throw withContext(`ECR DescribeRepositories for ${where} failed — the role needs ecr:DescribeRepositories on the repository`, error);
    }
  }
  if (!request.create) {
    throw new NotFoundError(
      `ECR repository '${request.name}' does not exist${request.registryId ? ` in account ${request.registryId}` : ''}: create it (aws ecr create-repository --repository-name ${request.name} --image-scanning-configuration scanOnPush=true), or set create-repository: true`,
    );
  }
  let created: Repository | undefined;
  try {
    const response = await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: request.name,
        ...(request.registryId ? { registryId: request.registryId } : {}),
        imageTagMutability: request.mutability,
        imageScanningConfiguration: { scanOnPush: true },
      }),
    );
    created = response.repository;
  } catch (error: unknown) {
    throw withContext(`ECR CreateRepository ${where} failed — the role needs ecr:CreateRepository`, error);
  }
  log(`Created ECR repository ${request.name} (${request.mutability}, scan on push)`);
  if (request.lifecyclePolicy) {
    try {
      await ecr.send(
        new PutLifecyclePolicyCommand({
          repositoryName: request.name,
          ...(request.registryId ? { registryId: request.registryId } : {}),
          lifecyclePolicyText: request.lifecyclePolicy,
        }),
      );
    } catch (error: unknown) {
      throw withContext(`ECR PutLifecyclePolicy on ${where} failed — the role needs ecr:PutLifecyclePolicy`, error);
    }
    log(`Attached the lifecycle policy to ${request.name}`);
  }
  return describeState(request.name, created ?? { imageTagMutability: request.mutability }, true);
}

function describeState(name: string, repository: Repository, created: boolean): RepositoryState {
  return {
    name,
    ...(repository.repositoryUri ? { uri: repository.repositoryUri } : {}),
    created,
    mutability: repository.imageTagMutability ?? 'MUTABLE',
    exclusions: (repository.imageTagMutabilityExclusionFilters ?? []).map((filter) => filter.filter ?? '').filter(Boolean),
  };
}

/** Whether pushing `tag` again would be refused: IMMUTABLE, or IMMUTABLE_WITH_EXCLUSION without a matching filter. */
export function isTagImmutable(state: RepositoryState, tag: string): boolean {
  if (state.mutability === 'IMMUTABLE') return true;
  if (state.mutability === 'IMMUTABLE_WITH_EXCLUSION') return !state.exclusions.some((filter) => wildcardMatch(filter, tag));
  if (state.mutability === 'MUTABLE_WITH_EXCLUSION') return state.exclusions.some((filter) => wildcardMatch(filter, tag));
  return false;
}

/** ECR exclusion filters are WILDCARD patterns where `*` matches any run of characters. */
function wildcardMatch(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(value);
}
