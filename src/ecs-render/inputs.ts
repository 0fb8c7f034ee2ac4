import { parseTaskDefinitionArn } from '../lib/arn.js';
import { tmpdir } from 'node:os';
import { resolveRegion } from '../lib/region.js';
import { InputError } from '../lib/errors.js';
import type { Inputs, KeyValue } from '../lib/inputs.js';
import { fileRoots } from '../lib/input-files.js';
import { parseCommand } from './command.js';
import type { ListMode } from './input-checks.js';
import { LIST_MODES, optional, readCpu, readMemory, requireEntries, roleArn, uniqueNames } from './input-checks.js';
import { ECS_NAME, envFileProblem, imageProblem, LOG_DRIVERS, secretSourceProblem } from '../lib/task-definition/references.js';

export { LOG_DRIVERS };

export type { ListMode };

export type TaskDefinitionSource =
  | { kind: 'file'; input: 'task-definition'; path: string; display: string }
  | { kind: 'ecs'; input: 'task-definition-arn' | 'task-definition-family'; reference: string; region: string };

export type EcsSource = Extract<TaskDefinitionSource, { kind: 'ecs' }>;

export interface ContainerImage {
  container: string;
  image: string;
  input: 'image' | 'images';
}

/** Settings that, as in aws-actions/amazon-ecs-render-task-definition, apply to the one `container-name`. */
export interface ContainerSettings {
  environment?: { entries: KeyValue[]; mode: ListMode };
  secrets?: { entries: KeyValue[]; mode: ListMode };
  logDriver?: string;
  logOptions?: KeyValue[];
  dockerLabels?: KeyValue[];
  command?: string[];
  envFiles?: string[];
}

export interface EcsRenderInputs {
  source: TaskDefinitionSource;
  images: ContainerImage[];
  containerName?: string;
  container: ContainerSettings;
  taskRoleArn?: string;
  executionRoleArn?: string;
  /** CPU units and MiB, as integer strings. */
  cpu?: string;
  memory?: string;
  /** Where the rendered file goes: RUNNER_TEMP, so it never overwrites the input. */
  outputDir: string;
}

const ENV_NAME = /^[A-Za-z_][\w.-]*$/;
const OPTION_KEY = /^[A-Za-z0-9][\w.-]*$/;
const LABEL_KEY = /^[A-Za-z0-9][\w./-]*$/;
/** ECS reads at most ten environment files per container. */
const MAX_ENV_FILES = 10;

export function readEcsRenderInputs(input: Inputs, env: NodeJS.ProcessEnv): EcsRenderInputs {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const source = readSource(input, env, workspace);
  const containerName = input.optionalString('container-name');
  if (containerName !== undefined && !ECS_NAME.test(containerName)) {
    throw new InputError(
      'container-name',
      `'${containerName}' is not a container name`,
      'Use the name of a container in containerDefinitions',
    );
  }
  const images = readImages(input, containerName);
  const container = readContainerSettings(input);
  const needsContainer = Object.entries(container).find(([, value]) => value !== undefined);
  if (needsContainer && containerName === undefined) {
    throw new InputError(
      INPUT_OF[needsContainer[0] as keyof ContainerSettings],
      "applies to the container named by 'container-name', which is not set",
      "Set 'container-name'",
    );
  }
  return {
    source,
    images,
    ...(containerName !== undefined ? { containerName } : {}),
    container,
    ...optional('taskRoleArn', roleArn(input.optionalString('task-role-arn'), 'task-role-arn')),
    ...optional('executionRoleArn', roleArn(input.optionalString('execution-role-arn'), 'execution-role-arn')),
    ...optional('cpu', readCpu(input.optionalString('cpu'))),
    ...optional('memory', readMemory(input.optionalString('memory'))),
    outputDir: env.RUNNER_TEMP || tmpdir(),
  };
}

const INPUT_OF: Record<keyof ContainerSettings, string> = {
  environment: 'environment-variables',
  secrets: 'secrets',
  logDriver: 'log-configuration-log-driver',
  logOptions: 'log-configuration-options',
  dockerLabels: 'docker-labels',
  command: 'command',
  envFiles: 'env-files',
};

function readSource(input: Inputs, env: NodeJS.ProcessEnv, workspace: string): TaskDefinitionSource {
  const file = input.optionalString('task-definition');
  const arn = input.optionalString('task-definition-arn');
  const family = input.optionalString('task-definition-family');
  const revision = input.optionalInteger('task-definition-revision', { min: 1 });
  const regionInput = input.optionalString('aws-region');
  const given = (
    [
      ['task-definition', file],
      ['task-definition-arn', arn],
      ['task-definition-family', family],
    ] as const
  ).filter(([, value]) => value !== undefined);
  const [first, second] = given;
  if (!first) {
    throw new InputError(
      'task-definition',
      'no task definition was given',
      "Set 'task-definition' (a JSON or YAML file), 'task-definition-arn' or 'task-definition-family'",
    );
  }
  if (second) throw new InputError(second[0], `is set together with '${first[0]}'`, 'Give exactly one task definition source');
  if (revision !== undefined && family === undefined) {
    throw new InputError(
      'task-definition-revision',
      "is set without 'task-definition-family'",
      "Set 'task-definition-family' too, or put the revision in 'task-definition-arn'",
    );
  }
  if (file !== undefined) {
    if (regionInput !== undefined) resolveRegion(regionInput, env);
    return {
      kind: 'file',
      input: 'task-definition',
      path: input.optionalFile('task-definition', { ...fileRoots(env), baseDir: workspace }) ?? file,
      display: file,
    };
  }
  if (arn !== undefined) {
    const parsed = parseTaskDefinitionArn(arn);
    if (!parsed) {
      throw new InputError(
        'task-definition-arn',
        `'${arn}' is not a task definition ARN`,
        'Use arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>',
      );
    }
    const region = resolveRegion(regionInput ?? parsed.region, env);
    if (region !== parsed.region)
      throw new InputError('aws-region', `is ${region} but 'task-definition-arn' is in ${parsed.region}`, 'Use the region of the ARN');
    return { kind: 'ecs', input: 'task-definition-arn', reference: arn, region };
  }
  const name = family ?? '';
  if (!ECS_NAME.test(name)) {
    throw new InputError(
      'task-definition-family',
      `'${name}' is not a family name`,
      'Use up to 255 letters, digits, hyphens and underscores',
    );
  }
  const region = resolveRegion(regionInput, env);
  return { kind: 'ecs', input: 'task-definition-family', reference: revision === undefined ? name : `${name}:${revision}`, region };
}

function readImages(input: Inputs, containerName: string | undefined): ContainerImage[] {
  const images: ContainerImage[] = [];
  const image = input.optionalString('image');
  if (image !== undefined) {
    if (containerName === undefined)
      throw new InputError(
        'container-name',
        "is required when 'image' is set",
        "Set 'container-name' to the container that runs the image",
      );
    const problem = imageProblem(image);
    if (problem) throw new InputError('image', problem, 'Use registry/repository[:tag][@sha256:<64 hex digits>]');
    images.push({ container: containerName, image, input: 'image' });
  }
  for (const { key, value } of input.keyValues('images', { keyPattern: ECS_NAME })) {
    const problem = imageProblem(value);
    if (problem)
      throw new InputError(
        'images',
        `container '${key}': ${problem}`,
        'Write container=registry/repository[:tag][@sha256:<64 hex digits>]',
      );
    const earlier = images.find((entry) => entry.container === key);
    if (earlier)
      throw new InputError('images', `sets container '${key}' twice (also in '${earlier.input}')`, 'Give each container one image');
    images.push({ container: key, image: value, input: 'images' });
  }
  return images;
}

function readContainerSettings(input: Inputs): ContainerSettings {
  const environment = uniqueNames('environment-variables', input.keyValues('environment-variables', { keyPattern: ENV_NAME }));
  const environmentMode = input.enum('environment-mode', LIST_MODES, 'upsert');
  const secrets = uniqueNames('secrets', input.keyValues('secrets', { keyPattern: ENV_NAME }));
  const secretsMode = input.enum('secrets-mode', LIST_MODES, 'upsert');
  for (const { key, value } of secrets) {
    const problem = secretSourceProblem(value);
    if (problem) throw new InputError('secrets', `'${key}': ${problem}`, 'Write NAME=<secret or parameter ARN>');
  }
  requireEntries('environment-mode', environmentMode, 'environment-variables', environment);
  requireEntries('secrets-mode', secretsMode, 'secrets', secrets);
  const commandText = input.optionalString('command');
  const command = commandText === undefined ? undefined : parseCommand(commandText);
  if (command && !command.ok)
    throw new InputError('command', command.problem, 'Give a command line (quotes are honoured) or a JSON array of strings');
  const envFiles = input.list('env-files');
  for (const arn of envFiles) {
    const problem = envFileProblem(arn);
    if (problem) throw new InputError('env-files', problem, 'Give one S3 object ARN per line');
  }
  if (envFiles.length > MAX_ENV_FILES)
    throw new InputError('env-files', `lists ${envFiles.length} files`, `ECS reads at most ${MAX_ENV_FILES} per container`);
  const logOptions = input.keyValues('log-configuration-options', { keyPattern: OPTION_KEY });
  const dockerLabels = input.keyValues('docker-labels', { keyPattern: LABEL_KEY });
  return {
    ...optional('environment', environment.length > 0 ? { entries: environment, mode: environmentMode } : undefined),
    ...optional('secrets', secrets.length > 0 ? { entries: secrets, mode: secretsMode } : undefined),
    ...optional('logDriver', input.optionalEnum('log-configuration-log-driver', LOG_DRIVERS)),
    ...optional('logOptions', logOptions.length > 0 ? logOptions : undefined),
    ...optional('dockerLabels', dockerLabels.length > 0 ? dockerLabels : undefined),
    ...optional('command', command?.ok ? command.words : undefined),
    ...optional('envFiles', envFiles.length > 0 ? envFiles : undefined),
  };
}
