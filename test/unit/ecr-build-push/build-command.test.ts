import { buildxBuildArgs, chooseCache, type BuildPlan } from '../../../src/ecr-build-push/build-command.js';

const IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web';
const SHA = '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c';
const LABELS = [
  { key: 'org.opencontainers.image.source', value: 'https://github.com/octo-org/octo-service' },
  { key: 'org.opencontainers.image.revision', value: SHA },
];

const base: BuildPlan = {
  imageName: IMAGE,
  tags: [SHA],
  platforms: ['linux/amd64'],
  labels: [],
  buildArgs: [],
  secretFiles: [],
  cacheFrom: [],
  cacheTo: [],
  noCache: false,
  pull: false,
  provenance: false,
  sbom: false,
  metadataFile: '/tmp/run/metadata.json',
  context: '/work/app',
};

const TAIL = ['--provenance', 'false', '--sbom', 'false', '--metadata-file', '/tmp/run/metadata.json', '--push', '/work/app'];

/** Golden argument lists: each row is a plan change and the exact command line it must give. */
const cases: [string, Partial<BuildPlan>, string[]][] = [
  [
    'defaults: one platform, the SHA tag, attestations explicitly off',
    {},
    ['buildx', 'build', '--platform', 'linux/amd64', '--tag', `${IMAGE}:${SHA}`, ...TAIL],
  ],
  [
    'several platforms in one flag, several tags in order',
    { platforms: ['linux/amd64', 'linux/arm64'], tags: [SHA, 'v1.2.3', 'latest'] },
    [
      'buildx',
      'build',
      '--platform',
      'linux/amd64,linux/arm64',
      '--tag',
      `${IMAGE}:${SHA}`,
      '--tag',
      `${IMAGE}:v1.2.3`,
      '--tag',
      `${IMAGE}:latest`,
      ...TAIL,
    ],
  ],
  [
    'builder, file and target come first',
    { builder: 'ecs-delivery-1', file: '/work/app/docker/Dockerfile.prod', target: 'runtime' },
    [
      'buildx',
      'build',
      '--builder',
      'ecs-delivery-1',
      '--file',
      '/work/app/docker/Dockerfile.prod',
      '--target',
      'runtime',
      '--platform',
      'linux/amd64',
      '--tag',
      `${IMAGE}:${SHA}`,
      ...TAIL,
    ],
  ],
  [
    'labels and build args keep their order and values with = inside',
    {
      labels: LABELS,
      buildArgs: [
        { key: 'NODE_ENV', value: 'production' },
        { key: 'OPTS', value: 'a=b c' },
      ],
    },
    [
      'buildx',
      'build',
      '--platform',
      'linux/amd64',
      '--tag',
      `${IMAGE}:${SHA}`,
      '--label',
      'org.opencontainers.image.source=https://github.com/octo-org/octo-service',
      '--label',
      `org.opencontainers.image.revision=${SHA}`,
      '--build-arg',
      'NODE_ENV=production',
      '--build-arg',
      'OPTS=a=b c',
      ...TAIL,
    ],
  ],
  [
    'secrets are passed as files, never as values',
    {
      secretFiles: [
        { id: 'npmrc', path: '/tmp/run/secret-0' },
        { id: 'token', path: '/tmp/run/secret-1' },
      ],
    },
    [
      'buildx',
      'build',
      '--platform',
      'linux/amd64',
      '--tag',
      `${IMAGE}:${SHA}`,
      '--secret',
      'id=npmrc,src=/tmp/run/secret-0',
      '--secret',
      'id=token,src=/tmp/run/secret-1',
      ...TAIL,
    ],
  ],
  [
    'cache import and export',
    {
      cacheFrom: [`type=registry,ref=${IMAGE}:buildcache`],
      cacheTo: [`type=registry,ref=${IMAGE}:buildcache,mode=max,image-manifest=true,oci-mediatypes=true`],
    },
    [
      'buildx',
      'build',
      '--platform',
      'linux/amd64',
      '--tag',
      `${IMAGE}:${SHA}`,
      '--cache-from',
      `type=registry,ref=${IMAGE}:buildcache`,
      '--cache-to',
      `type=registry,ref=${IMAGE}:buildcache,mode=max,image-manifest=true,oci-mediatypes=true`,
      ...TAIL,
    ],
  ],
  [
    'no-cache and pull',
    { noCache: true, pull: true },
    ['buildx', 'build', '--platform', 'linux/amd64', '--tag', `${IMAGE}:${SHA}`, '--no-cache', '--pull', ...TAIL],
  ],
  [
    'provenance mode=max and sbom on when asked for',
    { provenance: 'mode=max', sbom: true },
    [
      'buildx',
      'build',
      '--platform',
      'linux/amd64',
      '--tag',
      `${IMAGE}:${SHA}`,
      '--provenance',
      'mode=max',
      '--sbom',
      'true',
      '--metadata-file',
      '/tmp/run/metadata.json',
      '--push',
      '/work/app',
    ],
  ],
  [
    'provenance true',
    { provenance: 'true' },
    [
      'buildx',
      'build',
      '--platform',
      'linux/amd64',
      '--tag',
      `${IMAGE}:${SHA}`,
      '--provenance',
      'true',
      '--sbom',
      'false',
      '--metadata-file',
      '/tmp/run/metadata.json',
      '--push',
      '/work/app',
    ],
  ],
  [
    'a generic registry with a port',
    { imageName: '127.0.0.1:5000/octo-org/octo-service', platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] },
    [
      'buildx',
      'build',
      '--platform',
      'linux/amd64,linux/arm64,linux/arm/v7',
      '--tag',
      `127.0.0.1:5000/octo-org/octo-service:${SHA}`,
      ...TAIL,
    ],
  ],
];

describe('buildxBuildArgs', () => {
  it.each(cases)('%s', (_name, change, expected) => {
    expect(buildxBuildArgs({ ...base, ...change })).toEqual(expected);
  });

  it('never puts a secret value on the command line', () => {
    const args = buildxBuildArgs({ ...base, secretFiles: [{ id: 'token', path: '/tmp/x/secret-0' }] });
    expect(args.join(' ')).not.toMatch(/ghp_|password/i);
  });
});

describe('chooseCache', () => {
  const options = { imageName: IMAGE, cacheFrom: [], cacheTo: [], registryCache: true, immutable: false };

  it('defaults to a max-mode registry cache in the image repository', () => {
    expect(chooseCache(options)).toEqual({
      cacheFrom: [`type=registry,ref=${IMAGE}:buildcache`],
      cacheTo: [`type=registry,ref=${IMAGE}:buildcache,mode=max,image-manifest=true,oci-mediatypes=true`],
      description: `registry cache ${IMAGE}:buildcache`,
    });
  });

  it('only reads the cache when the cache tag is immutable, and says why', () => {
    const choice = chooseCache({ ...options, immutable: true });
    expect(choice.cacheTo).toEqual([]);
    expect(choice.cacheFrom).toEqual([`type=registry,ref=${IMAGE}:buildcache`]);
    expect(choice.note).toMatch(/IMMUTABLE.*cache-to/);
  });

  it('uses explicit cache settings as given, even one-sided', () => {
    expect(chooseCache({ ...options, cacheFrom: ['type=gha'] })).toMatchObject({ cacheFrom: ['type=gha'], cacheTo: [] });
  });

  it('uses no cache when the registry cache is off and nothing is given', () => {
    expect(chooseCache({ ...options, registryCache: false })).toMatchObject({ cacheFrom: [], cacheTo: [], description: 'none' });
  });
});
