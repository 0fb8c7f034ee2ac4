import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGithubApi, type GithubApi } from '../../sandbox/github/index.js';
import { fixturePath } from '../fixture-paths.js';
import { runAction, type ActionResult, type RunActionOptions } from '../../sandbox/runner/run-action.js';

/** Shared set-up of the terraform-plan end-to-end tests: scenarios for the fake terraform, the sandbox, runs. */

export const FAKE_TERRAFORM = fixturePath('terraform-plan/fake-terraform.mjs');
export const PR_EVENT = fixturePath('github/octokit__webhooks/pull_request/opened.payload.json');
/** The pull request number in PR_EVENT; the harness's repository is octo-org/octo-service. */
export const PR_NUMBER = 2;
export const OWNER = 'octo-org';
export const REPO = 'octo-service';

const TF = fixturePath('terraform');
const TFPLAN2MD = join(TF, 'tfplan2md/src/tests/Oocx.TfPlan2Md.TUnit/TestData/TerraformShow');
const HUNDREDS = join(TF, 'terraform-plan-comment/tests/fixtures/basic/7-create-hundreds');
const PLANTED = fixturePath('terraform-plan/planted-secrets');

export interface Scenario {
  json: string;
  text?: string;
  fail?: string;
  exitCode?: number;
}

export const SCENARIOS = {
  /** 3 to add, 1 to change, 2 to destroy, with a replacement and a sensitive block. */
  mixed: { json: join(TFPLAN2MD, 'plan2.json'), text: join(TFPLAN2MD, 'plan2.nocolor.txt') },
  /** The same plan through ANSI colour. */
  coloured: { json: join(TFPLAN2MD, 'plan2.json'), text: join(TFPLAN2MD, 'plan2.txt') },
  hundreds: { json: join(HUNDREDS, 'plan.json'), text: join(HUNDREDS, 'plan.txt') },
  planted: { json: join(PLANTED, 'plan.json'), text: join(PLANTED, 'plan.txt') },
  empty: { json: join(TF, 'terraform-plan-comment/tests/fixtures/basic/4-empty/plan.json'), exitCode: 0 },
  tainted: { json: join(TF, 'terraform-json/testdata/action_reason/plan.json') },
} satisfies Record<string, Scenario>;

export const FAILED_PLAN = `
Error: Unsupported argument

  on main.tf line 12, in resource "aws_s3_bucket" "logs":
  12:   bukcet = "logs"

An argument named "bukcet" is not expected here. Did you mean "bucket"?
`;

/** A folder the fake terraform replays. */
export function scenarioDir(scenario: Scenario): string {
  const dir = mkdtempSync(join(tmpdir(), 'tf-scenario-'));
  copyFileSync(scenario.json, join(dir, 'plan.json'));
  if (scenario.text) copyFileSync(scenario.text, join(dir, 'plan.txt'));
  if (scenario.fail !== undefined) writeFileSync(join(dir, 'fail.txt'), scenario.fail);
  if (scenario.exitCode !== undefined) writeFileSync(join(dir, 'exit-code'), String(scenario.exitCode));
  return dir;
}

/** A workspace whose root and given directories each hold a main.tf (the action checks for configuration). */
export function workspaceWith(...dirs: string[]): string {
  const workspace = mkdtempSync(join(tmpdir(), 'tf-workspace-'));
  for (const dir of ['.', ...dirs]) {
    mkdirSync(join(workspace, dir), { recursive: true });
    writeFileSync(join(workspace, dir, 'main.tf'), '# replayed by the fake terraform\n');
  }
  return workspace;
}

/** A workspace (as workspaceWith) that also holds copies of `files` (name in the workspace → source path). */
export function workspaceHolding(files: Record<string, string>): string {
  const workspace = workspaceWith();
  for (const [name, source] of Object.entries(files)) copyFileSync(source, join(workspace, name));
  return workspace;
}

export interface PlanRun {
  scenario: Scenario;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  workspace?: string;
  eventName?: string;
  event?: RunActionOptions['event'];
  token?: string;
  log?: string;
}

export function runPlan(api: GithubApi, run: PlanRun): Promise<ActionResult> {
  const log = run.log ?? join(mkdtempSync(join(tmpdir(), 'tf-log-')), 'calls.ndjson');
  return runAction('terraform-plan', {
    inputs: { 'terraform-binary': FAKE_TERRAFORM, ...run.inputs },
    env: {
      ...api.env,
      ...(run.token ? { GITHUB_TOKEN: run.token } : {}),
      FAKE_TF_SCENARIO: scenarioDir(run.scenario),
      FAKE_TF_LOG: log,
      ...run.env,
    },
    event: run.event ?? PR_EVENT,
    eventName: run.eventName ?? 'pull_request',
    workspace: run.workspace ?? workspaceWith(),
    timeoutMs: 60_000,
  });
}

export function calls(logPath: string): { args: string[]; tfVars: string[] }[] {
  return readFileSync(logPath, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { args: string[]; tfVars: string[] });
}

export async function sandbox(): Promise<GithubApi> {
  return startGithubApi();
}

/** Everything a run made visible: log, outputs, summary, and what it sent to GitHub. */
export function everythingVisible(api: GithubApi, results: ActionResult[]): string {
  const sent = api.admin.requests().map((request) => `${request.url}\n${request.body}`);
  return [...results.flatMap((result) => [result.log, result.stderr, result.summary, JSON.stringify(result.outputs)]), ...sent].join('\n');
}
