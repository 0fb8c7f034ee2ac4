import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseBakeMetadata, parseBuildMetadata } from '../../../src/ecr-build-push/buildx-metadata.js';
import { ShapeError } from '../../../src/ecr-build-push/json-shape.js';
import {
  parseDescriptor,
  parseDescriptorList,
  parseImageConfigPlatform,
  parseManifestDocument,
} from '../../../src/ecr-build-push/oci-parse.js';
import type { ImageIndex } from '../../../src/ecr-build-push/oci-types.js';
import { splitIndex } from '../../../src/ecr-build-push/platforms.js';
import { FIXTURES } from '../../fixture-paths.js';

/** Every file in test/fixtures/buildx goes through the parser it is an example of. */
const DIR = join(FIXTURES, 'buildx');
const read = (path: string): unknown => JSON.parse(readFileSync(join(DIR, path), 'utf8'));
const index = (path: string): ImageIndex => {
  const document = parseManifestDocument(read(path), path);
  if (document.kind !== 'index') throw new Error(`${path} is not an index`);
  return document;
};

const HANDLED = new Set<string>();
const handled = (path: string) => {
  HANDLED.add(path);
  return path;
};

describe('buildx --metadata-file', () => {
  it('reads a pushed build: digest equals the descriptor digest', () => {
    const metadata = parseBuildMetadata(read(handled('docker__buildx/buildx_build/metadata.json')), 'metadata');
    expect(metadata).toMatchObject({
      digest: 'sha256:19ffeab6f8bc9293ac2c3fdf94ebe28396254c993aea0b5a542cfb02e0883fa3',
      configDigest: 'sha256:2937f66a9722f7f4a2df583de2f8cb97fc9196059a410e7f00072fc918930e66',
      buildRef: 'mybuilder/mybuilder0/0fjb6ubs52xx3vygf6fgdl611',
      descriptor: { mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 506 },
    });
  });

  it('reads a build without a descriptor and drops a malformed (63-hex) config digest instead of trusting it', () => {
    const metadata = parseBuildMetadata(read(handled('docker__actions-toolkit/__tests__.fixtures/metadata-build.json')), 'metadata');
    expect(metadata.digest).toBe('sha256:b09b9482c72371486bb2c1d2c2a2633ed1d0b8389e12c8d52b9e052725c0c83c');
    expect(metadata.descriptor).toBeUndefined();
    expect(metadata.configDigest).toBeUndefined();
  });

  it('takes the digest from the descriptor when containerimage.digest is absent (imagetools create)', () => {
    const metadata = parseBuildMetadata(read(handled('docker__buildx/buildx_imagetools_create/metadata.json')), 'metadata');
    expect(metadata).toMatchObject({
      digest: 'sha256:19ffeab6f8bc9293ac2c3fdf94ebe28396254c993aea0b5a542cfb02e0883fa3',
      imageNames: ['docker.io/user/app'],
    });
    expect(metadata.descriptor?.mediaType).toBe('application/vnd.oci.image.index.v1+json');
  });

  it.each(['docker__buildx/buildx_bake/metadata.json', 'docker__actions-toolkit/__tests__.fixtures/metadata-bake.json'])(
    'reads bake metadata per target, and refuses it as a single build (%s)',
    (path) => {
      const targets = parseBakeMetadata(read(handled(path)), path);
      expect(targets.size).toBeGreaterThanOrEqual(2);
      for (const target of targets.values()) expect(target.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(() => parseBuildMetadata(read(path), path)).toThrow(/neither "containerimage.digest" nor "containerimage.descriptor"/);
    },
  );

  it('rejects a truncated digest and two disagreeing digests', () => {
    expect(() => parseBuildMetadata({ 'containerimage.digest': 'sha256:abc' }, 'm')).toThrow(ShapeError);
    const descriptor = { mediaType: 'application/vnd.oci.image.index.v1+json', digest: `sha256:${'a'.repeat(64)}`, size: 1 };
    expect(() =>
      parseBuildMetadata({ 'containerimage.digest': `sha256:${'b'.repeat(64)}`, 'containerimage.descriptor': descriptor }, 'm'),
    ).toThrow(/two different digests/);
  });
});

describe('indexes and manifests', () => {
  it('splits a six-platform index from its six attestations (imagetools-04)', () => {
    const { images, attestations } = splitIndex(index(handled('docker__actions-toolkit/__tests__.fixtures/imagetools-04.json')));
    expect(images.map((image) => image.platform)).toEqual([
      'linux/amd64',
      'linux/arm/v7',
      'linux/arm64',
      'linux/s390x',
      'linux/ppc64le',
      'linux/riscv64',
    ]);
    expect(attestations).toHaveLength(6);
    // Each attestation describes one of the images and is never one of them.
    const imageDigests = new Set(images.map((image) => image.digest));
    for (const attestation of attestations) {
      expect(imageDigests.has(attestation.digest)).toBe(false);
      expect(imageDigests.has(attestation.describes ?? '')).toBe(true);
    }
  });

  it.each(['docker__buildx/buildx_imagetools_inspect/manifest-format-json.json', 'moby__buildkit/attestation-storage/image-index.json'])(
    'a single-platform push with provenance is an index of one image plus one attestation (%s)',
    (path) => {
      const { images, attestations } = splitIndex(index(handled(path)));
      expect(images.map((image) => image.platform)).toEqual(['linux/amd64']);
      expect(attestations).toEqual([{ digest: expect.stringMatching(/^sha256:/), describes: images[0]?.digest }]);
    },
  );

  it('reads a Docker manifest list (no attestations, arm variant)', () => {
    const document = index(handled('docker__buildx/buildx_imagetools_inspect/raw-manifest-list.json'));
    expect(document.mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json');
    expect(splitIndex(document).images.map((image) => image.platform)).toContain('linux/arm/v7');
    expect(splitIndex(document).attestations).toEqual([]);
  });

  it('reads a Docker v2 schema 2 image manifest', () => {
    const document = parseManifestDocument(read(handled('docker__buildx/buildx_imagetools_inspect/raw-manifest.json')), 'raw');
    expect(document).toMatchObject({ kind: 'manifest', config: { mediaType: 'application/vnd.docker.container.image.v1+json' } });
  });

  it('recognises the attestation manifest itself by its artifactType and subject', () => {
    const document = parseManifestDocument(read(handled('moby__buildkit/attestation-storage/attestation-manifest.json')), 'att');
    expect(document).toMatchObject({
      kind: 'manifest',
      artifactType: 'application/vnd.docker.attestation.manifest.v1+json',
      subject: { digest: expect.any(String) },
    });
  });

  it('reads single descriptors and descriptor lists (imagetools-03, imagetools-05)', () => {
    expect(parseDescriptor(read(handled('docker__actions-toolkit/__tests__.fixtures/imagetools-03.json')), 'd')).toMatchObject({
      size: 1599,
    });
    const list = parseDescriptorList(read(handled('docker__actions-toolkit/__tests__.fixtures/imagetools-05.json')), 'list');
    expect(list).toHaveLength(6);
    expect(splitIndex({ kind: 'index', mediaType: 'application/vnd.oci.image.index.v1+json', manifests: list }).images).toEqual([]);
  });

  it('reads the platform from image configs (imagetools-02)', () => {
    const configs = read(handled('docker__actions-toolkit/__tests__.fixtures/imagetools-02.json'));
    if (typeof configs !== 'object' || configs === null) throw new Error('not an object');
    for (const [platform, config] of Object.entries(configs)) {
      const parsed = parseImageConfigPlatform(config, platform);
      expect([parsed.os, parsed.architecture, parsed.variant].filter(Boolean).join('/')).toBe(platform);
    }
  });

  it('rejects schema 1, a mismatched served type, and unknown media types', () => {
    expect(() => parseManifestDocument({ schemaVersion: 1, name: 'ubuntu' }, 'm')).toThrow(/schemaVersion 1/);
    const list = read('docker__buildx/buildx_imagetools_inspect/raw-manifest-list.json');
    expect(() => parseManifestDocument(list, 'm', 'application/vnd.oci.image.index.v1+json')).toThrow(/served as/);
    expect(() => parseManifestDocument({ schemaVersion: 2, mediaType: 'text/plain' }, 'm')).toThrow(
      /neither an image index nor an image manifest/,
    );
  });

  it('infers an OCI index that omits mediaType from the served type or its shape', () => {
    const body = { schemaVersion: 2, manifests: [] };
    expect(parseManifestDocument(body, 'm', 'application/vnd.oci.image.index.v1+json; charset=utf-8')).toMatchObject({ kind: 'index' });
    expect(parseManifestDocument(body, 'm')).toMatchObject({ kind: 'index' });
  });
});

afterAll(() => {
  // Runs last: every fixture file must have been used by one of the tests above.
  const all = readdirSync(DIR, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.json'))
    .map((file) => relative(DIR, join(DIR, file)));
  expect(all.filter((file) => !HANDLED.has(file)).sort()).toEqual([]);
});
