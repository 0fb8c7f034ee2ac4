import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEcrBuildPushInputs } from '../../../src/ecr-build-push/inputs.js';
import { InputError } from '../../../src/lib/errors.js';
import { Inputs } from '../../../src/lib/inputs.js';

const SHA = '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c';
const workspace = mkdtempSync(join(tmpdir(), 'ecr-build-push-inputs-'));
mkdirSync(join(workspace, 'app'));
writeFileSync(join(workspace, 'app', 'Dockerfile'), 'FROM scratch\n');
writeFileSync(
  join(workspace, 'lifecycle.json'),
  JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 },
        action: { type: 'expire' },
      },
    ],
  }),
);
writeFileSync(join(workspace, 'not-a-policy.json'), '{"Version": "2012-10-17"}');
writeFileSync(join(workspace, 'broken.json'), '{"rules": [');

const ENV = {
  GITHUB_WORKSPACE: workspace,
  GITHUB_SHA: SHA,
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REPOSITORY: 'octo-org/octo-service',
  GITHUB_SERVER_URL: 'https://github.com',
  AWS_REGION: 'eu-west-1',
};

function read(values: Record<string, string>, env: Record<string, string> = {}) {
  return readEcrBuildPushInputs(new Inputs((name) => values[name] ?? ''), { ...ENV, ...env });
}

describe('readEcrBuildPushInputs', () => {
  it('gives safe defaults: ECR, linux/amd64, the SHA tag, OCI labels, no attestations, registry cache on', () => {
    const inputs = read({ repository: 'shop/web' });
    expect(inputs).toMatchObject({
      target: { type: 'private', region: 'eu-west-1', accountIds: [] },
      repository: 'shop/web',
      platforms: ['linux/amd64'],
      tags: [SHA],
      provenance: false,
      sbom: false,
      registryCache: true,
      setupBuilder: true,
      skipLogout: false,
      context: workspace,
    });
    expect(inputs.labels).toEqual([
      { key: 'org.opencontainers.image.source', value: 'https://github.com/octo-org/octo-service' },
      { key: 'org.opencontainers.image.revision', value: SHA },
      { key: 'org.opencontainers.image.title', value: 'octo-service' },
    ]);
  });

  it('adds the git tag on tag pushes, then the given tags without duplicates', () => {
    const inputs = read({ repository: 'web', tags: 'latest, v1.2.3\nlatest' }, { GITHUB_REF: 'refs/tags/v1.2.3' });
    expect(inputs.tags).toEqual([SHA, 'v1.2.3', 'latest']);
    expect(inputs.labels).toContainEqual({ key: 'org.opencontainers.image.version', value: 'v1.2.3' });
  });

  it('makes a git tag with a slash a valid image tag', () => {
    expect(read({ repository: 'web' }, { GITHUB_REF: 'refs/tags/release/2024.1' }).tags).toEqual([SHA, 'release-2024.1']);
  });

  it('normalises platforms and lets the user override a default label', () => {
    const inputs = read({
      repository: 'web',
      platforms: 'linux/amd64, linux/arm64/v8,linux/arm',
      labels: 'org.opencontainers.image.title=Shop\nteam=payments',
    });
    expect(inputs.platforms).toEqual(['linux/amd64', 'linux/arm64', 'linux/arm/v7']);
    expect(inputs.labels.filter((l) => l.key === 'org.opencontainers.image.title')).toEqual([
      { key: 'org.opencontainers.image.title', value: 'Shop' },
    ]);
    expect(inputs.labels).toContainEqual({ key: 'team', value: 'payments' });
  });

  it('reads a generic registry, cross-account registries, and a lifecycle policy for creation', () => {
    expect(
      read({
        repository: 'octo-org/octo-service',
        'registry-type': 'generic',
        registry: 'ghcr.io',
        username: 'octocat',
        password: 'ghp_secretsecret',
      }).target,
    ).toEqual({
      type: 'generic',
      host: 'ghcr.io',
      username: 'octocat',
      password: 'ghp_secretsecret',
    });
    expect(read({ repository: 'web', registries: '111111111111,222222222222' }).target).toMatchObject({
      accountIds: ['111111111111', '222222222222'],
    });
    const created = read({
      repository: 'web',
      'create-repository': 'true',
      'image-tag-mutability': 'IMMUTABLE',
      'lifecycle-policy': 'lifecycle.json',
    });
    expect(created).toMatchObject({ createRepository: true, imageTagMutability: 'IMMUTABLE' });
    expect(JSON.parse(created.lifecyclePolicy ?? '{}')).toHaveProperty('rules');
  });

  it('reads file, target, secrets, caches and provenance settings', () => {
    const inputs = read({
      repository: 'web',
      context: 'app',
      file: 'app/Dockerfile',
      target: 'runtime',
      secrets: 'npm_token=abc=def',
      'cache-from': 'type=gha',
      'cache-to': 'type=gha,mode=max',
      provenance: 'mode=max',
      sbom: 'true',
    });
    expect(inputs).toMatchObject({
      buildTarget: 'runtime',
      secrets: [{ key: 'npm_token', value: 'abc=def' }],
      cacheFrom: ['type=gha'],
      cacheTo: ['type=gha,mode=max'],
      provenance: 'mode=max',
      sbom: true,
    });
    expect(inputs.file).toBe(join(workspace, 'app', 'Dockerfile'));
  });

  const generic = { 'registry-type': 'generic', registry: 'ghcr.io', username: 'octocat', password: 'ghp_secretsecret' };

  /** Each bad input fails with an InputError naming exactly that input. */
  const bad: [string, Record<string, string>, string, Record<string, string>?][] = [
    ['repository missing', {}, 'repository'],
    ['repository in upper case', { repository: 'Shop/Web' }, 'repository'],
    ['repository with a registry host', { repository: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web' }, 'repository'],
    ['repository with a tag', { repository: 'web:latest' }, 'repository'],
    ['platform without architecture', { repository: 'web', platforms: 'linux' }, 'platforms'],
    ['platform given twice', { repository: 'web', platforms: 'linux/arm64,linux/arm64/v8' }, 'platforms'],
    ['tag with a space', { repository: 'web', tags: 'bad tag' }, 'tags'],
    ['tag as a full reference', { repository: 'web', tags: 'ghcr.io/o/web:1' }, 'tags'],
    ['build arg without =', { repository: 'web', 'build-args': 'NODE_ENV' }, 'build-args'],
    ['label without =', { repository: 'web', labels: 'team' }, 'labels'],
    ['secret without =', { repository: 'web', secrets: 'token' }, 'secrets'],
    ['secret id with a space', { repository: 'web', secrets: 'my token=x' }, 'secrets'],
    ['provenance junk', { repository: 'web', provenance: 'maybe' }, 'provenance'],
    ['sbom junk', { repository: 'web', sbom: 'yes' }, 'sbom'],
    ['create-repository junk', { repository: 'web', 'create-repository': '1' }, 'create-repository'],
    ['image-tag-mutability junk', { repository: 'web', 'image-tag-mutability': 'immutable' }, 'image-tag-mutability'],
    ['registry-type junk', { repository: 'web', 'registry-type': 'public' }, 'registry-type'],
    ['registries not account IDs', { repository: 'web', registries: '12345' }, 'registries'],
    ['aws-region junk', { repository: 'web', 'aws-region': 'Europe' }, 'aws-region'],
    ['no region at all', { repository: 'web' }, 'aws-region', { AWS_REGION: '' }],
    ['generic without registry', { repository: 'web', ...generic, registry: '' }, 'registry'],
    ['generic without username', { repository: 'web', ...generic, username: '' }, 'username'],
    ['generic without password', { repository: 'web', ...generic, password: '' }, 'password'],
    ['generic registry with a scheme', { repository: 'web', ...generic, registry: 'https://ghcr.io' }, 'registry'],
    ['generic with create-repository', { repository: 'web', ...generic, 'create-repository': 'true' }, 'create-repository'],
    ['generic with registries', { repository: 'web', ...generic, registries: '123456789012' }, 'registries'],
    ['password for ECR', { repository: 'web', password: 'hunter22' }, 'password'],
    ['lifecycle policy without create-repository', { repository: 'web', 'lifecycle-policy': 'lifecycle.json' }, 'lifecycle-policy'],
    [
      'lifecycle policy file missing',
      { repository: 'web', 'create-repository': 'true', 'lifecycle-policy': 'nope.json' },
      'lifecycle-policy',
    ],
    [
      'lifecycle policy not JSON',
      { repository: 'web', 'create-repository': 'true', 'lifecycle-policy': 'broken.json' },
      'lifecycle-policy',
    ],
    [
      'lifecycle policy without rules',
      { repository: 'web', 'create-repository': 'true', 'lifecycle-policy': 'not-a-policy.json' },
      'lifecycle-policy',
    ],
    ['context missing', { repository: 'web', context: 'no-such-dir' }, 'context'],
    ['Dockerfile missing', { repository: 'web', file: 'Dockerfile.nope' }, 'file'],
    ['target with a space', { repository: 'web', target: 'run time' }, 'target'],
    ['cache-to typo', { repository: 'web', 'cache-to': 'typ=registry,ref=x' }, 'cache-to'],
    ['cache-from half a pair', { repository: 'web', 'cache-from': 'type=registry,mode' }, 'cache-from'],
    ['setup-builder junk', { repository: 'web', 'setup-builder': 'auto' }, 'setup-builder'],
    ['skip-logout junk', { repository: 'web', 'skip-logout': 'nah' }, 'skip-logout'],
    ['no-cache junk', { repository: 'web', 'no-cache': 'always' }, 'no-cache'],
    ['not in a GitHub job (no commit SHA)', { repository: 'web' }, 'tags', { GITHUB_SHA: '' }],
  ];

  it.each(bad)('%s', (_name, values, inputName, env: Record<string, string> = {}) => {
    let caught: unknown;
    try {
      read(values, env);
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).input).toBe(inputName);
    expect((caught as InputError).message).toMatch(new RegExp(`^Input '${inputName}': `));
  });

  it('never echoes a password in an error', () => {
    expect(() => read({ repository: 'web', password: 'hunter22-very-secret' })).toThrow(/^(?!.*hunter22)/s);
  });
});
