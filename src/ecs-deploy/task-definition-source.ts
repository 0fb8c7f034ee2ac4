import { readInputFile, resolveInputPath, type FileRoots } from '../lib/input-files.js';
import { quoteValue } from '../lib/untrusted-text.js';
import { InputError } from '../lib/errors.js';
import { parseJsonOrYaml } from '../lib/documents.js';
import { describeUnknownKeys, findUnknownKeys, stripDescribeOnly } from '../lib/task-definition/register-keys.js';
import { checkTaskDefinition, type TaskDefinition } from '../lib/task-definition/model.js';
import { validateTaskDefinition } from '../lib/task-definition/validate.js';
import { parseTaskDefinitionArn } from '../lib/arn.js';

/**
 * What `task-definition` names: a rendered file to register, or an existing revision to deploy as
 * it is (promotion between environments, or going back to a known revision).
 */
export type TaskDefinitionSource =
  | { kind: 'arn'; arn: string }
  | {
      kind: 'file';
      path: string;
      /** Ready for RegisterTaskDefinition: describe-only fields removed. */
      definition: TaskDefinition;
      /** Describe-only fields that were removed (a file saved from DescribeTaskDefinition carries them). */
      removedKeys: string[];
      /** Keys the SDK would drop silently; reported as a warning, as ecs-render does. */
      unknownKeysWarning?: string;
    };

const INPUT = 'task-definition';

export async function readTaskDefinitionSource(value: string, roots: FileRoots): Promise<TaskDefinitionSource> {
  if (value.startsWith('arn:')) {
    if (!parseTaskDefinitionArn(value)) {
      throw new InputError(
        INPUT,
        `'${quoteValue(value)}' is not a task definition revision ARN`,
        'Use arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>, or a file path',
      );
    }
    return { kind: 'arn', arn: value };
  }
  // Inside the workspace or RUNNER_TEMP only (symlinks followed); a directory is refused by name.
  const path = resolveInputPath(INPUT, value, {
    ...roots,
    missingFix: 'Give the path of the rendered task definition (relative to the workspace), or a task definition ARN',
  });
  const document = await parseJsonOrYaml(INPUT, readInputFile(INPUT, value, roots), `file '${quoteValue(value)}'`);
  // A file saved from `aws ecs describe-task-definition` wraps the definition; accept it as the CLI does.
  const unwrapped = isWrapped(document) ? document.taskDefinition : document;
  const { stripped, removed } = stripDescribeOnly(isObject(unwrapped) ? unwrapped : {});
  const definition = checkTaskDefinition(isObject(unwrapped) ? stripped : unwrapped, INPUT, `file '${value}'`);
  // The validator ecs-render uses: what RegisterTaskDefinition would reject, caught before any AWS call.
  validateTaskDefinition(definition, { sourceInput: INPUT });
  const unknown = findUnknownKeys(definition);
  return {
    kind: 'file',
    path,
    definition,
    removedKeys: removed,
    ...(unknown.length > 0 ? { unknownKeysWarning: describeUnknownKeys(unknown) } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWrapped(value: unknown): value is { taskDefinition: unknown } {
  return isObject(value) && Object.keys(value).length <= 2 && isObject(value.taskDefinition) && value.containerDefinitions === undefined;
}
