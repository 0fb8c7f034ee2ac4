import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../lib/errors.js';
import { fileRoots, resolveInputPath, type FileRoots } from '../lib/input-files.js';
import type { Inputs, KeyValue } from '../lib/inputs.js';
import { maskSecret } from '../lib/secrets.js';
import { isPullRequestEvent, readRunContext, type RunContext } from './event-context.js';

export const MODES = ['plan', 'apply'] as const;

/** Run mode runs Terraform; read mode renders plans another tool made (Terragrunt, Atlantis-style flows). */
export type PlanSource =
  | {
      kind: 'run';
      terraformBinary: string;
      init: boolean;
      varFiles: string[];
      variables: KeyValue[];
      backendConfig: string[];
      /** The step's `TF_VAR_*` variables: Terraform reads them, so the scrubber must know them. */
      environment: Record<string, string>;
    }
  | { kind: 'read'; planJson: string; planText?: string };

export interface TerraformPlanInputs {
  mode: (typeof MODES)[number];
  source: PlanSource;
  /** Absolute. */
  workingDirectory: string;
  /** As the user wrote it, for the comment heading and the sticky-comment key. */
  workingDirectoryLabel: string;
  workspace: string;
  comment: boolean;
  commentKey: string;
  addLabels: boolean;
  githubToken?: string;
  /** `true` fails on any destroy; a list fails on destroys of those resource types only. */
  failOnDestroy: boolean | string[];
  requireReviewedPlan: boolean;
  pullRequestNumber?: number;
  context: RunContext;
  /** RUNNER_TEMP: where the plan JSON and text are written for later steps. */
  tempDir: string;
  /** HMAC key for the checksum (a repository secret); without it the checksum leaves sensitive values out. */
  checksumKey?: string;
}

const WORKSPACE_PATTERN = /^[A-Za-z0-9_.-]{1,90}$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const RESOURCE_TYPE = /^[a-z][a-z0-9_]*$/;

/**
 * A path input, resolved inside the workspace or RUNNER_TEMP (symlinks followed). Relative paths start
 * at `baseDir` (the workspace, or working-directory for var files), which itself lies in the workspace.
 */
function existingPath(name: string, value: string, baseDir: string, kind: 'file' | 'directory', roots: FileRoots): string {
  const missingFix = `Give a ${kind} path relative to ${kind === 'directory' ? 'the workspace' : 'working-directory'}, or an absolute path`;
  // Shown as written when it is relative to the workspace; var files are made absolute from working-directory.
  const path = isAbsolute(value) || baseDir === roots.baseDir ? value : resolve(baseDir, value);
  return resolveInputPath(name, path, { ...roots, kind, missingFix });
}

const BOOLEAN_WORDS = new Map([
  ['yes', true],
  ['on', true],
  ['no', false],
  ['off', false],
]);

function failOnDestroy(input: Inputs): boolean | string[] {
  const value = input.optionalString('fail-on-destroy');
  if (value === undefined || value.toLowerCase() === 'false') return false;
  if (value.toLowerCase() === 'true') return true;
  // YAML 1.1 booleans are what people mean by "yes": refuse rather than read it as a resource type named yes.
  const word = BOOLEAN_WORDS.get(value.toLowerCase());
  if (word !== undefined)
    throw new InputError(
      'fail-on-destroy',
      `'${value}' is neither true, false nor a list of resource types`,
      `Write ${String(word)} (the only booleans accepted), or resource types such as aws_db_instance`,
    );
  const types = input.list('fail-on-destroy', { commas: true });
  const bad = types.find((type) => !RESOURCE_TYPE.test(type));
  if (bad !== undefined)
    throw new InputError(
      'fail-on-destroy',
      `'${bad}' is not a resource type`,
      'Use true, false, or resource types such as aws_db_instance, one per line or comma-separated',
    );
  return types;
}

/** Whether the runner can start `binary`: a file that exists, or a name found on PATH. */
function isRunnable(binary: string, env: NodeJS.ProcessEnv, workspaceDir: string): boolean {
  if (binary.includes('/') || binary.includes('\\')) {
    const path = isAbsolute(binary) ? binary : resolve(workspaceDir, binary);
    if (!existsSync(path)) return false;
    // Paths outside the workspace are fine here (/usr/local/bin/terraform): the binary is run, never quoted.
    if (statSync(path).isDirectory())
      throw new InputError('terraform-binary', `'${binary}' is a directory`, 'Give the path of the terraform or tofu program itself');
    return true;
  }
  const extensions = process.platform === 'win32' ? ['', '.exe', '.cmd'] : [''];
  return (env.PATH ?? '')
    .split(delimiter)
    .some((dir) => dir !== '' && extensions.some((extension) => existsSync(join(dir, `${binary}${extension}`))));
}

/** Terraform would plan an empty directory as "no configuration": almost always a wrong working-directory. */
function requireConfiguration(workingDirectory: string, label: string): void {
  if (readdirSync(workingDirectory).some((name) => /\.(?:tf|tf\.json|tofu|tofu\.json)$/.test(name))) return;
  throw new InputError(
    'working-directory',
    `'${label}' holds no Terraform configuration (*.tf files)`,
    'Point it at the root module, or give plan-json to read a plan made elsewhere',
  );
}

function runSource(input: Inputs, workingDirectory: string, env: NodeJS.ProcessEnv, roots: FileRoots): PlanSource {
  const workspaceDir = roots.baseDir ?? process.cwd();
  const terraformBinary = input.optionalString('terraform-binary') ?? 'terraform';
  if (/[\s;&|`$<>]/.test(terraformBinary)) {
    throw new InputError(
      'terraform-binary',
      `'${terraformBinary}' is not a program name or path`,
      'Use terraform, tofu, or a path to the binary',
    );
  }
  if (!isRunnable(terraformBinary, env, workspaceDir)) {
    throw new InputError(
      'terraform-binary',
      `'${terraformBinary}' was not found`,
      'Install it first (hashicorp/setup-terraform or opentofu/setup-opentofu), or give plan-json to read a plan instead',
    );
  }
  const variables = input.keyValues('variables', { keyPattern: VARIABLE_NAME });
  // Masked before anything else runs: a value may be echoed by Terraform itself.
  for (const variable of variables) maskSecret(variable.value);
  const varFiles = input.list('var-files').map((file) => existingPath('var-files', file, workingDirectory, 'file', roots));
  const backendConfig = input.list('backend-config').map((entry, index) => {
    if (/^[A-Za-z_][\w.-]*\s*=/.test(entry)) return entry;
    if (existsSync(isAbsolute(entry) ? entry : resolve(workingDirectory, entry))) return entry;
    throw new InputError(
      'backend-config',
      `line ${index + 1} is neither KEY=value nor an existing file`,
      'Write key=value (bucket=my-state) or a path to a backend config file',
    );
  });
  for (const entry of backendConfig) if (entry.includes('=')) maskSecret(entry.slice(entry.indexOf('=') + 1).trim());
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (key.startsWith('TF_VAR_') && value !== undefined) environment[key] = value;
  return { kind: 'run', terraformBinary, init: input.boolean('init', true), varFiles, variables, backendConfig, environment };
}

function readSource(input: Inputs, planJson: string, roots: FileRoots): PlanSource {
  const workspaceDir = roots.baseDir ?? process.cwd();
  const source: PlanSource = { kind: 'read', planJson: existingPath('plan-json', planJson, workspaceDir, 'file', roots) };
  const planText = input.optionalString('plan-text');
  if (planText !== undefined) source.planText = existingPath('plan-text', planText, workspaceDir, 'file', roots);
  return source;
}

export function readTerraformPlanInputs(input: Inputs, env: NodeJS.ProcessEnv): TerraformPlanInputs {
  const workspaceDir = env.GITHUB_WORKSPACE ?? process.cwd();
  const roots: FileRoots = { ...fileRoots(env), baseDir: workspaceDir };
  const context = readRunContext(env);
  const mode = input.enum('mode', MODES, 'plan');
  const workingDirectoryLabel = input.optionalString('working-directory') ?? '.';
  const workingDirectory = existingPath('working-directory', workingDirectoryLabel, workspaceDir, 'directory', roots);
  const workspace = input.optionalString('workspace') ?? 'default';
  if (!WORKSPACE_PATTERN.test(workspace))
    throw new InputError(
      'workspace',
      `'${workspace}' is not a Terraform workspace name`,
      'Use letters, digits, dots, - and _ (at most 90 characters)',
    );
  const planJson = input.optionalString('plan-json');
  if (planJson === undefined && input.optionalString('plan-text') !== undefined) {
    throw new InputError(
      'plan-text',
      'was given without plan-json',
      'Give plan-json (terraform show -json) as well, or leave plan-text out',
    );
  }
  if (planJson !== undefined && mode === 'apply')
    throw new InputError('plan-json', 'cannot be used with mode: apply', 'Apply plans again itself: leave plan-json out');
  if (planJson === undefined) requireConfiguration(workingDirectory, workingDirectoryLabel);
  const source = planJson === undefined ? runSource(input, workingDirectory, env, roots) : readSource(input, planJson, roots);
  const commentKey = input.optionalString('comment-key') ?? '';
  if (commentKey.length > 100 || /[\r\n]/.test(commentKey))
    throw new InputError('comment-key', 'is longer than 100 characters or spans lines', 'Use a short one-line key such as prod-eu');
  const githubToken = input.optionalString('github-token');
  maskSecret(githubToken);
  const pullRequestNumber = input.optionalInteger('pull-request-number', { min: 1 });
  const checksumKey = input.optionalString('plan-checksum-key');
  maskSecret(checksumKey);
  if (checksumKey !== undefined && checksumKey.length < 16)
    throw new InputError(
      'plan-checksum-key',
      `is ${checksumKey.length} characters long; a short key can be guessed`,
      'Use a random repository secret of at least 32 characters (openssl rand -hex 32)',
    );
  const inputs: TerraformPlanInputs = {
    mode,
    source,
    workingDirectory,
    workingDirectoryLabel,
    workspace,
    comment: input.boolean('comment', isPullRequestEvent(context.eventName)),
    commentKey,
    addLabels: input.boolean('add-labels', false),
    failOnDestroy: failOnDestroy(input),
    requireReviewedPlan: input.boolean('require-reviewed-plan', true),
    context,
    tempDir: env.RUNNER_TEMP ?? workingDirectory,
  };
  if (githubToken !== undefined) inputs.githubToken = githubToken;
  if (pullRequestNumber !== undefined) inputs.pullRequestNumber = pullRequestNumber;
  if (checksumKey !== undefined) inputs.checksumKey = checksumKey;
  const needsToken = inputs.comment || inputs.addLabels || (mode === 'apply' && inputs.requireReviewedPlan);
  if (needsToken && githubToken === undefined) {
    throw new InputError(
      'github-token',
      'is empty, but commenting, labels or the reviewed-plan check need it',
      'Leave github-token at its default (the job token) or pass a token',
    );
  }
  return inputs;
}
