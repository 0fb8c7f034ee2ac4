import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { PUSH_ACTOR, PUSH_REF, PUSH_REPOSITORY, PUSH_SHA, pushEvent } from './push-event.js';
import { SecretMasker } from './secret-masker.js';
import { OutputRecorder, parseKeyValueFile, replayOutput } from './workflow-commands.js';

/**
 * Runs a bundled action (dist/<name>/index.js, then its post step) in a child process the way a
 * GitHub runner does: INPUT_* variables with action.yml defaults applied, file commands as real
 * files, an event payload, the post step with the saved state and the exported environment.
 */

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The Node binary that runs the bundles: `ECS_DELIVERY_TEST_NODE` (e.g. Node 24) or this Node. */
export const ACTION_NODE = process.env.ECS_DELIVERY_TEST_NODE || process.execPath;

export interface RunActionOptions {
  inputs?: Record<string, string>;
  /** Job environment (the step's `env:`), on top of the runner's own variables. */
  env?: Record<string, string>;
  /** Event payload: a path to a JSON file, or an object. Default: a branch push. */
  event?: string | object;
  eventName?: string;
  workspace?: string;
  /** Skip the post step even when action.yml declares one. */
  skipPost?: boolean;
  timeoutMs?: number;
  node?: string;
  /** The job's masker: values masked before this step (earlier steps, `secrets.*`). Default: a fresh one. */
  masker?: SecretMasker;
}

export interface StepResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /**
   * stdout and stderr as the runner's log shows them: lines in arrival order, `::add-mask::` lines
   * hidden, each line masked with the values registered before it (in this step, its main step, or
   * `options.masker`). A value printed before its mask line shows, as on a runner.
   */
  log: string;
  errors: string[];
  warnings: string[];
  notices: string[];
  masked: string[];
  outputs: Record<string, string>;
  /** Variables exported through GITHUB_ENV. */
  env: Record<string, string>;
  path: string[];
  state: Record<string, string>;
  summary: string;
}

export interface ActionResult extends StepResult {
  post?: StepResult;
  workspace: string;
  runnerTemp: string;
}

interface ActionMetadata {
  inputs?: Record<string, { default?: unknown }>;
  runs: { using: string; main: string; post?: string; 'post-if'?: string };
}

export function readActionMetadata(name: string): ActionMetadata {
  return parseYaml(readFileSync(join(PROJECT_ROOT, 'actions', name, 'action.yml'), 'utf8')) as ActionMetadata;
}

/** Defaults may use `${{ github.token }}`, which the runner resolves to the job token. */
function resolveDefault(value: unknown, githubToken: string): string {
  return String(value).replace(/\$\{\{\s*github\.token\s*\}\}/g, githubToken);
}

export function inputVariables(metadata: ActionMetadata, given: Record<string, string>, githubToken = ''): Record<string, string> {
  const declared = metadata.inputs ?? {};
  for (const name of Object.keys(given)) {
    if (!(name in declared)) throw new Error(`test passes input '${name}' that action.yml does not declare`);
  }
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(declared)) {
    const value = given[name] ?? (spec.default === undefined ? undefined : resolveDefault(spec.default, githubToken));
    if (value !== undefined) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

export async function runAction(name: string, options: RunActionOptions = {}): Promise<ActionResult> {
  const metadata = readActionMetadata(name);
  const runnerTemp = mkdtempSync(join(tmpdir(), 'ecs-delivery-runner-'));
  const workspace = options.workspace ?? mkdtempSync(join(tmpdir(), 'ecs-delivery-workspace-'));
  const files = Object.fromEntries(
    ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'].map((key) => {
      const path = join(runnerTemp, `${key.toLowerCase()}.txt`);
      writeFileSync(path, '');
      return [key, path];
    }),
  );
  const eventPath = typeof options.event === 'string' ? options.event : join(runnerTemp, 'event.json');
  if (typeof options.event !== 'string') {
    writeFileSync(eventPath, JSON.stringify(options.event ?? pushEvent()));
  }
  const runnerEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? runnerTemp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_REPOSITORY: `${PUSH_REPOSITORY.owner}/${PUSH_REPOSITORY.name}`,
    GITHUB_REPOSITORY_OWNER: PUSH_REPOSITORY.owner,
    GITHUB_SHA: PUSH_SHA,
    GITHUB_REF: PUSH_REF,
    GITHUB_WORKFLOW: 'deploy',
    GITHUB_JOB: 'deploy',
    GITHUB_RUN_ID: '1658821493',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: PUSH_ACTOR,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_ACTION: `__ecs-delivery_${name}`,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    // Keep what the step writes to os.tmpdir() inside the caller's temp folder (the tests point it at a per-run folder they remove).
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    ...files,
  };
  const stepEnv = { ...runnerEnv, ...options.env, ...inputVariables(metadata, options.inputs ?? {}, options.env?.GITHUB_TOKEN) };
  const actionDir = join(PROJECT_ROOT, 'actions', name);
  const node = options.node ?? ACTION_NODE;
  // One masker for main and post: on a runner, masks last for the whole job.
  const masker = options.masker ?? new SecretMasker();
  const main = await runStep(node, resolve(actionDir, metadata.runs.main), stepEnv, workspace, files, masker, options.timeoutMs);

  let post: StepResult | undefined;
  const postIf = metadata.runs['post-if'] ?? 'always()';
  if (metadata.runs.post && !options.skipPost && (postIf === 'always()' || main.exitCode === 0)) {
    for (const path of Object.values(files)) writeFileSync(path, '');
    const stateEnv = Object.fromEntries(Object.entries(main.state).map(([key, value]) => [`STATE_${key}`, value]));
    const postEnv = { ...stepEnv, ...main.env, ...stateEnv, PATH: [...main.path, stepEnv.PATH].join(':') };
    post = await runStep(node, resolve(actionDir, metadata.runs.post), postEnv, workspace, files, masker, options.timeoutMs);
  }
  return { ...main, ...(post ? { post } : {}), workspace, runnerTemp };
}

function runStep(
  node: string,
  script: string,
  env: Record<string, string>,
  cwd: string,
  files: Record<string, string>,
  masker: SecretMasker,
  timeoutMs = 120_000,
): Promise<StepResult> {
  if (!existsSync(script)) throw new Error(`${script} does not exist: run 'npm run build' first`);
  return new Promise((resolveStep, reject) => {
    const child = spawn(node, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const output = new OutputRecorder();
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      output.write('stdout', chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      output.write('stderr', chunk);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      const read = (key: string) => readFileSync(files[key] ?? '', 'utf8');
      const { log, commands } = replayOutput(output.end(), masker);
      const messages = (kind: string) => commands.filter((c) => c.command === kind).map((c) => c.message);
      const masked = messages('add-mask');
      resolveStep({
        exitCode,
        stdout,
        stderr,
        log,
        errors: messages('error'),
        warnings: messages('warning'),
        notices: messages('notice'),
        masked,
        outputs: parseKeyValueFile(read('GITHUB_OUTPUT')),
        env: parseKeyValueFile(read('GITHUB_ENV')),
        path: read('GITHUB_PATH').split('\n').filter(Boolean),
        state: parseKeyValueFile(read('GITHUB_STATE')),
        summary: read('GITHUB_STEP_SUMMARY'),
      });
    });
  });
}
