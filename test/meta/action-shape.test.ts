import { expect, test } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { moduleSpecifiers, readSources } from './import-rules.js';

/** The one shape of an action (DEVELOPING.md, "The shape of an action"), checked so that it cannot drift. */

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const ACTIONS = readdirSync(SRC, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'lib')
  .map((entry) => entry.name);

test('every action folder has the same entry, inputs, logic and deps files', () => {
  expect(ACTIONS.length).toBeGreaterThanOrEqual(6);
  const files = new Set(readSources(SRC).map((file) => file.path));
  const missing = ACTIONS.flatMap((action) =>
    ['main.ts', 'inputs.ts', 'run.ts', 'deps.ts'].map((name) => `${action}/${name}`).filter((path) => !files.has(path)),
  );
  expect(missing).toEqual([]);
});

test('only src/lib/runner.ts talks to the runner through @actions/core', () => {
  const importers = readSources(SRC)
    .filter((file) => moduleSpecifiers(file).some(({ specifier }) => specifier === '@actions/core'))
    .map((file) => file.path);
  expect(importers).toEqual(['lib/runner.ts']);
});

test('every main.ts builds the runner once and hands the logic its deps', () => {
  const mains = readSources(SRC).filter((file) => /^[^/]+\/main\.ts$/.test(file.path) && !file.path.startsWith('lib/'));
  expect(mains).toHaveLength(ACTIONS.length);
  for (const main of mains) {
    expect({ path: main.path, runners: main.text.match(/createRunner\(/g)?.length ?? 0 }).toEqual({ path: main.path, runners: 1 });
    expect(main.text).toMatch(/await run\w+\(inputs, create\w+Deps\(/);
  }
});
