import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { jest } from '@jest/globals';
import { builderShortfalls, parseBuildxInspect } from '../../../src/ecr-build-push/builder.js';
import { createRegistryApi, type FetchLike } from '../../../src/ecr-build-push/registry-api.js';
import { ecrCredentials, genericCredentials, pushRegistry } from '../../../src/ecr-build-push/registry-login.js';
import { isTagImmutable } from '../../../src/ecr-build-push/repository.js';
import { parseSavedHosts } from '../../../src/ecr-build-push/state.js';
import { redactSecrets } from '../../../src/lib/secrets.js';

const ecr = mockClient(ECRClient);
afterEach(() => ecr.reset());

describe('ecrCredentials', () => {
  it('decodes AWS:<password>, masks token and password at once, and maps accounts to hosts', async () => {
    const token = Buffer.from('AWS:pw-0123456789abcdef').toString('base64');
    ecr.on(GetAuthorizationTokenCommand).resolves({
      authorizationData: [
        { authorizationToken: token, proxyEndpoint: 'https://222222222222.dkr.ecr.eu-west-1.amazonaws.com' },
        { authorizationToken: token, proxyEndpoint: 'https://111111111111.dkr.ecr.eu-west-1.amazonaws.com' },
      ],
    });
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const all = await ecrCredentials(new ECRClient({ region: 'eu-west-1' }), ['111111111111', '222222222222']);
    const printed = write.mock.calls.map((call) => String(call[0])).join('');
    write.mockRestore();
    expect(printed).toContain(`::add-mask::${token}`);
    expect(printed).toContain('::add-mask::pw-0123456789abcdef');
    expect(redactSecrets('x pw-0123456789abcdef y')).toBe('x *** y');
    expect(all.map((entry) => [entry.accountId, entry.username])).toEqual([
      ['222222222222', 'AWS'],
      ['111111111111', 'AWS'],
    ]);
    expect(pushRegistry(all, ['111111111111', '222222222222']).host).toBe('111111111111.dkr.ecr.eu-west-1.amazonaws.com');
    expect(ecr.commandCalls(GetAuthorizationTokenCommand)[0]?.args[0].input).toEqual({ registryIds: ['111111111111', '222222222222'] });
  });

  it('refuses a token that is not user:password, and a proxyEndpoint that is not a URL', async () => {
    ecr
      .on(GetAuthorizationTokenCommand)
      .resolves({ authorizationData: [{ authorizationToken: Buffer.from('nocolon').toString('base64'), proxyEndpoint: 'https://x' }] });
    await expect(ecrCredentials(new ECRClient({ region: 'eu-west-1' }), [])).rejects.toThrow(/not base64 'user:password'/);
    ecr
      .on(GetAuthorizationTokenCommand)
      .resolves({ authorizationData: [{ authorizationToken: Buffer.from('AWS:pw').toString('base64'), proxyEndpoint: 'ftp://x/y' }] });
    await expect(ecrCredentials(new ECRClient({ region: 'eu-west-1' }), [])).rejects.toThrow(/not a registry URL/);
  });

  it('speaks plain HTTP only to a loopback generic registry', () => {
    expect(genericCredentials('ghcr.io', 'u', 'p').endpoint).toBe('https://ghcr.io');
    expect(genericCredentials('127.0.0.1:5000', 'u', 'p').endpoint).toBe('http://127.0.0.1:5000');
  });
});

describe('registry HTTP API authentication', () => {
  const manifest = '{"schemaVersion":2}';
  it('answers a Bearer challenge through the token endpoint with the basic credentials (GHCR)', async () => {
    const seen: [string, string | undefined][] = [];
    const fetchImpl: FetchLike = async (url, init) => {
      seen.push([url, init.headers.Authorization]);
      if (url.startsWith('https://ghcr.io/token')) return new Response(JSON.stringify({ token: 'short-lived' }));
      if (init.headers.Authorization !== 'Bearer short-lived') {
        return new Response('', {
          status: 401,
          headers: { 'WWW-Authenticate': 'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/web:pull"' },
        });
      }
      return new Response(manifest, { headers: { 'Content-Type': 'application/vnd.oci.image.index.v1+json' } });
    };
    const api = createRegistryApi(genericCredentials('ghcr.io', 'octocat', 'ghp_x'), fetchImpl);
    expect(await api.getManifest('o/web', 'latest')).toMatchObject({
      body: manifest,
      mediaType: 'application/vnd.oci.image.index.v1+json',
    });
    expect(seen[1]).toEqual([
      'https://ghcr.io/token?service=ghcr.io&scope=repository%3Ao%2Fweb%3Apull',
      `Basic ${Buffer.from('octocat:ghp_x').toString('base64')}`,
    ]);
  });

  it('answers a Basic challenge directly, and reports a missing manifest as undefined', async () => {
    const fetchImpl: FetchLike = async (_url, init) =>
      init.headers.Authorization
        ? new Response('', { status: 404 })
        : new Response('', { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="registry"' } });
    expect(
      await createRegistryApi(genericCredentials('127.0.0.1:5000', 'AWS', 'pw'), fetchImpl).getManifest('web', 'nope'),
    ).toBeUndefined();
  });

  it('refuses bytes whose digest is not the one asked for', async () => {
    const fetchImpl: FetchLike = async () => new Response(manifest);
    const api = createRegistryApi(genericCredentials('127.0.0.1:5000', 'AWS', 'pw'), fetchImpl);
    await expect(api.getManifest('web', `sha256:${'0'.repeat(64)}`)).rejects.toThrow(/served manifest bytes with digest/);
  });
});

describe('builder and repository rules', () => {
  const inspect = [
    'Name:          default',
    'Driver:        docker',
    'Last Activity: 2024-05-01 10:00:00 +0000 UTC',
    '',
    'Nodes:',
    'Name:             default',
    'Endpoint:         default',
    'Status:           running',
    'BuildKit version: v0.13.2',
    'Platforms:        linux/amd64, linux/amd64/v2, linux/386, linux/arm64*',
  ].join('\n');

  it('reads the builder name, driver and platforms from buildx inspect', () => {
    expect(parseBuildxInspect(inspect)).toEqual({
      name: 'default',
      driver: 'docker',
      platforms: ['linux/amd64', 'linux/amd64/v2', 'linux/386', 'linux/arm64'],
    });
  });

  it('says what a docker-driver builder lacks', () => {
    const builder = parseBuildxInspect(inspect);
    expect(builderShortfalls(builder, { platforms: ['linux/amd64'], exportsCache: false })).toEqual([]);
    expect(builderShortfalls(builder, { platforms: ['linux/amd64', 'linux/s390x'], exportsCache: true })).toEqual([
      'it cannot build linux/s390x',
      'its docker driver cannot push a multi-platform image',
      'its docker driver cannot export a registry cache',
    ]);
  });

  it('knows which tags an ECR repository will refuse to move', () => {
    const state = { name: 'web', created: false, exclusions: ['buildcache*', 'latest'] };
    expect(isTagImmutable({ ...state, mutability: 'IMMUTABLE' }, 'buildcache')).toBe(true);
    expect(isTagImmutable({ ...state, mutability: 'IMMUTABLE_WITH_EXCLUSION' }, 'buildcache-arm')).toBe(false);
    expect(isTagImmutable({ ...state, mutability: 'IMMUTABLE_WITH_EXCLUSION' }, 'v1')).toBe(true);
    expect(isTagImmutable({ ...state, mutability: 'MUTABLE_WITH_EXCLUSION' }, 'latest')).toBe(true);
    expect(isTagImmutable({ ...state, mutability: 'MUTABLE' }, 'v1')).toBe(false);
  });

  it('reads the saved host list defensively', () => {
    expect(parseSavedHosts('["a.example","",3]')).toEqual(['a.example']);
    expect(parseSavedHosts('not json')).toEqual([]);
  });
});
