import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PROJECT_ROOT } from '../../sandbox/runner/run-action.js';

/** action.yml is the single source of truth for inputs: the code reads exactly what it declares. */

interface ActionYaml {
  name?: string;
  description?: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: unknown }>;
  outputs?: Record<string, { description?: string }>;
  runs?: { using?: string; main?: string; post?: string };
}

const actionNames = readdirSync(join(PROJECT_ROOT, 'actions')).filter((name) =>
  existsSync(join(PROJECT_ROOT, 'actions', name, 'action.yml')),
);

function readAction(name: string): ActionYaml {
  return parseYaml(readFileSync(join(PROJECT_ROOT, 'actions', name, 'action.yml'), 'utf8')) as ActionYaml;
}

/** Input names the action's code reads: every `input.<reader>('name')` call under src/<name>/. */
export function inputsReadByCode(name: string): string[] {
  const dir = join(PROJECT_ROOT, 'src', name);
  const names = new Set<string>();
  for (const file of readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const match of source.matchAll(/\binput\.\w+\(\s*'([^']+)'/g)) names.add(match[1] ?? '');
  }
  return [...names].sort();
}

describe.each(actionNames)('actions/%s/action.yml', (name) => {
  const action = readAction(name);
  const actionDir = join(PROJECT_ROOT, 'actions', name);

  it('has a name and description', () => {
    expect(action.name).toEqual(expect.any(String));
    expect(action.description).toEqual(expect.any(String));
  });

  it('describes every input and output', () => {
    const undescribed = [
      ...Object.entries(action.inputs ?? {})
        .filter(([, spec]) => !spec.description?.trim())
        .map(([input]) => `input ${input}`),
      ...Object.entries(action.outputs ?? {})
        .filter(([, spec]) => !spec.description?.trim())
        .map(([output]) => `output ${output}`),
    ];
    expect(undescribed).toEqual([]);
  });

  it('runs on node24 from a bundle that exists', () => {
    expect(action.runs?.using).toBe('node24');
    expect(action.runs?.main).toBe(`../../dist/${name}/index.js`);
    for (const entry of [action.runs?.main, action.runs?.post].filter((e): e is string => e !== undefined)) {
      expect(existsSync(resolve(actionDir, entry))).toBe(true);
    }
    const post = join(PROJECT_ROOT, 'src', name, 'post.ts');
    expect(action.runs?.post).toBe(existsSync(post) ? `../../dist/${name}/post/index.js` : undefined);
  });

  it('declares exactly the inputs the code reads', () => {
    expect(Object.keys(action.inputs ?? {}).sort()).toEqual(inputsReadByCode(name));
  });

  it('has a README', () => {
    expect(existsSync(join(dirname(join(actionDir, 'action.yml')), 'README.md'))).toBe(true);
  });
});
