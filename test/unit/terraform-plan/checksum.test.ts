import { compareDigests, canonicalJson, planChecksum, resourceDigests } from '../../../src/terraform-plan/checksum.js';
import { parsePlanDocuments } from '../../../src/terraform-plan/plan-parse.js';
import { readPlanBytes } from '../../../src/terraform-plan/text-decode.js';
import { PLAN_FIXTURES, bytes } from './fixture-files.js';

const text = (name: string) => readPlanBytes(bytes(PLAN_FIXTURES.find((fixture) => fixture.name === name)?.json ?? ''));
const documentOf = (name: string): Record<string, unknown> => JSON.parse(text(name)) as Record<string, unknown>;
const checksumOf = (document: unknown) => planChecksum(parsePlanDocuments(JSON.stringify(document)));

test('canonical JSON sorts keys at every level', () => {
  expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}');
});

test('timestamp, Terraform version, prior state and key order do not change the checksum', () => {
  const document = documentOf('azuredevops (no-color text)');
  const before = checksumOf(document);
  expect(before).toMatch(/^sha256:[0-9a-f]{64}$/);
  const reordered = Object.fromEntries(
    Object.entries({ ...document, timestamp: '2030-01-01T00:00:00Z', terraform_version: '1.99.0', prior_state: {} }).reverse(),
  );
  expect(checksumOf(reordered)).toBe(before);
});

test('a changed attribute, action or output changes the checksum, and the digests say which resource', () => {
  const document = documentOf('azuredevops (no-color text)');
  const changed = structuredClone(document) as {
    resource_changes: { change: { after: Record<string, unknown> } }[];
    output_changes: Record<string, { after: unknown }>;
  };
  const target = changed.resource_changes[4];
  if (!target) throw new Error('fixture changed');
  target.change.after.description = 'something else';
  expect(checksumOf(changed)).not.toBe(checksumOf(document));
  const difference = compareDigests(
    resourceDigests(parsePlanDocuments(JSON.stringify(document))),
    resourceDigests(parsePlanDocuments(JSON.stringify(changed))),
  );
  expect(difference).toEqual({ added: [], removed: [], changed: ['azuredevops_project.example'] });
  const output = structuredClone(document) as typeof changed;
  const pipeline = output.output_changes.pipeline_id;
  if (!pipeline) throw new Error('fixture changed');
  pipeline.after = 'x';
  expect(checksumOf(output)).not.toBe(checksumOf(document));
});

test('a changed sensitive value does not change the checksum (the checksum is public)', () => {
  const document = JSON.parse(readPlanBytes(bytes(PLAN_FIXTURES.find((fixture) => fixture.name === 'planted secrets')?.json ?? ''))) as {
    resource_changes: { change: { after: Record<string, unknown> } }[];
  };
  const copy = structuredClone(document);
  const secret = copy.resource_changes[1];
  if (!secret) throw new Error('fixture changed');
  secret.change.after.secret_string = 'another-secret';
  expect(checksumOf(copy)).toBe(checksumOf(document));
});

test('NDJSON plans each count', () => {
  const ndjson = text('terragrunt NDJSON');
  const lines = ndjson.trim().split('\n');
  expect(planChecksum(parsePlanDocuments(ndjson))).not.toBe(planChecksum(parsePlanDocuments(lines.slice(0, 2).join('\n'))));
  expect(Object.keys(resourceDigests(parsePlanDocuments(ndjson)))).toEqual([
    '1:local_file.cache',
    '2:local_file.database',
    '3:local_file.server',
  ]);
});

test('the streaming checksum equals the hash of the canonical normalised plan', async () => {
  const { createHash } = await import('node:crypto');
  const { normalizePlans } = await import('../../../src/terraform-plan/checksum.js');
  for (const name of ['planted secrets', 'terragrunt NDJSON', 'azuredevops (no-color text)']) {
    const plans = parsePlanDocuments(text(name));
    expect(planChecksum(plans)).toBe(
      `sha256:${createHash('sha256')
        .update(canonicalJson(normalizePlans(plans)))
        .digest('hex')}`,
    );
  }
});
