import { InputError } from '../errors.js';
import { fargateSizeProblem, parseCpuUnits, parseMemoryMib } from './fargate-sizes.js';
import { ECS_NAME, imageProblem, LOG_DRIVERS, looksLikeTemplate, roleReferenceProblem, secretSourceProblem } from './references.js';
import type { ContainerDefinition, Secret, TaskDefinition } from './model.js';

export interface ValidationContext {
  /** The input the definition came from: problems in it are reported on that input. */
  sourceInput: string;
  /** Set when `cpu` or `memory` came from an input, so a bad Fargate size names that input. */
  sizeInput?: 'cpu' | 'memory';
}

interface Problem {
  input: string;
  text: string;
}

/** ECS quotas that cannot be raised: containers per task definition, and the definition's size. */
export const MAX_CONTAINERS = 10;
/**
 * AWS's quota table gives the task definition size limit as 64 KiB (older guides say 32 KiB); the
 * larger value is used so that only what ECS certainly refuses is refused here.
 */
export const MAX_TASK_DEFINITION_BYTES = 64 * 1024;

/**
 * Checks a task definition (ecs-render's output, or the file ecs-deploy registers) for what
 * RegisterTaskDefinition or the first task start would reject. All problems are reported at once,
 * as one error on one input.
 */
export function validateTaskDefinition(definition: TaskDefinition, context: ValidationContext): void {
  const problems: Problem[] = [];
  const add = (text: string, value?: string, input = context.sourceInput) =>
    problems.push({
      input,
      text: value !== undefined && looksLikeTemplate(value) ? `${text} (an unrendered template placeholder?)` : text,
    });

  const family = definition.family;
  if (family === undefined || family === '') add('family is missing');
  else if (!ECS_NAME.test(family)) add(`family '${family}' is not up to 255 letters, digits, hyphens and underscores`, family);

  for (const key of ['taskRoleArn', 'executionRoleArn'] as const) {
    const value = definition[key];
    const problem = value === undefined ? undefined : roleReferenceProblem(value);
    if (problem) add(`${key} ${problem}`, value);
  }
  const bytes = Buffer.byteLength(JSON.stringify(definition), 'utf8');
  if (bytes > MAX_TASK_DEFINITION_BYTES)
    add(
      `it is ${Math.ceil(bytes / 1024)} KiB as JSON; ECS accepts at most ${MAX_TASK_DEFINITION_BYTES / 1024} KiB (move long values into environmentFiles or secrets)`,
    );
  if (definition.containerDefinitions.length > MAX_CONTAINERS)
    add(`it has ${definition.containerDefinitions.length} containers; ECS allows at most ${MAX_CONTAINERS} per task definition`);
  checkContainers(definition, add);
  checkFargate(definition, add, (text) => add(text, undefined, context.sizeInput ?? context.sourceInput));

  const first = problems[0];
  if (!first) return;
  const mine = problems.filter((problem) => problem.input === first.input).map((problem) => problem.text);
  throw new InputError(
    first.input,
    `the task definition is not valid: ${mine.join('; ')}`,
    'Fix it (or render its template first) and run again',
  );
}

type Add = (text: string, value?: string) => void;

function checkContainers(definition: TaskDefinition, add: Add): void {
  const containers = definition.containerDefinitions;
  if (containers.length === 0) add('containerDefinitions is empty; a task needs at least one container');
  else if (containers.every((container) => container.essential === false))
    add('no container is essential; mark at least one "essential": true');
  const seen = new Set<string>();
  for (const [index, container] of containers.entries()) {
    const name = container.name;
    const label = name ? `container '${name}'` : `containerDefinitions[${index}]`;
    if (name === undefined || name === '') add(`${label} has no name`);
    else if (!ECS_NAME.test(name)) add(`${label}: name is not up to 255 letters, digits, hyphens and underscores`, name);
    else if (seen.has(name)) add(`container name '${name}' is used twice`);
    if (name) seen.add(name);

    if (container.image === undefined || container.image === '') add(`${label} has no image`);
    else {
      const problem = imageProblem(container.image);
      if (problem) add(`${label}: image ${problem}`, container.image);
    }
    checkSecrets(`${label} secrets`, container.secrets ?? [], add);
    checkLogConfiguration(label, container, add);
    if (definition.networkMode === 'awsvpc') checkAwsvpcPorts(label, container, add);
  }
}

function checkSecrets(where: string, secrets: Secret[], add: Add): void {
  for (const secret of secrets) {
    if (secret.name === '') add(`${where}: a secret has no name`);
    const problem = secretSourceProblem(secret.valueFrom);
    if (problem) add(`${where} '${secret.name}': ${problem}`, secret.valueFrom);
  }
}

function checkLogConfiguration(label: string, container: ContainerDefinition, add: Add): void {
  const log = container.logConfiguration;
  if (log === undefined) return;
  if (log.logDriver === undefined) add(`${label}: logConfiguration has no logDriver`);
  else if (!(LOG_DRIVERS as readonly string[]).includes(log.logDriver))
    add(`${label}: log driver '${log.logDriver}' is not one of ${LOG_DRIVERS.join(', ')}`);
  checkSecrets(`${label} logConfiguration.secretOptions`, log.secretOptions ?? [], add);
}

/** Under awsvpc a task has its own network interface, so ECS rejects a hostPort that differs from containerPort. */
function checkAwsvpcPorts(label: string, container: ContainerDefinition, add: Add): void {
  for (const mapping of container.portMappings ?? []) {
    if (mapping.hostPort !== undefined && mapping.containerPort !== undefined && mapping.hostPort !== mapping.containerPort) {
      add(
        `${label}: hostPort ${mapping.hostPort} differs from containerPort ${mapping.containerPort}, which awsvpc does not allow (omit hostPort or make it equal)`,
      );
    }
  }
}

function checkFargate(definition: TaskDefinition, add: Add, addSize: (text: string) => void): void {
  if (!(definition.requiresCompatibilities ?? []).includes('FARGATE')) return;
  if (definition.networkMode !== 'awsvpc')
    add(`Fargate tasks need networkMode awsvpc, not ${definition.networkMode ?? 'the default (bridge)'}`);
  if (definition.cpu === undefined || definition.memory === undefined) {
    addSize('Fargate tasks need task-level cpu and memory');
    return;
  }
  const cpu = parseCpuUnits(definition.cpu);
  const memory = parseMemoryMib(definition.memory);
  if (cpu === undefined) add(`cpu '${definition.cpu}' is not CPU units or "N vCPU"`, definition.cpu);
  if (memory === undefined) add(`memory '${definition.memory}' is not MiB or "N GB"`, definition.memory);
  if (cpu === undefined || memory === undefined) return;
  const windows = (definition.runtimePlatform?.operatingSystemFamily ?? '').startsWith('WINDOWS');
  const problem = fargateSizeProblem(cpu, memory, windows);
  if (problem) addSize(problem);
}
