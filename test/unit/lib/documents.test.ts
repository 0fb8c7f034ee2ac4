import { parseJsonOrYaml } from '../../../src/lib/documents.js';

describe('parseJsonOrYaml', () => {
  it('reads JSON, with or without a byte-order mark', async () => {
    expect(await parseJsonOrYaml('doc', '\uFEFF{"a": 2}', 'the file')).toEqual({ a: 2 });
  });

  it('falls back to YAML when the text is not JSON', async () => {
    expect(await parseJsonOrYaml('doc', 'a: 1\nb: [x]\n', 'the file')).toEqual({ a: 1, b: ['x'] });
  });

  it('names the input when the text is neither', async () => {
    await expect(parseJsonOrYaml('task-definition', 'a: [1\n', "file 'td.yaml'")).rejects.toThrow(
      /^Input 'task-definition': file 'td.yaml' is neither valid JSON nor valid YAML/,
    );
  });

  it('refuses a key twice, in JSON and in YAML', async () => {
    await expect(parseJsonOrYaml('task-definition', '{"image": "a", "image": "b"}', 'the file')).rejects.toThrow(
      /the file: the key 'image' appears twice in one object \(line 1, column 16\)/,
    );
    await expect(parseJsonOrYaml('task-definition', 'image: a\nimage: b\n', 'the file')).rejects.toThrow(
      /YAML: duplicate key at line 2, column 1/,
    );
  });

  it('reads what starts like JSON as JSON only: broken JSON is not taken as YAML flow', async () => {
    await expect(parseJsonOrYaml('task-definition', '{"cpu": 256m}', 'the file')).rejects.toThrow(
      /the file is not valid JSON: .* at line 1, column 12/,
    );
  });

  it('quotes no text of the document in a YAML error', async () => {
    const error = await parseJsonOrYaml('d', 'a: "CANARYsecret\nb: [\n', 'the file').catch((caught: unknown) => caught);
    expect(String(error)).toMatch(/YAML: .* at line \d+, column \d+/);
    expect(String(error)).not.toMatch(/CANARY|secret/);
  });
});
