import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionResult } from '../../sandbox/runner/run-action.js';
import { OWNER, PR_NUMBER, REPO } from './terraform-plan-helpers.js';
import {
  canaryHits,
  configure,
  everythingWritten,
  planTextOf,
  runReal,
  terraform,
  useRealTerraform,
} from './terraform-plan-real-helpers.js';

/**
 * Canary secrets planted through every source Terraform reads, against the real Terraform: none may
 * appear in anything the action writes or sends, in run mode, read mode, apply and on failure.
 */

const CANARY = {
  varFile: 'CANARY-varfile-7d1e',
  defaultValue: 'CANARY-default-52ab',
  environment: 'CANARY-tfvar-env-0c94',
  input: 'CANARY-input-value-3f60',
  output: 'CANARY-sensitive-output-88aa',
  embedded: 'CANARY-embedded-json-19bd',
  named: 'CANARY-named-password-6e02',
  validation: 'CANARY-validation-a4c7',
};

const CONFIG = `
variable "db_password" {
  type      = string
  sensitive = true
}
variable "api_key" {
  type      = string
  sensitive = true
  default   = "${CANARY.defaultValue}"
}
variable "signing_key" {
  type      = string
  sensitive = true
}
variable "deploy_token" {
  type      = string
  sensitive = true
}
variable "embedded_secret" {
  type      = string
  sensitive = true
}
resource "terraform_data" "database" {
  input = var.db_password
}
resource "terraform_data" "keys" {
  input = [var.api_key, var.signing_key, var.deploy_token]
}
resource "terraform_data" "document" {
  # nonsensitive() takes Terraform's mark off: the plan shows the whole string unmarked.
  input = { doc = jsonencode({ host = "db.internal", token = nonsensitive(var.embedded_secret) }) }
}
resource "terraform_data" "unmarked" {
  # No provider marks this; its name says what it is.
  input = { user = "app", password = "${CANARY.named}" }
}
output "admin_secret" {
  value     = sensitive("${CANARY.output}")
  sensitive = true
}
`;

const VALIDATION = `
variable "pin" {
  type      = string
  sensitive = true
  default   = "${CANARY.validation}"
  validation {
    condition     = length(var.pin) == 4
    error_message = "The pin must have 4 characters."
  }
}
resource "terraform_data" "lock" { input = var.pin }
`;

const KEY = 'k'.repeat(8) + '-test-hmac-key-0123456789abcdef';
const PUSH = { ref: 'refs/heads/main', after: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c' };

const real = useRealTerraform();

function project(files: Record<string, string>): string {
  return configure(real.workspace(), '.', files);
}

const secretsFile = `db_password = "${CANARY.varFile}"\nembedded_secret = "${CANARY.embedded}"\n`;
const planInputs = (extra: Record<string, string> = {}) => ({
  'var-files': 'secrets.tfvars',
  variables: `deploy_token=${CANARY.input}`,
  'plan-checksum-key': KEY,
  'add-labels': 'true',
  ...extra,
});
const stepEnv = { TF_VAR_signing_key: CANARY.environment };

function expectNoCanary(results: ActionResult[], canaries: string[]): void {
  expect(canaryHits(everythingWritten(real.api, results), canaries)).toEqual([]);
}

test('run mode, read mode and apply: no canary from any source in anything written or sent', async () => {
  const dir = project({ 'main.tf': CONFIG, 'secrets.tfvars': secretsFile });
  const planned = await runReal(real.api, real.env, { workspace: dir, inputs: planInputs(), env: stepEnv });
  expect(planned.errors).toEqual([]);
  expect(planned.exitCode).toBe(0);
  // The canaries were really there: Terraform's own JSON holds every one in clear text.
  const json = readFileSync(planned.outputs['plan-json'] ?? '', 'utf8');
  const planted = Object.values(CANARY).filter((canary) => canary !== CANARY.validation);
  for (const canary of planted) expect(json).toContain(canary);
  expect(planned.outputs['plan-checksum']).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
  expect(Number(planned.outputs.redacted)).toBeGreaterThanOrEqual(planted.length);
  expect(planned.summary).toMatch(
    /🔒 \d+ values shown as `\(sensitive value\)`: \d+ marked sensitive by Terraform; 1 unmarked, but under an attribute whose name says secret/,
  );
  expect(planned.summary).toContain('unmarked string containing a sensitive value');
  expect(planTextOf(planned)).toContain('(sensitive value)');

  // Read mode, from the raw files Terraform writes (its text shows the nonsensitive() string in clear).
  terraform(
    dir,
    ['plan', '-input=false', '-no-color', '-out=raw.tfplan', '-var-file=secrets.tfvars', `-var=deploy_token=${CANARY.input}`],
    {
      ...real.env,
      ...stepEnv,
    },
  );
  writeFileSync(join(dir, 'raw.json'), terraform(dir, ['show', '-json', 'raw.tfplan'], real.env));
  writeFileSync(join(dir, 'raw.txt'), terraform(dir, ['show', '-no-color', 'raw.tfplan'], real.env));
  expect(readFileSync(join(dir, 'raw.txt'), 'utf8')).toContain(CANARY.embedded);
  const read = await runReal(real.api, real.env, {
    workspace: dir,
    inputs: { 'plan-json': 'raw.json', 'plan-text': 'raw.txt', 'comment-key': 'read', 'plan-checksum-key': KEY },
  });
  expect(read.exitCode).toBe(0);
  expect(read.outputs['plan-checksum']).toBe(planned.outputs['plan-checksum']);

  // Apply: the plan matches the reviewed one and is applied; its log (outputs included) is scrubbed too.
  const applied = await runReal(real.api, real.env, {
    workspace: dir,
    inputs: { ...planInputs({ mode: 'apply', 'pull-request-number': String(PR_NUMBER) }), 'add-labels': 'false' },
    env: stepEnv,
    eventName: 'push',
    event: PUSH,
  });
  expect(applied.errors).toEqual([]);
  expect(applied.exitCode).toBe(0);
  expect(applied.log).toContain('Apply complete! Resources: 4 added');
  expect(applied.log).toContain('admin_secret = <sensitive>');
  expect(real.api.admin.comments(OWNER, REPO, PR_NUMBER)).toHaveLength(2);
  expectNoCanary([planned, read, applied], Object.values(CANARY));
});

test('a failing validation quotes the sensitive value; the log, comment and error do not', async () => {
  const dir = project({ 'main.tf': VALIDATION });
  const failed = await runReal(real.api, real.env, { workspace: dir });
  expect(failed.exitCode).toBe(1);
  expect(failed.errors).toEqual([expect.stringMatching(/^terraform plan failed in \.: Error: Invalid value for variable/)]);
  expect(failed.log).toContain('var.pin is (sensitive value)');
  expect(failed.log).toContain('The pin must have 4 characters.');
  const body = real.api.admin.comments(OWNER, REPO, PR_NUMBER)[0]?.body ?? '';
  expect(body).toContain('❌ **The plan failed.**');
  // The same value from a var-file, TF_VAR_* and the variables input: each found without a plan.
  writeFileSync(join(dir, 'pin.tfvars'), `pin = "${CANARY.varFile}"\n`);
  const fromFile = await runReal(real.api, real.env, { workspace: dir, inputs: { 'var-files': 'pin.tfvars', 'comment-key': 'file' } });
  const fromEnv = await runReal(real.api, real.env, {
    workspace: dir,
    inputs: { 'comment-key': 'env' },
    env: { TF_VAR_pin: CANARY.environment },
  });
  const fromInput = await runReal(real.api, real.env, {
    workspace: dir,
    inputs: { 'comment-key': 'input', variables: `pin=${CANARY.input}` },
  });
  expect([fromFile, fromEnv, fromInput].map((result) => result.exitCode)).toEqual([1, 1, 1]);
  expectNoCanary([failed, fromFile, fromEnv, fromInput], Object.values(CANARY));
});

test('a change of a sensitive value alone: refused with plan-checksum-key; without, applied with a warning', async () => {
  const dir = project({
    'main.tf': 'variable "pw" {\n  type      = string\n  sensitive = true\n}\nresource "terraform_data" "db" { input = var.pw }\n',
    'pw.auto.tfvars': `pw = "${CANARY.varFile}"\n`,
  });
  const apply = (extra: Record<string, string>) =>
    runReal(real.api, real.env, {
      workspace: dir,
      inputs: { mode: 'apply', 'pull-request-number': String(PR_NUMBER), ...extra },
      eventName: 'push',
      event: PUSH,
    });
  const keyed = await runReal(real.api, real.env, { workspace: dir, inputs: { 'plan-checksum-key': KEY } });
  const unkeyed = await runReal(real.api, real.env, { workspace: dir, inputs: { 'comment-key': 'unkeyed' } });
  expect([keyed.exitCode, unkeyed.exitCode]).toEqual([0, 0]);
  // After the review, only the secret changes.
  writeFileSync(join(dir, 'pw.auto.tfvars'), `pw = "${CANARY.environment}"\n`);
  const refused = await apply({ 'plan-checksum-key': KEY });
  expect(refused.exitCode).toBe(1);
  expect(refused.errors).toEqual([
    expect.stringMatching(/^the plan differs from the one reviewed on pull request #2 .*changed: terraform_data\.db.*Nothing was applied/),
  ]);
  const mixed = await apply({ 'comment-key': 'unkeyed', 'plan-checksum-key': KEY });
  expect(mixed.errors).toEqual([expect.stringContaining('was checksummed without plan-checksum-key, and this step runs with it')]);
  const accepted = await apply({ 'comment-key': 'unkeyed' });
  expect(accepted.exitCode).toBe(0);
  expect(accepted.outputs['plan-checksum']).toBe(unkeyed.outputs['plan-checksum']);
  expect(accepted.warnings).toEqual([
    expect.stringContaining('a change of a sensitive value alone since the review would not be detected'),
  ]);
  expectNoCanary([keyed, unkeyed, refused, mixed, accepted], Object.values(CANARY));
});
