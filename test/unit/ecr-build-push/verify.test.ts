import { comparePlatforms, normalizePlatform } from '../../../src/ecr-build-push/platforms.js';
import { VerificationError, verifyImage } from '../../../src/ecr-build-push/verify.js';
import { MemoryRegistry, indexOf } from './memory-registry.js';

describe('verifyImage', () => {
  it('accepts an index holding every requested platform, attestations reported apart and never as the image', async () => {
    const registry = new MemoryRegistry();
    const digest = indexOf(registry, ['linux/amd64', 'linux/arm64'], { attestations: true });
    const verified = await verifyImage(registry.reader(), 'web', digest, ['linux/amd64', 'linux/arm64']);
    expect(verified).toMatchObject({ digest, kind: 'index', unexpected: [] });
    expect(verified?.images.map((image) => image.platform)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(verified?.attestations).toHaveLength(2);
    expect(verified?.attestations.map((a) => a.digest)).not.toContain(verified?.digest);
  });

  it('fails, naming the platform, when one did not land', async () => {
    const registry = new MemoryRegistry();
    const digest = indexOf(registry, ['linux/amd64']);
    await expect(verifyImage(registry.reader(), 'web', digest, ['linux/amd64', 'linux/arm64'])).rejects.toThrow(
      /no image for linux\/arm64 \(it holds linux\/amd64\)/,
    );
  });

  it('fails when the index lists a platform image the registry does not have', async () => {
    const registry = new MemoryRegistry();
    const digest = indexOf(registry, ['linux/amd64', 'linux/arm64']);
    const arm = [...registry.manifests.values()].find((m) => m.body.includes('config'))?.digest ?? '';
    registry.manifests.delete(arm);
    await expect(verifyImage(registry.reader(), 'web', digest, ['linux/amd64', 'linux/arm64'])).rejects.toThrow(
      /missing from the registry/,
    );
  });

  it('fails when an index entry claims a platform its image config does not have', async () => {
    const registry = new MemoryRegistry();
    const amd = registry.image('linux/amd64');
    const digest = registry.put({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: amd, size: 1, platform: { os: 'linux', architecture: 'arm64' } },
      ],
    });
    await expect(verifyImage(registry.reader(), 'web', digest, ['linux/arm64'])).rejects.toThrow(
      /lists .* as linux\/arm64, but its config says linux\/amd64/,
    );
  });

  it('fails for an index of attestations only', async () => {
    const registry = new MemoryRegistry();
    const digest = registry.put({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: `sha256:${'1'.repeat(64)}`,
          size: 1,
          platform: { os: 'unknown', architecture: 'unknown' },
        },
      ],
    });
    await expect(verifyImage(registry.reader(), 'web', digest, ['linux/amd64'])).rejects.toThrow(/only attestations/);
  });

  it('reads the platform of a single manifest from its config blob', async () => {
    const registry = new MemoryRegistry();
    const digest = registry.image('linux/arm64', 'abc');
    expect(await verifyImage(registry.reader(), 'web', 'abc', ['linux/arm64'])).toMatchObject({
      digest,
      kind: 'manifest',
      images: [{ platform: 'linux/arm64' }],
    });
    await expect(verifyImage(registry.reader(), 'web', digest, ['linux/amd64'])).rejects.toBeInstanceOf(VerificationError);
  });

  it('refuses a digest that points at an attestation manifest', async () => {
    const registry = new MemoryRegistry();
    const index = indexOf(registry, ['linux/amd64'], { attestations: true });
    const attestation = JSON.parse(registry.manifests.get(index)?.body ?? '{}').manifests[1].digest as string;
    await expect(verifyImage(registry.reader(), 'web', attestation, ['linux/amd64'])).rejects.toThrow(/attestation manifest, not an image/);
  });

  it('returns undefined when the registry has nothing under the reference', async () => {
    expect(await verifyImage(new MemoryRegistry().reader(), 'web', 'nope', ['linux/amd64'])).toBeUndefined();
  });
});

describe('platform strings', () => {
  it.each([
    ['linux/amd64', 'linux/amd64'],
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/arm', 'linux/arm/v7'],
    ['linux/x86_64', 'linux/amd64'],
    ['LINUX/ARM64', 'linux/arm64'],
    ['linux', null],
    ['linux/amd64/v2/x', null],
    ['linux/a md64', null],
  ])('%s → %s', (text, expected) => {
    expect(normalizePlatform(text)).toBe(expected);
  });

  it('compares requested and landed platforms after normalising both', () => {
    expect(comparePlatforms(['linux/arm64', 'linux/amd64'], ['linux/arm64/v8', 'linux/amd64', 'linux/s390x'])).toEqual({
      missing: [],
      unexpected: ['linux/s390x'],
    });
  });
});
