import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inputs } from '../../../src/lib/inputs.js';
import { readEcsRenderInputs } from '../../../src/ecs-render/inputs.js';
import { DESCRIBE_ONLY_KEYS } from '../../../src/lib/task-definition/register-keys.js';
import { runEcsRender } from '../../../src/ecs-render/run.js';
import type { EcsRenderDeps } from '../../../src/ecs-render/run.js';
import { fakeRunner } from '../../fakes/runner.js';
import { FIXTURE_CASES, fixtureFiles, fixturePath, NEW_IMAGE, renderInputs } from './fixture-cases.js';
import type { FixtureCase } from './fixture-cases.js';
import { leafPaths, serializeRegisterRequest } from './register-capture.js';

/** Renders every fixture in-process and sends the result through the real SDK serializer (no network). */

const quietDeps: EcsRenderDeps = {
  fetchTaskDefinition: () => Promise.reject(new Error('no fetching in this test')),
  ...fakeRunner().runner,
};

async function render(raw: Record<string, string>) {
  const inputs = readEcsRenderInputs(new Inputs((name) => raw[name] ?? ''), {
    RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'ecs-render-unit-')),
  });
  return runEcsRender(inputs, quietDeps);
}

/** The source as RegisterTaskDefinition would take it: unwrapped from the describe shape, tags beside it moved in. */
function sourceDefinition(file: string): Record<string, unknown> {
  const document = JSON.parse(readFileSync(fixturePath(file), 'utf8')) as Record<string, unknown>;
  return (document.taskDefinition as Record<string, unknown> | undefined) ?? document;
}

const withoutValue = (path: string) => path.replace(/=.*$/, '');

describe('every ecs-taskdef fixture', () => {
  it('is in the table of expected outcomes', () => {
    expect(fixtureFiles()).toEqual(FIXTURE_CASES.map((fixture) => fixture.file).sort());
  });

  const renders = FIXTURE_CASES.filter((fixture) => fixture.outcome === 'renders');
  it.each(renders.map((fixture): [string, FixtureCase] => [fixture.file, fixture]))(
    '%s renders into a RegisterTaskDefinition request that keeps every key',
    async (_file, fixture) => {
      const { path, definition } = await render(renderInputs(fixture));
      const written = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      expect(written).toEqual(definition);
      for (const key of DESCRIBE_ONLY_KEYS) expect(written).not.toHaveProperty(key);
      expect(definition.containerDefinitions.find((container) => container.name === fixture.container)?.image).toBe(NEW_IMAGE);

      // Nothing of the source is lost on the way (values may change, paths may be added)...
      const rendered = new Set(leafPaths(written).map(withoutValue));
      const source = sourceDefinition(fixture.file);
      const expected = leafPaths(Object.fromEntries(Object.entries(source).filter(([key]) => !DESCRIBE_ONLY_KEYS.includes(key))));
      expect(expected.map(withoutValue).filter((leaf) => !rendered.has(leaf))).toEqual([]);

      // ...and the SDK serialises every key it is given: nothing is silently dropped.
      const { target, body } = await serializeRegisterRequest(written);
      expect(target).toBe('AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition');
      expect(leafPaths(body).sort()).toEqual(leafPaths(written).sort());
    },
  );

  const fails = FIXTURE_CASES.filter((fixture) => fixture.outcome === 'fails' || fixture.fill !== undefined);
  it.each(fails.map((fixture): [string, FixtureCase] => [fixture.file, fixture]))(
    '%s fails with a clear input error',
    async (_file, fixture) => {
      const failure = render(renderInputs(fixture, false));
      await expect(failure).rejects.toThrow(/^Input 'task-definition': /);
      await expect(failure).rejects.toThrow(fixture.error ?? /never/);
    },
  );
});
