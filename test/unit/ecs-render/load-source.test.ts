import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeTags, readTaskDefinitionFile, unwrapTaskDefinition } from '../../../src/ecs-render/load-source.js';

const dir = mkdtempSync(join(tmpdir(), 'ecs-render-load-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const TASK = { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx' }] };

describe('readTaskDefinitionFile', () => {
  it.each([
    ['plain.json', JSON.stringify(TASK)],
    ['bom.json', `\uFEFF${JSON.stringify(TASK)}`],
    ['task.yaml', 'family: web\ncontainerDefinitions:\n  - name: web\n    image: nginx\n'],
    ['task.yml', 'family: web\ncontainerDefinitions: [{name: web, image: nginx}]\n'],
    ['task-def', JSON.stringify(TASK)],
  ])('reads %s', async (name, text) => {
    expect(await readTaskDefinitionFile(file(name, text), name)).toEqual({ definition: TASK });
  });

  it('keeps the tags of the describe-task-definition shape beside the definition', async () => {
    const path = file('described.json', JSON.stringify({ taskDefinition: TASK, tags: [{ key: 'team', value: 'web' }] }));
    expect(await readTaskDefinitionFile(path, 'described.json')).toEqual({ definition: TASK, tags: [{ key: 'team', value: 'web' }] });
  });

  it.each([
    ['broken.json', '{"family": <FAMILY>}', /Input 'task-definition': file 'broken.json' is not valid JSON/],
    ['broken.yaml', 'family: [unclosed', /file 'broken.yaml' is neither valid JSON nor valid YAML/],
    ['empty.yaml', '', /file 'empty.yaml' does not hold a JSON object/],
    [
      'list.json',
      JSON.stringify([TASK.containerDefinitions[0]]),
      /holds a list \(a container_definitions array\?\), not a task definition/,
    ],
    [
      'container.json',
      JSON.stringify({ name: 'web', image: 'nginx', essential: true }),
      /holds a single container definition, not a task definition/,
    ],
    ['wrapped.json', JSON.stringify({ taskDefinition: 'web:3' }), /'taskDefinition' is not an object/],
  ])('fails clearly on %s', async (name, text, problem) => {
    await expect(readTaskDefinitionFile(file(name, text), name)).rejects.toThrow(problem);
  });
});

describe('mergeTags', () => {
  it.each([
    [{ definition: TASK }, TASK],
    [{ definition: TASK, tags: [] }, TASK],
    [
      { definition: TASK, tags: [{ key: 'a', value: 'b' }] },
      { ...TASK, tags: [{ key: 'a', value: 'b' }] },
    ],
  ])('%j', (raw, expected) => {
    expect(mergeTags(raw, 'task-definition')).toEqual(expected);
  });

  it.each([
    [{ definition: TASK, tags: 'team=web' }, /'tags' beside 'taskDefinition' is not a list/],
    [{ definition: { ...TASK, tags: [{ key: 'x' }] }, tags: [{ key: 'y' }] }, /has tags both inside and beside/],
  ])('refuses %j', (raw, problem) => {
    expect(() => mergeTags(raw, 'task-definition')).toThrow(problem);
  });

  it('unwraps a fetched describe response for the fetching input', () => {
    expect(() => unwrapTaskDefinition({ taskDefinition: null }, 'task-definition-family', "task definition 'web'")).toThrow(
      /^Input 'task-definition-family': task definition 'web': 'taskDefinition' is not an object/,
    );
  });
});
