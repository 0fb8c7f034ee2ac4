import { AwsServiceError } from '../core/contract.js';
import type { TaskDefinitionRecord } from './records.js';

/**
 * RunTask's `overrides` (TaskOverride), read as ECS reads them: each container override names a
 * container of the task definition; `command` replaces the image's CMD and `environment` adds to the
 * container's variables. The task keeps the overrides as given (DescribeTasks returns them), limited
 * to the model's members. What a container does then is its image's behaviour for that command
 * (`admin.setImageBehavior(image, behavior, { command })`), or the image's own when none is set.
 */

type Json = Record<string, unknown>;

const CONTAINER_MEMBERS = [
  'name',
  'command',
  'environment',
  'environmentFiles',
  'cpu',
  'memory',
  'memoryReservation',
  'resourceRequirements',
];
const TASK_MEMBERS = ['cpu', 'memory', 'executionRoleArn', 'taskRoleArn', 'ephemeralStorage'];

export interface TaskOverrides {
  /** The TaskOverride the task reports. */
  view: Json;
  /** Container name → the command it runs instead of its image's. */
  commands: Map<string, string[]>;
}

/** The overrides a task without any reports: one empty override per container (what ECS returns). */
export function noOverrides(td: TaskDefinitionRecord): TaskOverrides {
  return {
    view: { containerOverrides: td.containers.map((c) => ({ name: c.name })), inferenceAcceleratorOverrides: [] },
    commands: new Map(),
  };
}

export function readTaskOverrides(value: unknown, td: TaskDefinitionRecord): TaskOverrides {
  if (value === undefined || value === null) return noOverrides(td);
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid('overrides must be a structure (TaskOverride).');
  const given = value as Json;
  const list = given.containerOverrides ?? [];
  if (!Array.isArray(list)) throw invalid('overrides.containerOverrides must be a list.');
  const commands = new Map<string, string[]>();
  const containerOverrides = list.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) throw invalid('Each container override must be a structure.');
    const override = entry as Json;
    const name = override.name;
    if (typeof name !== 'string' || !td.containers.some((c) => c.name === name))
      throw invalid(`Override for container named ${String(name)} is not a container in the TaskDefinition.`);
    if (override.command !== undefined) commands.set(name, stringList(override.command, `the command of container ${name}`));
    if (override.environment !== undefined) checkEnvironment(override.environment, name);
    return pick(override, CONTAINER_MEMBERS);
  });
  return { view: { containerOverrides, inferenceAcceleratorOverrides: [], ...pick(given, TASK_MEMBERS) }, commands };
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalid(`${what} must be a list of strings.`);
  return value as string[];
}

function checkEnvironment(value: unknown, container: string): void {
  const ok =
    Array.isArray(value) &&
    value.every(
      (v: unknown) => typeof v === 'object' && v !== null && typeof (v as Json).name === 'string' && typeof (v as Json).value === 'string',
    );
  if (!ok) throw invalid(`The environment of container ${container} must be a list of {name, value} strings.`);
}

function pick(source: Json, members: string[]): Json {
  return Object.fromEntries(members.filter((m) => source[m] !== undefined).map((m) => [m, source[m]]));
}

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('InvalidParameterException', message);
}
