import {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  PutImageCommand,
  PutImageTagMutabilityCommand,
} from '@aws-sdk/client-ecr';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { fixture, shapeMismatches } from './fixture-shape.js';
import { clientsFor } from './helpers.js';

let sandbox: Sandbox;
let ecr: ReturnType<typeof clientsFor>['ecr'];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5 });
  ecr = clientsFor(sandbox).ecr;
});
afterAll(async () => {
  await sandbox.stop();
});

test('GetAuthorizationToken gives base64 AWS:<password>, valid 12 hours, with the proxy endpoint a test chose', async () => {
  sandbox.admin.setEcrProxyEndpoint('http://127.0.0.1:5999');
  const out = await ecr.send(new GetAuthorizationTokenCommand({}));
  const data = out.authorizationData?.[0];
  expect(shapeMismatches(out, fixture('aws-sts-ecr/aws__aws-cli/ecr/get-authorization-token.output-1.json'))).toEqual([]);
  const [user, password] = Buffer.from(data?.authorizationToken ?? '', 'base64')
    .toString('utf8')
    .split(':');
  expect(user).toBe('AWS');
  expect(sandbox.admin.ecrPasswords()).toEqual([password]);
  expect(data?.proxyEndpoint).toBe('http://127.0.0.1:5999');
  const hours = ((data?.expiresAt?.getTime() ?? 0) - sandbox.admin.clock.now()) / 3_600_000;
  expect(hours).toBeGreaterThan(11.99);
  expect(hours).toBeLessThanOrEqual(12);
  // Nothing listens there: the tests below use the in-memory images, not a registry behind ECR.
  sandbox.admin.setEcrProxyEndpoint(undefined);
});

test('repositories: create, describe, not found, duplicate, invalid name, tag mutability', async () => {
  const created = await ecr.send(new CreateRepositoryCommand({ repositoryName: 'team/web', imageTagMutability: 'IMMUTABLE' }));
  expect(created.repository).toMatchObject({
    repositoryName: 'team/web',
    repositoryArn: 'arn:aws:ecr:us-east-1:123456789012:repository/team/web',
    repositoryUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web',
    registryId: '123456789012',
    imageTagMutability: 'IMMUTABLE',
    createdAt: expect.any(Date),
  });
  const described = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['team/web'] }));
  expect(described.repositories?.[0]?.repositoryUri).toBe(created.repository?.repositoryUri);
  await expect(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['nope'] }))).rejects.toMatchObject({
    name: 'RepositoryNotFoundException',
    message: "The repository with name 'nope' does not exist in the registry with id '123456789012'",
  });
  await expect(ecr.send(new CreateRepositoryCommand({ repositoryName: 'team/web' }))).rejects.toMatchObject({
    name: 'RepositoryAlreadyExistsException',
  });
  await expect(ecr.send(new CreateRepositoryCommand({ repositoryName: 'Bad_Name' }))).rejects.toMatchObject({
    name: 'InvalidParameterException',
  });
  const changed = await ecr.send(new PutImageTagMutabilityCommand({ repositoryName: 'team/web', imageTagMutability: 'MUTABLE' }));
  expect(changed).toMatchObject({ repositoryName: 'team/web', imageTagMutability: 'MUTABLE', registryId: '123456789012' });
});

test('a buildx push with provenance: an index with attestation entries, readable through DescribeImages and BatchGetImage', async () => {
  sandbox.admin.createRepository('app');
  const pushed = sandbox.admin.pushImage('app', 'v1', ['linux/amd64', 'linux/arm64']);
  const images = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'v1' }] }));
  expect(images.imageDetails?.[0]).toMatchObject({
    imageDigest: pushed.digest,
    imageTags: ['v1'],
    imageManifestMediaType: 'application/vnd.oci.image.index.v1+json',
  });
  expect(shapeMismatches(images, fixture('aws-sts-ecr/aws__aws-cli/ecr/describe-images.output-1.json'))).toEqual([]);
  const all = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app' }));
  expect(all.imageDetails).toHaveLength(5); // 2 images, 2 attestations, 1 index

  const got = await ecr.send(new BatchGetImageCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'v1' }, { imageTag: 'missing' }] }));
  expect(shapeMismatches(got, fixture('aws-sts-ecr/aws__aws-cli/ecr/batch-get-image.output-1.json'))).toEqual([]);
  const index = JSON.parse(got.images?.[0]?.imageManifest ?? '{}') as {
    manifests: { digest: string; platform: { os: string; architecture: string } }[];
  };
  const platforms = index.manifests.map((m) => `${m.platform.os}/${m.platform.architecture}`);
  expect(platforms).toEqual(['linux/amd64', 'linux/arm64', 'unknown/unknown', 'unknown/unknown']);
  expect(got.failures).toEqual([
    { imageId: { imageTag: 'missing' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' },
  ]);
  await expect(ecr.send(new DescribeImagesCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'missing' }] }))).rejects.toMatchObject({
    name: 'ImageNotFoundException',
  });
});

test('an IMMUTABLE repository refuses to move a tag', async () => {
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'locked', imageTagMutability: 'IMMUTABLE' }));
  sandbox.admin.putImageManifest('locked', { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', layers: [] }, 'v1');
  await expect(
    ecr.send(
      new PutImageCommand({
        repositoryName: 'locked',
        imageTag: 'v1',
        imageManifest: JSON.stringify({ schemaVersion: 2, layers: [{ size: 1 }] }),
      }),
    ),
  ).rejects.toMatchObject({
    name: 'ImageTagAlreadyExistsException',
    message: "The image tag 'v1' already exists in the 'locked' repository and cannot be overwritten because the tag is immutable.",
  });
  expect(() => sandbox.admin.pushImage('locked', 'v1')).toThrow(/immutable/);
});

test('ECS service revisions report the digest the sandbox registry holds for an ECR image', () => {
  sandbox.admin.createRepository('svc');
  const pushed = sandbox.admin.pushImage('svc', 'v3', ['linux/amd64'], { attestations: false });
  expect(sandbox.admin.ecs.digestOf(`${sandbox.admin.ecrRegistryHost}/svc:v3`)).toBe(pushed.digest);
});
