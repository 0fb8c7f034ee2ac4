import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../lib/errors.js';
import { parseJsonOrYaml } from '../lib/documents.js';
import { parseJson } from '../lib/inputs.js';
import { isRecord } from '../lib/task-definition/model.js';

/** A task definition as found, before any checks: the object itself and the tags kept beside it. */
export interface RawTaskDefinition {
  definition: Record<string, unknown>;
  /** Tags from the `{"taskDefinition": …, "tags": […]}` describe shape, which keeps them outside. */
  tags?: unknown;
}

/**
 * Reads a task definition file. A `.json` file must be JSON (a template that only YAML would
 * accept is a mistake, not YAML); `.yaml`/`.yml` and other names may be either.
 */
export async function readTaskDefinitionFile(path: string, display: string): Promise<RawTaskDefinition> {
  const text = readFileSync(path, 'utf8');
  const where = `file '${display}'`;
  const document =
    extname(path).toLowerCase() === '.json'
      ? parseJson('task-definition', text, where)
      : await parseJsonOrYaml('task-definition', text, where);
  return unwrapTaskDefinition(document, 'task-definition', `file '${display}'`);
}

/**
 * Accepts a task definition, or the describe/register response shape that wraps one. Recognises
 * the documents people mistake for task definitions and says what is wrong with them.
 */
export function unwrapTaskDefinition(document: unknown, input: string, where: string): RawTaskDefinition {
  if (Array.isArray(document)) {
    throw new InputError(
      input,
      `${where} holds a list (a container_definitions array?), not a task definition`,
      'Wrap it: {"family": "<name>", "containerDefinitions": [ … ]}',
    );
  }
  if (!isRecord(document))
    throw new InputError(
      input,
      `${where} does not hold a JSON object`,
      'Give a task definition: {"family": …, "containerDefinitions": […]}',
    );
  if ('taskDefinition' in document) {
    const inner = document.taskDefinition;
    if (!isRecord(inner))
      throw new InputError(
        input,
        `${where}: 'taskDefinition' is not an object`,
        'Give the output of aws ecs describe-task-definition, or the task definition itself',
      );
    return document.tags === undefined ? { definition: inner } : { definition: inner, tags: document.tags };
  }
  if (!('containerDefinitions' in document) && ('image' in document || 'essential' in document || 'portMappings' in document)) {
    throw new InputError(
      input,
      `${where} holds a single container definition, not a task definition`,
      'Put it in a task definition: {"family": "<name>", "containerDefinitions": [ <this object> ]}',
    );
  }
  return { definition: document };
}

/** Moves describe-shape tags into the definition, where RegisterTaskDefinition takes them. */
export function mergeTags(raw: RawTaskDefinition, input: string): Record<string, unknown> {
  if (raw.tags === undefined || (Array.isArray(raw.tags) && raw.tags.length === 0)) return raw.definition;
  if (!Array.isArray(raw.tags))
    throw new InputError(input, "'tags' beside 'taskDefinition' is not a list", 'Give tags as [{"key": …, "value": …}]');
  if (raw.definition.tags !== undefined) {
    throw new InputError(input, "has tags both inside and beside 'taskDefinition'", 'Keep one list of tags');
  }
  return { ...raw.definition, tags: raw.tags };
}
