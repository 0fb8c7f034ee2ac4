import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GithubApi } from '../../sandbox/github/index.js';
import { runAction, type ActionResult, type RunActionOptions } from '../../sandbox/runner/run-action.js';
import { PR_EVENT, sandbox } from './terraform-plan-helpers.js';

/**
 * The real Terraform (on PATH; `.ci/run` checks it) against configurations of `terraform_data`, which
 * is built in: no provider is downloaded. Proxies that lead nowhere prove it: any download would fail.
 */

/** One per test file: a CLI config that disables the update check, and a shared offline environment. */
export function terraformEnv(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'tf-cli-'));
  const config = join(dir, 'terraformrc');
  writeFileSync(config, 'disable_checkpoint = true\n');
  return {
    TF_CLI_CONFIG_FILE: config,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
  };
}

export function requireTerraform(): void {
  const version = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  if (version.status !== 0) throw new Error('these tests run the real terraform: install Terraform ≥ 1.7 on PATH (.ci/run checks it)');
}

/** A workspace folder with the given files in `dir` (relative). */
export function configure(workspace: string, dir: string, files: Record<string, string>): string {
  const path = join(workspace, dir);
  mkdirSync(path, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
  return path;
}

export function newWorkspace(): string {
  return mkdtempSync(join(tmpdir(), 'tf-real-'));
}

/** Runs terraform directly (set-up: an apply that makes prior state). Throws with its output on failure. */
export function terraform(cwd: string, args: string[], env: Record<string, string>): string {
  const result = spawnSync('terraform', args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`terraform ${args.join(' ')} failed: ${result.stderr}${result.stdout}`);
  return result.stdout;
}

export interface RealRun {
  workspace: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  eventName?: string;
  event?: RunActionOptions['event'];
}

export function runReal(api: GithubApi, tfEnv: Record<string, string>, run: RealRun): Promise<ActionResult> {
  return runAction('terraform-plan', {
    inputs: run.inputs ?? {},
    env: { ...api.env, ...tfEnv, ...run.env },
    event: run.event ?? PR_EVENT,
    eventName: run.eventName ?? 'pull_request',
    workspace: run.workspace,
    timeoutMs: 60_000,
  });
}

/** Every file under `dir`, recursively, as [path, text]. */
function filesUnder(dir: string): [string, string][] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return [[path, readFileSync(path, 'latin1')] as [string, string]];
  });
}

/**
 * Everything a run wrote and sent, as [where, text]: raw stdout (less the `::add-mask::` commands,
 * which the runner consumes), stderr, the runner's log, every file in RUNNER_TEMP (outputs, env,
 * summary, plan.txt), except plan.json, which holds sensitive values by design, as Terraform's own
 * JSON does, and every request the sandbox's GitHub received.
 */
export function everythingWritten(api: GithubApi, results: ActionResult[]): [string, string][] {
  const written: [string, string][] = results.flatMap((result, index) => [
    [`run ${index} stdout`, result.stdout.replace(/^::add-mask::.*$/gm, '')] as [string, string],
    [`run ${index} stderr`, result.stderr] as [string, string],
    [`run ${index} log`, result.log] as [string, string],
    ...filesUnder(result.runnerTemp).filter(([path]) => !path.endsWith('plan.json') && !path.endsWith('event.json')),
  ]);
  for (const request of api.admin.requests()) written.push([`${request.method} ${request.url}`, `${request.url}\n${request.body}`]);
  return written;
}

/** The places where any of `canaries` appears; [] when none does. */
export function canaryHits(written: [string, string][], canaries: string[]): string[] {
  return written.flatMap(([where, text]) => canaries.filter((canary) => text.includes(canary)).map((canary) => `${canary} in ${where}`));
}

export function planTextOf(result: ActionResult): string {
  const path = result.outputs['plan-json']?.replace(/plan\.json$/, 'plan.txt') ?? '';
  return readFileSync(path, 'utf8');
}

/** What a real-Terraform test file works with, set up by `useRealTerraform`. */
export interface RealTerraform {
  /** The GitHub sandbox of the running test (a fresh one per test). */
  readonly api: GithubApi;
  /** The offline environment Terraform runs in, for the file. */
  readonly env: Record<string, string>;
  /** A new workspace folder, removed after the file's tests. */
  workspace(): string;
}

/**
 * Registers the hooks every real-Terraform test file needs (Terraform on PATH, a GitHub sandbox per
 * test, workspaces removed at the end); call once at the top level of the file.
 */
export function useRealTerraform(): RealTerraform {
  let api: GithubApi | undefined;
  let env: Record<string, string> | undefined;
  const workspaces: string[] = [];
  beforeAll(() => {
    requireTerraform();
    env = terraformEnv();
  });
  beforeEach(async () => {
    api = await sandbox();
  });
  afterEach(async () => {
    await api?.stop();
    api = undefined;
  });
  afterAll(() => {
    for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get api() {
      if (!api) throw new Error('the GitHub sandbox exists only while a test runs');
      return api;
    },
    get env() {
      if (!env) throw new Error('the Terraform environment exists only once the file has started');
      return env;
    },
    workspace() {
      const dir = newWorkspace();
      workspaces.push(dir);
      return dir;
    },
  };
}
