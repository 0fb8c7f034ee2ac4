import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../../sandbox/runner/run-action.js';
import { linesShowing } from '../../sandbox/runner/workflow-commands.js';

/**
 * Bad inputs through the bundle, as a runner runs it: each ends with exit code 1 and exactly one
 * error line naming the input, before Docker or AWS is touched (nothing listens on the endpoints,
 * and PATH has no docker, so reaching either would fail differently).
 */
const workspace = mkdtempSync(join(tmpdir(), 'ecr-build-push-bad-'));
writeFileSync(join(workspace, 'Dockerfile'), 'FROM scratch\n');
writeFileSync(join(workspace, 'policy.json'), '{"Version":"2012-10-17"}');
const ENV = {
  AWS_REGION: 'eu-west-1',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'x',
  PATH: '/nonexistent',
};
const GENERIC = { 'registry-type': 'generic', registry: 'ghcr.io', username: 'octocat', password: 'ghp_plantedsecret0123456789' };

const cases: [string, Record<string, string>, string][] = [
  ['no repository', {}, 'repository'],
  ['upper-case repository', { repository: 'Web' }, 'repository'],
  ['repository with registry host', { repository: 'ghcr.io/octo/web' }, 'repository'],
  ['repository with tag', { repository: 'web:1' }, 'repository'],
  ['bad platform', { repository: 'web', platforms: 'amd64' }, 'platforms'],
  ['duplicate platform', { repository: 'web', platforms: 'linux/arm64,linux/arm64' }, 'platforms'],
  ['bad tag', { repository: 'web', tags: '-latest' }, 'tags'],
  ['full reference as tag', { repository: 'web', tags: 'web:latest' }, 'tags'],
  ['build arg without value', { repository: 'web', 'build-args': 'VERSION' }, 'build-args'],
  ['label without value', { repository: 'web', labels: 'team' }, 'labels'],
  ['secret without value', { repository: 'web', secrets: 'npm' }, 'secrets'],
  ['provenance junk', { repository: 'web', provenance: 'mode=full' }, 'provenance'],
  ['sbom junk', { repository: 'web', sbom: 'on' }, 'sbom'],
  ['create-repository junk', { repository: 'web', 'create-repository': 'yes' }, 'create-repository'],
  ['mutability junk', { repository: 'web', 'image-tag-mutability': 'FROZEN' }, 'image-tag-mutability'],
  ['registry-type junk', { repository: 'web', 'registry-type': 'public' }, 'registry-type'],
  ['registries junk', { repository: 'web', registries: 'prod' }, 'registries'],
  ['region junk', { repository: 'web', 'aws-region': 'moon-1' }, 'aws-region'],
  ['generic without registry', { repository: 'web', ...GENERIC, registry: '' }, 'registry'],
  ['generic without password', { repository: 'web', ...GENERIC, password: '' }, 'password'],
  ['generic registry as URL', { repository: 'web', ...GENERIC, registry: 'https://ghcr.io/' }, 'registry'],
  ['generic with create-repository', { repository: 'web', ...GENERIC, 'create-repository': 'true' }, 'create-repository'],
  ['password with ECR', { repository: 'web', password: 'ghp_plantedsecret0123456789' }, 'password'],
  [
    'lifecycle policy without rules',
    { repository: 'web', 'create-repository': 'true', 'lifecycle-policy': 'policy.json' },
    'lifecycle-policy',
  ],
  ['missing context', { repository: 'web', context: 'nowhere' }, 'context'],
  ['missing Dockerfile', { repository: 'web', file: 'Dockerfile.prod' }, 'file'],
  ['cache-to typo', { repository: 'web', 'cache-to': 'ref=x,mode=max' }, 'cache-to'],
  ['setup-builder junk', { repository: 'web', 'setup-builder': 'auto' }, 'setup-builder'],
];

describe('ecr-build-push bad inputs (no Docker needed)', () => {
  it.each(cases)('%s', async (_name, inputs, inputName) => {
    const result = await runAction('ecr-build-push', { inputs, env: ENV, workspace, skipPost: true, timeoutMs: 20_000 });
    expect(result.errors).toEqual([expect.stringMatching(new RegExp(`^Input '${inputName}': `))]);
    expect(result.exitCode).toBe(1);
    // The log as a runner shows it (stdout and stderr, masked only from the mask line on), and the raw output.
    expect(result.log).not.toMatch(/ghp_plantedsecret|at .*\.js:\d+/);
    expect(linesShowing(result, 'ghp_plantedsecret')).toEqual([]);
  });
});
