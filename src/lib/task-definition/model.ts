import { InputError } from '../errors.js';

/**
 * A task definition as ecs-render reads and changes it: the RegisterTaskDefinition input
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html).
 * Only the fields ecs-render touches are typed; every other field is carried through unchanged.
 * `checkTaskDefinition` checks those typed fields at the boundary instead of casting.
 */

export interface NameValue {
  name: string;
  value?: string;
}

export interface Secret {
  name: string;
  valueFrom: string;
}

export interface EnvironmentFile {
  value: string;
  type: string;
}

export interface LogConfiguration {
  [key: string]: unknown;
  logDriver?: string;
  options?: Record<string, string>;
  secretOptions?: Secret[];
}

export interface PortMapping {
  [key: string]: unknown;
  containerPort?: number;
  hostPort?: number;
}

export interface ContainerDefinition {
  [key: string]: unknown;
  name?: string;
  image?: string;
  essential?: boolean;
  command?: string[];
  environment?: NameValue[];
  environmentFiles?: EnvironmentFile[];
  secrets?: Secret[];
  dockerLabels?: Record<string, string>;
  logConfiguration?: LogConfiguration;
  portMappings?: PortMapping[];
}

export interface Tag {
  key: string;
  value?: string;
}

export interface TaskDefinition {
  [key: string]: unknown;
  family?: string;
  containerDefinitions: ContainerDefinition[];
  taskRoleArn?: string;
  executionRoleArn?: string;
  networkMode?: string;
  requiresCompatibilities?: string[];
  cpu?: string;
  memory?: string;
  runtimePlatform?: { cpuArchitecture?: string; operatingSystemFamily?: string };
  tags?: Tag[];
}

type Check = (value: unknown) => boolean;
const isString: Check = (value) => typeof value === 'string';
const isNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringMap: Check = (value) => isRecord(value) && Object.values(value).every(isString);
const arrayOf =
  (item: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(item);
const shape =
  (fields: Record<string, Check>, required: string[] = []): Check =>
  (value) =>
    isRecord(value) &&
    required.every((key) => value[key] !== undefined) &&
    Object.entries(fields).every(([key, check]) => value[key] === undefined || check(value[key]));

const SECRET = shape({ name: isString, valueFrom: isString }, ['name', 'valueFrom']);

/** The typed fields of a container definition and what each must be. */
const CONTAINER_FIELDS: Record<string, [Check, string]> = {
  name: [isString, 'a string'],
  image: [isString, 'a string'],
  essential: [(value) => typeof value === 'boolean', 'true or false'],
  command: [arrayOf(isString), 'a list of strings'],
  environment: [arrayOf(shape({ name: isString, value: isString }, ['name'])), 'a list of {"name", "value"} objects'],
  environmentFiles: [arrayOf(shape({ value: isString, type: isString }, ['value', 'type'])), 'a list of {"value", "type"} objects'],
  secrets: [arrayOf(SECRET), 'a list of {"name", "valueFrom"} objects'],
  dockerLabels: [isStringMap, 'an object of string values'],
  logConfiguration: [shape({ logDriver: isString, options: isStringMap, secretOptions: arrayOf(SECRET) }), 'a logConfiguration object'],
  portMappings: [arrayOf(shape({ containerPort: isNumber, hostPort: isNumber })), 'a list of port mappings with numeric ports'],
};

const TASK_FIELDS: Record<string, [Check, string]> = {
  family: [isString, 'a string'],
  taskRoleArn: [isString, 'a string'],
  executionRoleArn: [isString, 'a string'],
  networkMode: [isString, 'a string'],
  requiresCompatibilities: [arrayOf(isString), 'a list of strings'],
  cpu: [isString, 'a string such as "256" (a number is not accepted by RegisterTaskDefinition)'],
  memory: [isString, 'a string such as "512" (a number is not accepted by RegisterTaskDefinition)'],
  runtimePlatform: [shape({ cpuArchitecture: isString, operatingSystemFamily: isString }), 'a runtimePlatform object'],
  tags: [arrayOf(shape({ key: isString, value: isString }, ['key'])), 'a list of {"key", "value"} objects'],
};

/**
 * Checks what ecs-render relies on and returns the value typed. `input` names where the definition
 * came from, so a malformed file fails as an error on that input.
 */
export function checkTaskDefinition(value: unknown, input: string, where: string): TaskDefinition {
  if (!isRecord(value))
    throw new InputError(input, `${where} is not a JSON object`, 'Give a task definition: {"family": …, "containerDefinitions": […]}');
  checkFields(value, TASK_FIELDS, input, where);
  const containers = value.containerDefinitions;
  if (!Array.isArray(containers)) {
    throw new InputError(
      input,
      `${where} has no containerDefinitions list`,
      'A task definition needs "containerDefinitions": [ … ] with at least one container',
    );
  }
  containers.forEach((container: unknown, index) => {
    const at = `${where}, containerDefinitions[${index}]`;
    if (!isRecord(container)) throw new InputError(input, `${at} is not an object`, 'Each container definition is a JSON object');
    checkFields(container, CONTAINER_FIELDS, input, at);
  });
  // Every typed field was checked above; what remains is carried as unknown.
  return value as TaskDefinition;
}

function checkFields(record: Record<string, unknown>, fields: Record<string, [Check, string]>, input: string, where: string): void {
  for (const [key, [check, expected]] of Object.entries(fields)) {
    if (record[key] !== undefined && !check(record[key])) {
      throw new InputError(input, `${where}: '${key}' must be ${expected}`, 'Fix the task definition');
    }
  }
}
