import { readFileSync } from 'node:fs';
import { runAction } from '../../sandbox/runner/run-action.js';
import { DESCRIBE_ONLY_KEYS } from '../../src/lib/task-definition/register-keys.js';
import { FIXTURE_CASES, fixtureFiles, fixturePath, NEW_IMAGE, renderInputs } from '../unit/ecs-render/fixture-cases.js';
import type { FixtureCase } from '../unit/ecs-render/fixture-cases.js';
import { leafPaths, serializeRegisterRequest } from '../unit/ecs-render/register-capture.js';

/** The fixtures' folder is the workspace: file inputs outside the workspace are refused. */
const workspace = fixturePath('.');

/**
 * Every task definition in test/fixtures/ecs-taskdef through the bundle: the valid ones render
 * into what the SDK's RegisterTaskDefinition serialises without dropping a key; the invalid, template
 * and container-only ones fail with one clear error on 'task-definition'.
 */

describe('ecs-render bundle over the ecs-taskdef fixtures', () => {
  it('covers every fixture file', () => {
    expect(fixtureFiles()).toEqual(FIXTURE_CASES.map((fixture) => fixture.file).sort());
  });

  const renders = FIXTURE_CASES.filter((fixture) => fixture.outcome === 'renders');
  it.each(renders.map((fixture): [string, FixtureCase] => [fixture.file, fixture]))('%s renders', async (_file, fixture) => {
    const result = await runAction('ecs-render', { inputs: renderInputs(fixture), workspace });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.exitCode).toBe(0);
    const rendered = JSON.parse(readFileSync(result.outputs['task-definition'] ?? '', 'utf8')) as Record<string, unknown>;
    for (const key of DESCRIBE_ONLY_KEYS) expect(rendered).not.toHaveProperty(key);
    const containers = rendered.containerDefinitions as { name: string; image: string }[];
    expect(containers.find((container) => container.name === fixture.container)?.image).toBe(NEW_IMAGE);

    const { body } = await serializeRegisterRequest(rendered);
    expect(leafPaths(body).sort()).toEqual(leafPaths(rendered).sort());
    expect(result.summary).toContain(`→ \`${NEW_IMAGE}\``);
  });

  const fails = FIXTURE_CASES.filter((fixture) => fixture.outcome === 'fails' || fixture.fill !== undefined);
  it.each(fails.map((fixture): [string, FixtureCase] => [fixture.file, fixture]))(
    '%s fails with one clear input error',
    async (_file, fixture) => {
      const result = await runAction('ecs-render', { inputs: renderInputs(fixture, false), workspace });
      expect(result.exitCode).toBe(1);
      expect(result.errors).toEqual([expect.stringMatching(/^Input 'task-definition': /)]);
      expect(result.errors[0]).toMatch(fixture.error ?? /never/);
      expect(result.outputs).toEqual({});
    },
  );
});
