import { describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { importCycles, importGraph } from './import-cycles.js';
import { readSources, type SourceFile } from './import-rules.js';

const tree = (name: string) => fileURLToPath(new URL(`../../${name}`, import.meta.url));

test.each([
  ['sandbox', 'ecs/simulation.ts'],
  ['src', 'lib/aws-call.ts'],
])('no import cycle in %s/', (name, expected) => {
  const sources = readSources(tree(name));
  // Guards against a walk that silently finds nothing (and so can never fail).
  expect(sources.some((file) => file.path === expected)).toBe(true);
  expect(importCycles(sources)).toEqual([]);
});

describe('the cycle finder itself', () => {
  const file = (path: string, ...imports: string[]): SourceFile => ({
    path,
    text: imports.map((specifier) => `import '${specifier}';`).join('\n'),
  });

  test('finds the three cycles the sandbox had, type-only imports included', () => {
    const before: SourceFile[] = [
      { path: 'ecr/registry-store.ts', text: "import type { RegistryUpstream } from './registry-upstream.js';" },
      { path: 'ecr/registry-upstream.ts', text: "import { manifestDigest } from './registry-store.js';" },
      { path: 'github/rest-routes.ts', text: "import { COMMIT_ROUTES } from './commit-routes.js';" },
      { path: 'github/commit-routes.ts', text: "import { paginate } from './pagination.js';" },
      { path: 'github/pagination.ts', text: "import type { RouteContext } from './rest-routes.js';" },
      { path: 'ecs/simulation.ts', text: "import { stepService } from './scheduler.js';" },
      { path: 'ecs/scheduler.ts', text: "import type { EcsSimulation } from './simulation.js';" },
      file('ecs/views.ts', './records.js'),
      file('ecs/records.ts'),
    ];
    expect(importCycles(before)).toEqual([
      ['ecr/registry-store.ts', 'ecr/registry-upstream.ts'],
      ['ecs/scheduler.ts', 'ecs/simulation.ts'],
      ['github/commit-routes.ts', 'github/pagination.ts', 'github/rest-routes.ts'],
    ]);
  });

  test('a file importing itself is a cycle; a diamond is not', () => {
    expect(importCycles([file('a.ts', './a.js')])).toEqual([['a.ts']]);
    expect(importCycles([file('a.ts', './b.js', './c.js'), file('b.ts', './d.js'), file('c.ts', './d.js'), file('d.ts')])).toEqual([]);
  });

  test('resolves .js to .ts, folders to index.ts, and ignores packages and files outside the set', () => {
    const graph = importGraph([
      file('a.ts', './b.js', './dir', '../outside.js', 'node:fs', '@aws-sdk/client-ecs'),
      file('b.ts'),
      file('dir/index.ts', '../a.js'),
    ]);
    expect(graph.get('a.ts')).toEqual(['b.ts', 'dir/index.ts']);
    expect(importCycles([file('a.ts', './dir'), file('dir/index.ts', '../a.js')])).toEqual([['a.ts', 'dir/index.ts']]);
  });

  test('sees dynamic import() and export … from', () => {
    const files: SourceFile[] = [
      { path: 'a.ts', text: "export { b } from './b.js';" },
      { path: 'b.ts', text: "const { a } = await import('./a.js');" },
    ];
    expect(importCycles(files)).toEqual([['a.ts', 'b.ts']]);
  });
});
