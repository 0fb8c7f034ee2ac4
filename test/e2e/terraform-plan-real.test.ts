import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parsePlanLine } from '../../src/terraform-plan/plan-text.js';
import { OWNER, PR_NUMBER, REPO } from './terraform-plan-helpers.js';
import { configure, planTextOf, runReal, terraform, useRealTerraform } from './terraform-plan-real-helpers.js';

/** The bundled action against the real Terraform: every kind of plan, run mode and read mode. */

const real = useRealTerraform();

/** Copies `path` into `workspace` and returns its name there. */
function copyInto(workspace: string, path: string): string {
  copyFileSync(path, join(workspace, basename(path)));
  return basename(path);
}

const comment = () => real.api.admin.comments(OWNER, REPO, PR_NUMBER)[0]?.body ?? '';

const BEFORE = `
resource "terraform_data" "keep" { input = "v1" }
resource "terraform_data" "swap" { triggers_replace = "v1" }
resource "terraform_data" "gone" { input = "bye" }
resource "terraform_data" "old_name" { input = "moved" }
resource "terraform_data" "forget_me" { input = "kept outside terraform" }
resource "terraform_data" "last" { input = "stays" }
`;

const AFTER = `
resource "terraform_data" "keep" { input = "v2" }
resource "terraform_data" "swap" { triggers_replace = "v2" }
moved {
  from = terraform_data.old_name
  to   = terraform_data.new_name
}
resource "terraform_data" "new_name" { input = "moved" }
removed {
  from = terraform_data.forget_me
  lifecycle { destroy = false }
}
import {
  to = terraform_data.adopted
  id = "adopted-id"
}
resource "terraform_data" "adopted" {}
resource "terraform_data" "fresh" {
  for_each = toset(["a", "b"])
  input    = each.key
}
resource "terraform_data" "last" { input = "stays" }
output "greeting" { value = "hello" }
`;

test('every kind of change: counts match Terraform, forget and move get their own diffs; read mode agrees', async () => {
  const dir = configure(real.workspace(), 'infra', { 'main.tf': BEFORE });
  terraform(dir, ['apply', '-auto-approve', '-input=false', '-no-color'], real.env);
  writeFileSync(join(dir, 'main.tf'), AFTER);
  const run = await runReal(real.api, real.env, { workspace: join(dir, '..'), inputs: { 'working-directory': 'infra' } });
  expect(run.errors).toEqual([]);
  expect(run.exitCode).toBe(0);
  const text = planTextOf(run);
  // Terraform's own Plan line, from its own text, is the oracle for the counts.
  expect(parsePlanLine(text)).toMatchObject({ import: 1, add: 3, change: 1, destroy: 2 });
  expect(run.outputs).toMatchObject({ add: '3', change: '1', destroy: '2', replace: '1', import: '1', move: '1', 'exit-code': '2' });
  const body = comment();
  expect(body).toContain(
    '**Plan: 3 to add, 1 to change, 2 to destroy.** (1 replaced, 1 to import, 1 moved, 1 to forget, 1 output changed)',
  );
  const section = (address: string) =>
    new RegExp(`<summary><code>${address.replace(/[.[\]]/g, '\\$&')}</code>[^\n]*\n\n\`\`\`diff\n([\\s\\S]*?)\n\`\`\``).exec(body)?.[1];
  expect(section('terraform_data.forget_me')).toContain('will no longer be managed by Terraform');
  for (const address of ['terraform_data.adopted', 'terraform_data.keep', 'terraform_data.new_name', 'terraform_data.swap'])
    expect(section(address)).not.toContain('no longer be managed');
  expect(section('terraform_data.new_name')).toContain('terraform_data.old_name has moved to terraform_data.new_name');
  expect(body).toContain('**Forget (remove from state, keep the object) (1)**');

  // Read mode: the plan JSON and text this run wrote, rendered without Terraform.
  const read = await runReal(real.api, real.env, {
    workspace: join(dir, '..'),
    inputs: {
      // Another step's RUNNER_TEMP is outside this one's roots: read through a copy in the workspace, as a downloaded artifact would be.
      'plan-json': copyInto(join(dir, '..'), run.outputs['plan-json'] ?? ''),
      'plan-text': copyInto(join(dir, '..'), run.outputs['plan-json']?.replace(/json$/, 'txt') ?? ''),
      'comment-key': 'read',
    },
  });
  expect(read.exitCode).toBe(0);
  expect(read.outputs['plan-checksum']).toBe(run.outputs['plan-checksum']);
  expect(read.outputs).toMatchObject({ add: '3', change: '1', destroy: '2', import: '1', move: '1' });
});

test('a deposed object and the current object at one address get separate digests and diffs', async () => {
  const dir = configure(real.workspace(), '.', { 'main.tf': 'resource "terraform_data" "a" { input = "current" }\n' });
  terraform(dir, ['apply', '-auto-approve', '-input=false', '-no-color'], real.env);
  // A deposed object is what a failed create_before_destroy replacement leaves: planted in the state.
  const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as {
    serial: number;
    resources: { instances: { deposed?: string; attributes: { input: { value: string } } }[] }[];
  };
  const instances = state.resources[0]?.instances ?? [];
  const deposed = structuredClone(instances[0]);
  if (!deposed) throw new Error('no instance in the state');
  deposed.deposed = '0badc0de';
  deposed.attributes.input.value = 'left over';
  instances.push(deposed);
  state.serial += 1;
  writeFileSync(join(dir, 'pushed.tfstate'), JSON.stringify(state));
  terraform(dir, ['state', 'push', 'pushed.tfstate'], real.env);
  writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "a" { input = "changed" }\n');
  const run = await runReal(real.api, real.env, { workspace: dir, inputs: { 'require-reviewed-plan': 'false' } });
  expect(run.exitCode).toBe(0);
  expect(run.outputs).toMatchObject({ change: '1', destroy: '1' });
  const body = comment();
  expect(body).toContain('<summary><code>terraform_data.a</code> · update</summary>');
  expect(body).toContain('<summary><code>terraform_data.a (deposed object 0badc0de)</code> · delete</summary>');
  const record = JSON.parse(Buffer.from(/terraform-plan-record (\S+)/.exec(body)?.[1] ?? '', 'base64url').toString()) as {
    digests: Record<string, string>;
  };
  expect(Object.keys(record.digests).sort()).toEqual(['terraform_data.a', 'terraform_data.a (deposed object 0badc0de)']);
  expect(body).toMatch(/deposed object 0badc0de\)<\/code> · delete<\/summary>\n\n```diff\n[^`]*"left over"/);
});

test('an outputs-only plan has no "Plan:" line, as Terraform prints none; no changes says so', async () => {
  const dir = configure(real.workspace(), '.', { 'main.tf': 'output "region" { value = "eu-west-1" }\n' });
  const outputsOnly = await runReal(real.api, real.env, { workspace: dir, inputs: { 'comment-key': 'outputs' } });
  expect(outputsOnly.exitCode).toBe(0);
  expect(planTextOf(outputsOnly)).not.toContain('Plan:');
  expect(comment()).toContain('📝 **No resource changes; 1 output changed.**');
  expect(comment()).not.toContain('**Plan:');
  terraform(dir, ['apply', '-auto-approve', '-input=false', '-no-color'], real.env);
  const none = await runReal(real.api, real.env, { workspace: dir, inputs: { 'comment-key': 'outputs', 'add-labels': 'true' } });
  expect(none.outputs).toMatchObject({ 'has-changes': 'false', 'exit-code': '0' });
  expect(comment()).toContain('✅ **No changes.**');
  expect(real.api.admin.labels(OWNER, REPO, PR_NUMBER)).toEqual(['terraform:no-changes']);
});

test('a workspace is created, selected and named in the comment; init output is logged once', async () => {
  const dir = configure(real.workspace(), '.', { 'main.tf': 'resource "terraform_data" "w" { input = terraform.workspace }\n' });
  const run = await runReal(real.api, real.env, { workspace: dir, inputs: { workspace: 'staging' } });
  expect(run.exitCode).toBe(0);
  expect(comment()).toContain('### Terraform plan: `.` · workspace `staging`');
  expect(planTextOf(run)).toContain('+ input  = "staging"');
  expect(terraform(dir, ['workspace', 'show'], real.env).trim()).toBe('staging');
  expect(run.log.split('Initializing the backend...')).toHaveLength(2);
});

test.each([
  {
    stage: 'init',
    files: { 'main.tf': 'module "network" { source = "./modules/missing" }\n' },
    headline: '❌ **`terraform init` failed**, so there is no plan.',
    error:
      /^terraform init failed in \.: Error: Unreadable module directory: Unable to evaluate directory symlink: lstat modules.*no such file or directory$/,
    // Terraform itself reports this one twice.
    times: 2,
  },
  {
    stage: 'plan',
    files: { 'main.tf': 'resource "terraform_data" "a" { inptu = "typo" }\n' },
    headline: '❌ **The plan failed.**',
    error:
      /^terraform plan failed in \.: Error: Unsupported argument: An argument named "inptu" is not expected here\.( Did you mean "input"\?)?$/,
    times: 1,
  },
  {
    stage: 'plan',
    files: { 'main.tf': 'resource "terraform_data" "a" { input = tonumber("twelve") }\n' },
    headline: '❌ **The plan failed.**',
    error:
      /^terraform plan failed in \.: Error: Invalid function argument: Invalid value for "v" parameter: cannot convert "twelve" to number/,
    times: 1,
  },
])('an error at $stage time: headline, one whole error line, output logged once', async ({ files, headline, error, times }) => {
  const dir = configure(real.workspace(), '.', files);
  const run = await runReal(real.api, real.env, { workspace: dir });
  expect(run.exitCode).toBe(1);
  expect(run.errors).toEqual([expect.stringMatching(error)]);
  expect(comment()).toContain(headline);
  expect(run.outputs['exit-code']).toBe('1');
  // Terraform's diagnostics, once each (the step's own error line quotes it too, but not at a line start).
  const firstLine = /^Error: [^\n]*/m.exec(run.log)?.[0] ?? 'no error in the log';
  expect(run.log.split('\n').filter((line) => line === firstLine)).toHaveLength(times);
  expect(run.log.split('Initializing the backend...').length - 1).toBe(1);
});

test('a plan beyond every limit: comment under 65,536 characters and posted, summary under 1 MiB', async () => {
  // 400 resources with ~215-character addresses and 3,000-character values (a module with a long
  // name and count: for_each with long keys makes Terraform itself slow); 150 long-named outputs.
  const moduleName = 'component_'.repeat(14);
  const resourceName = 'resource_'.repeat(6);
  const root = real.workspace();
  configure(root, 'modules/wide', {
    'main.tf': `resource "terraform_data" "${resourceName}" {\n  count = 400\n  input = format("%03000d", count.index)\n}\n`,
  });
  const dir = configure(root, '.', {
    'main.tf': `module "${moduleName}" { source = "./modules/wide" }\n${Array.from(
      { length: 150 },
      (_, index) => `output "${'o'.repeat(120)}_${index}" { value = "${'v'.repeat(180)}" }`,
    ).join('\n')}\n`,
  });
  const run = await runReal(real.api, real.env, { workspace: dir });
  expect(run.errors).toEqual([]);
  expect(run.exitCode).toBe(0);
  const body = comment();
  expect(body.length).toBeGreaterThan(10_000);
  expect(body.length).toBeLessThanOrEqual(65_536);
  expect(body).toContain('**Plan: 400 to add, 0 to change, 0 to destroy.**');
  expect(body).toContain('Full plan: the job summary of [this run]');
  expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(1024 * 1024);
  const posts = real.api.admin.requests().filter((request) => /comments$/.test(request.url) && request.method !== 'GET');
  expect(posts.map((request) => request.status)).toEqual([201]);
});
