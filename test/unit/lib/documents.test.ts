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
});
