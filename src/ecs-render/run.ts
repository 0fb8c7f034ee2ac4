import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyOverrides } from './apply-overrides.js';
import type { EcsRenderInputs, EcsSource } from './inputs.js';
import type { RawTaskDefinition } from './load-source.js';
import { mergeTags, readTaskDefinitionFile } from './load-source.js';
import { describeUnknownKeys, findUnknownKeys, stripDescribeOnly } from '../lib/task-definition/register-keys.js';
import { renderSummary } from './summary-markdown.js';
import type { TaskDefinition } from '../lib/task-definition/model.js';
import { checkTaskDefinition } from '../lib/task-definition/model.js';
import { validateTaskDefinition } from '../lib/task-definition/validate.js';
import type { Runner } from '../lib/runner.js';

export interface EcsRenderDeps {
  /** DescribeTaskDefinition with tags; only called for `task-definition-arn` / `task-definition-family`. */
  fetchTaskDefinition: (source: EcsSource) => Promise<RawTaskDefinition>;
  log: Pick<Runner['log'], 'info' | 'warning'>;
  setOutput: Runner['setOutput'];
  summary: Runner['summary'];
}

export interface EcsRenderResult {
  path: string;
  definition: TaskDefinition;
}

/** Source → strip describe-only fields → check → apply inputs → warn about unknown keys → validate → write. */
export async function runEcsRender(inputs: EcsRenderInputs, deps: EcsRenderDeps): Promise<EcsRenderResult> {
  const { source } = inputs;
  const raw = source.kind === 'file' ? await readTaskDefinitionFile(source.path, source.display) : await deps.fetchTaskDefinition(source);
  const sourceText = source.kind === 'file' ? source.display : source.reference;
  const { stripped, removed } = stripDescribeOnly(mergeTags(raw, source.input));
  const checked = checkTaskDefinition(
    stripped,
    source.input,
    source.kind === 'file' ? `file '${source.display}'` : `task definition '${source.reference}'`,
  );
  const { definition, changes } = applyOverrides(checked, inputs);

  const unknown = findUnknownKeys(definition);
  if (unknown.length > 0) deps.log.warning(describeUnknownKeys(unknown));
  const sizeInput = inputs.cpu !== undefined ? 'cpu' : inputs.memory !== undefined ? 'memory' : undefined;
  validateTaskDefinition(definition, { sourceInput: source.input, ...(sizeInput ? { sizeInput } : {}) });

  const path = writeRendered(definition, inputs.outputDir);
  deps.setOutput('task-definition', path);
  for (const change of changes.containers) {
    if (change.image) deps.log.info(`${change.container}: image ${change.image.from ?? '(none)'} → ${change.image.to}`);
  }
  deps.log.info(
    `Rendered task definition '${definition.family ?? ''}' with ${definition.containerDefinitions.length} container(s) to ${path}`,
  );
  await deps.summary.append(
    renderSummary({
      family: definition.family ?? '',
      source: sourceText,
      changes,
      strippedFields: removed,
      unknownKeys: unknown.map(({ key, container }) => (container === undefined ? key : `${container}.${key}`)),
    }),
  );
  return { path, definition };
}

/** A fresh directory under RUNNER_TEMP per run, so the output can never overwrite the input or an earlier render. */
function writeRendered(definition: TaskDefinition, outputDir: string): string {
  const directory = mkdtempSync(join(outputDir, 'ecs-render-'));
  const path = join(directory, `${definition.family ?? 'task-definition'}.json`);
  writeFileSync(path, `${JSON.stringify(definition, null, 2)}\n`, { flag: 'wx' });
  return path;
}
