import type { KeyValue } from '../lib/inputs.js';
import { InputError } from '../lib/errors.js';
import type { ContainerSettings, EcsRenderInputs, ListMode } from './inputs.js';
import type { ContainerDefinition, TaskDefinition } from '../lib/task-definition/model.js';

/** What changed in one list of named entries; only names, never values (they may be sensitive). */
export interface NameChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

export interface ContainerChange {
  container: string;
  image?: { from: string | undefined; to: string };
  environment: NameChanges;
  secrets: NameChanges;
  /** Other container fields that were set: logConfiguration, dockerLabels, command, environmentFiles. */
  fields: string[];
}

export interface Changes {
  containers: ContainerChange[];
  /** Task-level fields that were set: taskRoleArn, executionRoleArn, cpu, memory. */
  fields: string[];
}

/** Applies the inputs to a copy of the definition. Nothing in the values is expanded: `${ECS_CLUSTER}` stays as written. */
export function applyOverrides(original: TaskDefinition, inputs: EcsRenderInputs): { definition: TaskDefinition; changes: Changes } {
  const definition = structuredClone(original);
  const changes = new Map<string, ContainerChange>();
  const changeOf = (container: ContainerDefinition): ContainerChange => {
    const name = container.name ?? '';
    let change = changes.get(name);
    if (!change) {
      change = { container: name, environment: noChanges(), secrets: noChanges(), fields: [] };
      changes.set(name, change);
    }
    return change;
  };

  for (const { container: name, image, input } of inputs.images) {
    // A wrong name is the mistake, so `image` failures name `container-name`.
    const container = findContainer(definition, name, input === 'image' ? 'container-name' : input);
    changeOf(container).image = { from: container.image, to: image };
    container.image = image;
  }
  if (inputs.containerName !== undefined && Object.values(inputs.container).some((value) => value !== undefined)) {
    const container = findContainer(definition, inputs.containerName, 'container-name');
    applyContainerSettings(container, inputs.container, changeOf(container));
  }

  const fields: string[] = [];
  for (const key of ['taskRoleArn', 'executionRoleArn', 'cpu', 'memory'] as const) {
    const value = inputs[key];
    if (value !== undefined) {
      if (definition[key] !== value) fields.push(key);
      definition[key] = value;
    }
  }
  return { definition, changes: { containers: [...changes.values()], fields } };
}

function findContainer(definition: TaskDefinition, name: string, input: string): ContainerDefinition {
  const found = definition.containerDefinitions.find((container) => container.name === name);
  if (found) return found;
  const names = definition.containerDefinitions.map((container) => `'${container.name ?? '(unnamed)'}'`);
  throw new InputError(input, `the task definition has no container named '${name}'`, `Its containers are ${names.join(', ') || '(none)'}`);
}

function applyContainerSettings(container: ContainerDefinition, settings: ContainerSettings, change: ContainerChange): void {
  if (settings.environment) {
    const result = mergeNamed(container.environment ?? [], settings.environment.entries, settings.environment.mode);
    container.environment = result.list;
    change.environment = result.changes;
  }
  if (settings.secrets) {
    const existing = (container.secrets ?? []).map(({ name, valueFrom }) => ({ name, value: valueFrom }));
    const result = mergeNamed(existing, settings.secrets.entries, settings.secrets.mode);
    container.secrets = result.list.map(({ name, value }) => ({ name, valueFrom: value ?? '' }));
    change.secrets = result.changes;
  }
  if (settings.logDriver !== undefined || settings.logOptions !== undefined) {
    const log = { ...container.logConfiguration };
    if (settings.logDriver !== undefined) log.logDriver = settings.logDriver;
    if (settings.logOptions !== undefined) log.options = { ...log.options, ...toRecord(settings.logOptions) };
    if (log.logDriver === undefined) {
      throw new InputError(
        'log-configuration-options',
        `container '${container.name ?? ''}' has no log driver to take these options`,
        "Set 'log-configuration-log-driver' too",
      );
    }
    container.logConfiguration = log;
    change.fields.push('logConfiguration');
  }
  if (settings.dockerLabels !== undefined) {
    container.dockerLabels = { ...container.dockerLabels, ...toRecord(settings.dockerLabels) };
    change.fields.push('dockerLabels');
  }
  if (settings.command !== undefined) {
    container.command = settings.command;
    change.fields.push('command');
  }
  if (settings.envFiles !== undefined) {
    // As in aws-actions: the given files replace the container's list.
    container.environmentFiles = settings.envFiles.map((value) => ({ value, type: 's3' }));
    change.fields.push('environmentFiles');
  }
}

interface Named {
  name: string;
  value?: string;
}

/** Upsert keeps entries not given; replace drops them. Order: existing entries first, new ones after. */
function mergeNamed(existing: Named[], given: KeyValue[], mode: ListMode): { list: Named[]; changes: NameChanges } {
  const changes = noChanges();
  const wanted = new Map(given.map(({ key, value }) => [key, value]));
  const list: Named[] = [];
  for (const entry of existing) {
    const value = wanted.get(entry.name);
    if (value === undefined) {
      if (mode === 'replace') changes.removed.push(entry.name);
      else list.push(entry);
      continue;
    }
    if (value !== entry.value) changes.changed.push(entry.name);
    list.push({ name: entry.name, value });
    wanted.delete(entry.name);
  }
  for (const [name, value] of wanted) {
    changes.added.push(name);
    list.push({ name, value });
  }
  return { list, changes };
}

function noChanges(): NameChanges {
  return { added: [], changed: [], removed: [] };
}

function toRecord(entries: KeyValue[]): Record<string, string> {
  return Object.fromEntries(entries.map(({ key, value }) => [key, value]));
}
