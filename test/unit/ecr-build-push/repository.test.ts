import { afterEach, describe, expect, test } from '@jest/globals';
import { CreateRepositoryCommand, DescribeRepositoriesCommand, ECRClient, RepositoryNotFoundException } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { AccessDeniedError } from '../../../src/lib/aws-call.js';
import { NotFoundError } from '../../../src/lib/errors.js';
import { ensureRepository, type RepositoryRequest } from '../../../src/ecr-build-push/repository.js';

const ecr = mockClient(ECRClient);
afterEach(() => {
  ecr.reset();
});

const request: RepositoryRequest = { name: 'web', region: 'us-east-1', accountId: '123456789012', create: false, mutability: 'IMMUTABLE' };
const check = (overrides: Partial<RepositoryRequest> = {}) =>
  ensureRepository(new ECRClient({ region: 'us-east-1' }), { ...request, ...overrides }, () => undefined).catch(
    (caught: unknown) => caught,
  );

describe('ensureRepository', () => {
  test('a ThrottlingException that outlived the SDK retries is reported as throttling, not as a missing permission', async () => {
    ecr
      .on(DescribeRepositoriesCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }));
    const error = await check();
    expect(error).not.toBeInstanceOf(AccessDeniedError);
    expect((error as Error).message).toBe(
      "Failed to describe ECR repository web in us-east-1: AWS throttled the call, still after the SDK's retries (ThrottlingException: Rate exceeded)",
    );
  });

  test('a 5xx is reported as a temporary AWS failure', async () => {
    ecr
      .on(DescribeRepositoriesCommand)
      .rejects(
        Object.assign(new Error('We encountered an internal error'), { name: 'ServerException', $metadata: { httpStatusCode: 500 } }),
      );
    expect(((await check()) as Error).message).toMatch(/AWS failed temporarily, still after the SDK's retries \(ServerException/);
  });

  test('access denied names the permission and the repository ARN', async () => {
    ecr
      .on(DescribeRepositoriesCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }));
    const error = await check();
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect((error as Error).message).toMatch(
      /The role needs the IAM permission ecr:DescribeRepositories on arn:aws:ecr:us-east-1:123456789012:repository\/web$/,
    );
  });

  test('a missing repository is a NotFoundError with the fix, or is created when asked', async () => {
    ecr.on(DescribeRepositoriesCommand).rejects(new RepositoryNotFoundException({ message: 'no such repository', $metadata: {} }));
    const missing = await check();
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as Error).message).toMatch(/^ECR repository 'web' does not exist: create it .* or set create-repository: true$/);

    ecr.on(CreateRepositoryCommand).resolves({ repository: { repositoryName: 'web', imageTagMutability: 'IMMUTABLE' } });
    expect(await check({ create: true })).toMatchObject({ name: 'web', created: true, mutability: 'IMMUTABLE' });
  });
});
