import {
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  PutLifecyclePolicyCommand,
  type ECRClient,
  type Repository,
} from '@aws-sdk/client-ecr';
import { formatArn, partitionOfRegion } from '../lib/arn.js';
import { awsCall } from '../lib/aws-call.js';
import { NotFoundError } from '../lib/errors.js';

/**
 * The ECR repository is checked before anything is built, so a missing repository fails in
 * seconds with its exact name and the fix instead of after a long build at push time.
 */

export interface RepositoryRequest {
  name: string;
  /** The account that owns it; undefined means the caller's own. */
  registryId?: string;
  /** Where it is, for messages and the resource an access-denied hint names. */
  region: string;
  /** The registry's account when known (from the registry host), else the resource says `*`. */
  accountId?: string;
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
  const where = `repository ${request.name} in ${request.region}${request.registryId ? ` (account ${request.registryId})` : ''}`;
  const resource = formatArn({
    partition: partitionOfRegion(request.region),
    service: 'ecr',
    region: request.region,
    account: request.registryId ?? request.accountId ?? '*',
    resource: `repository/${request.name}`,
  });
  const registry = request.registryId ? { registryId: request.registryId } : {};
  // No renewal here: ECR calls are short; expired credentials fail with the funnel's message.
  const deps = {};
  try {
    const described = await awsCall(
      deps,
      `describe ECR ${where}`,
      'ecr:DescribeRepositories',
      () => ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [request.name], ...registry })),
      { resource },
    );
    const found = described.repositories?.[0];
    if (found) return describeState(request.name, found, false);
  } catch (error: unknown) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  if (!request.create) {
    throw new NotFoundError(
      `ECR repository '${request.name}' does not exist${request.registryId ? ` in account ${request.registryId}` : ''}: create it (aws ecr create-repository --repository-name ${request.name} --image-scanning-configuration scanOnPush=true), or set create-repository: true`,
    );
  }
  const response = await awsCall(
    deps,
    `create ECR ${where}`,
    'ecr:CreateRepository',
    () =>
      ecr.send(
        new CreateRepositoryCommand({
          repositoryName: request.name,
          ...registry,
          imageTagMutability: request.mutability,
          imageScanningConfiguration: { scanOnPush: true },
        }),
      ),
    { resource },
  );
  const created: Repository | undefined = response.repository;
  log(`Created ECR repository ${request.name} (${request.mutability}, scan on push)`);
  if (request.lifecyclePolicy) {
    const lifecyclePolicyText = request.lifecyclePolicy;
    await awsCall(
      deps,
      `put the lifecycle policy on ECR ${where}`,
      'ecr:PutLifecyclePolicy',
      () => ecr.send(new PutLifecyclePolicyCommand({ repositoryName: request.name, ...registry, lifecyclePolicyText })),
      { resource },
    );
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
