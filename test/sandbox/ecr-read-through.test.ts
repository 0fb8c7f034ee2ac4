import { createHash } from 'node:crypto';
import { BatchGetImageCommand, DescribeImagesCommand, GetAuthorizationTokenCommand, PutImageCommand } from '@aws-sdk/client-ecr';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { startFakeRegistry, type FakeRegistry } from './fake-registry.js';
import { clientsFor } from './helpers.js';

/**
 * With a proxy endpoint set, the sandbox's ECR answers image operations from the registry behind
 * it: what `docker push` really left there, byte for byte. The registry here is an in-process fake
 * with basic auth; test/e2e/ecr-build-push-docker.test.ts does the same against a real one.
 */
const PASSWORD = 'fixed-ecr-password-planted-7781';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

let sandbox: Sandbox;
let registry: FakeRegistry;
let ecr: ReturnType<typeof clientsFor>['ecr'];
// Indented on purpose: the bytes, not a re-serialisation, decide the digest.
const amd64 = `{\n   "schemaVersion": 2,\n   "mediaType": "${OCI_MANIFEST}",\n   "layers": [ { "size": 700 } ]\n}`;
const arm64 = `{"schemaVersion":2,"mediaType":"${OCI_MANIFEST}","layers":[{"size":900}]}`;
const index = JSON.stringify(
  {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [
      { mediaType: OCI_MANIFEST, digest: sha(amd64), platform: { os: 'linux', architecture: 'amd64' } },
      { mediaType: OCI_MANIFEST, digest: sha(arm64), platform: { os: 'linux', architecture: 'arm64' } },
    ],
  },
  null,
  2,
);

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 9 });
  registry = await startFakeRegistry(PASSWORD);
  // One attempt: a 5xx from the proxy must surface here, not be retried away.
  ecr = clientsFor(sandbox, 1).ecr;
  sandbox.admin.setEcrPassword(PASSWORD);
  sandbox.admin.setEcrProxyEndpoint(registry.url);
  for (const name of ['web', 'locked'])
    sandbox.admin.createRepository(name, { imageTagMutability: name === 'locked' ? 'IMMUTABLE' : 'MUTABLE' });
  for (const name of ['web', 'locked']) {
    registry.push(name, amd64, OCI_MANIFEST);
    registry.push(name, arm64, OCI_MANIFEST);
    registry.push(name, index, OCI_INDEX, 'v1');
  }
});
afterAll(async () => {
  await sandbox.stop();
  await registry.close();
});

test('GetAuthorizationToken hands out the fixed password every time, and the proxy endpoint', async () => {
  for (let i = 0; i < 2; i++) {
    const data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
    expect(Buffer.from(data?.authorizationToken ?? '', 'base64').toString('utf8')).toBe(`AWS:${PASSWORD}`);
    expect(data?.proxyEndpoint).toBe(registry.url);
  }
  expect(sandbox.admin.ecrPasswords()).toEqual([PASSWORD]);
});

test('BatchGetImage returns the exact bytes, digest and media type the registry holds', async () => {
  const accepted = [OCI_INDEX, OCI_MANIFEST];
  const got = await ecr.send(
    new BatchGetImageCommand({
      repositoryName: 'web',
      imageIds: [{ imageTag: 'v1' }, { imageDigest: sha(amd64) }, { imageTag: 'nope' }, { imageTag: 'v1', imageDigest: sha(arm64) }],
      acceptedMediaTypes: accepted,
    }),
  );
  expect(got.images).toEqual([
    {
      registryId: '123456789012',
      repositoryName: 'web',
      imageId: { imageTag: 'v1', imageDigest: sha(index) },
      imageManifest: index,
      imageManifestMediaType: OCI_INDEX,
    },
    {
      registryId: '123456789012',
      repositoryName: 'web',
      imageId: { imageDigest: sha(amd64) },
      imageManifest: amd64,
      imageManifestMediaType: OCI_MANIFEST,
    },
  ]);
  expect(got.failures).toEqual([
    { imageId: { imageTag: 'nope' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' },
    { imageId: { imageTag: 'v1', imageDigest: sha(arm64) }, failureCode: 'ImageTagDoesNotMatchDigest', failureReason: expect.any(String) },
  ]);
  const manifestGets = registry.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/web/manifests/'));
  expect(manifestGets[0]).toEqual({ method: 'GET', path: '/v2/web/manifests/v1', accept: accepted.join(', '), authorized: true });
});

test('DescribeImages lists tagged images and the untagged ones an index refers to', async () => {
  const one = await ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v1' }] }));
  expect(one.imageDetails).toEqual([
    expect.objectContaining({
      imageDigest: sha(index),
      imageTags: ['v1'],
      imageManifestMediaType: OCI_INDEX,
      imagePushedAt: expect.any(Date),
    }),
  ]);
  const all = await ecr.send(new DescribeImagesCommand({ repositoryName: 'web' }));
  expect(all.imageDetails?.map((d) => [d.imageDigest, d.imageTags ?? [], d.imageSizeInBytes])).toEqual([
    [sha(index), ['v1'], Buffer.byteLength(index)],
    [sha(amd64), [], 700],
    [sha(arm64), [], 900],
  ]);
  const untagged = await ecr.send(new DescribeImagesCommand({ repositoryName: 'web', filter: { tagStatus: 'UNTAGGED' } }));
  expect(untagged.imageDetails).toHaveLength(2);
  await expect(ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'nope' }] }))).rejects.toMatchObject({
    name: 'ImageNotFoundException',
  });
});

test('PutImage writes a new tag through to the registry, and refuses what ECR refuses', async () => {
  const put = await ecr.send(
    new PutImageCommand({
      repositoryName: 'web',
      imageManifest: index,
      imageManifestMediaType: OCI_INDEX,
      imageTag: 'stable',
      imageDigest: sha(index),
    }),
  );
  expect(put.image?.imageId).toEqual({ imageDigest: sha(index), imageTag: 'stable' });
  const put1 = registry.requests.filter((r) => r.method === 'PUT');
  expect(put1.map((r) => r.path)).toEqual(['/v2/web/manifests/stable']);
  const back = await ecr.send(new BatchGetImageCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'stable' }] }));
  expect(back.images?.[0]?.imageManifest).toBe(index);

  await expect(ecr.send(new PutImageCommand({ repositoryName: 'web', imageManifest: index, imageTag: 'stable' }))).rejects.toMatchObject({
    name: 'ImageAlreadyExistsException',
  });
  await expect(
    ecr.send(new PutImageCommand({ repositoryName: 'web', imageManifest: index, imageDigest: sha(amd64) })),
  ).rejects.toMatchObject({
    name: 'ImageDigestDoesNotMatchException',
  });
  await expect(ecr.send(new PutImageCommand({ repositoryName: 'locked', imageManifest: arm64, imageTag: 'v1' }))).rejects.toMatchObject({
    name: 'ImageTagAlreadyExistsException',
    message: "The image tag 'v1' already exists in the 'locked' repository and cannot be overwritten because the tag is immutable.",
  });
  // A refused PutImage never reaches the registry.
  expect(registry.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  // A MUTABLE repository moves the tag.
  await ecr.send(new PutImageCommand({ repositoryName: 'web', imageManifest: arm64, imageTag: 'v1' }));
  const moved = await ecr.send(new BatchGetImageCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v1' }] }));
  expect(moved.images?.[0]?.imageId?.imageDigest).toBe(sha(arm64));
  expect(registry.requests.every((r) => r.authorized)).toBe(true);
});

test('a registry that refuses the password or is gone: ServerException naming the cause', async () => {
  sandbox.admin.setEcrPassword('not-the-registry-password');
  await expect(ecr.send(new BatchGetImageCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v1' }] }))).rejects.toMatchObject({
    name: 'ServerException',
    message: expect.stringMatching(/answered GET web:v1 with 401 .*setEcrPassword/),
  });
  sandbox.admin.setEcrPassword(PASSWORD);
  sandbox.admin.setEcrProxyEndpoint('http://127.0.0.1:9');
  await expect(ecr.send(new DescribeImagesCommand({ repositoryName: 'web' }))).rejects.toMatchObject({ name: 'ServerException' });
  // Without a proxy endpoint the in-memory images answer again.
  sandbox.admin.setEcrProxyEndpoint(undefined);
  expect((await ecr.send(new DescribeImagesCommand({ repositoryName: 'web' }))).imageDetails).toEqual([]);
  sandbox.admin.setEcrProxyEndpoint(registry.url);
});
