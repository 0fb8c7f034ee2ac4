import { describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { importViolations, moduleSpecifiers, readSources, type SourceFile } from './import-rules.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

test('no action imports another action, and src/lib imports no action', () => {
  const sources = readSources(SRC);
  // Guards against a walk that silently finds nothing (and so can never fail).
  expect(sources.some((file) => file.path === 'lib/aws-call.ts')).toBe(true);
  expect(sources.some((file) => file.path === 'ecs-deploy/main.ts')).toBe(true);
  expect(importViolations(sources)).toEqual([]);
});

describe('the rule itself', () => {
  test('finds the imports that crossed the layers before src/lib/sts and src/lib/task-definition existed', () => {
    const oldLayout: SourceFile[] = [
      {
        path: 'lib/ecs/aws-clients.ts',
        text: "import { createStsClient } from '../../aws-credentials/assume-role.js';\nimport { createAwsClient } from '../aws.js';\n",
      },
      {
        path: 'ecs-deploy/task-definition-source.ts',
        text: [
          "import { InputError } from '../lib/errors.js';",
          "import { checkTaskDefinition, type TaskDefinition } from '../ecs-render/task-definition.js';",
          "import { readFile } from 'node:fs/promises';",
          "import { plan } from './plan.js';",
        ].join('\n'),
      },
    ];
    expect(importViolations(oldLayout)).toEqual([
      {
        file: 'lib/ecs/aws-clients.ts:1',
        specifier: '../../aws-credentials/assume-role.js',
        problem: 'src/lib imports the action aws-credentials: move what both need into src/lib',
      },
      {
        file: 'ecs-deploy/task-definition-source.ts:2',
        specifier: '../ecs-render/task-definition.js',
        problem: 'the action ecs-deploy imports the action ecs-render: move what both need into src/lib',
      },
    ]);
  });

  test('sees dynamic import(), export … from and type-only imports', () => {
    const file: SourceFile = {
      path: 'ecs-rollback/run.ts',
      text: [
        "const { deploy } = await import('../ecs-deploy/deploy.js');",
        "export { plan } from '../ecs-deploy/plan.js';",
        "type Record = import('../ecs-deploy/deploy-record.js').DeployRecord;",
        "import type { Inputs } from '../ecs-deploy/inputs.js';",
      ].join('\n'),
    };
    expect(importViolations([file]).map((violation) => violation.file)).toEqual([
      'ecs-rollback/run.ts:1',
      'ecs-rollback/run.ts:2',
      'ecs-rollback/run.ts:3',
      'ecs-rollback/run.ts:4',
    ]);
  });

  test('a computed import() cannot be checked, so it is refused', () => {
    const file: SourceFile = { path: 'ecs-render/main.ts', text: "const name = './run.js';\nawait import(name);\n" };
    expect(importViolations([file])).toEqual([
      {
        file: 'ecs-render/main.ts:2',
        specifier: '(computed)',
        problem: 'an import() whose module is not a string literal cannot be checked',
      },
    ]);
  });

  test('a path that climbs out of src/ and back into another action still counts', () => {
    const file: SourceFile = {
      path: 'ecs-deploy/x.ts',
      text: "import '../../src/ecs-render/run.js';\nimport '../lib/../ecs-render/y.js';\n",
    };
    expect(importViolations([file]).map((violation) => violation.problem)).toEqual([
      'imports from outside src/',
      'the action ecs-deploy imports the action ecs-render: move what both need into src/lib',
    ]);
  });

  test('reads the line of every specifier', () => {
    expect(moduleSpecifiers({ path: 'lib/a.ts', text: "\n\nimport { b } from './b.js';\n" })).toEqual([{ specifier: './b.js', line: 3 }]);
  });
});
