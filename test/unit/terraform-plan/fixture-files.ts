import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../fixture-paths.js';

/** Every Terraform plan fixture: the upstream ones (test/fixtures/terraform) and the planted-secret ones of this action. */
export const UPSTREAM_TERRAFORM = join(FIXTURES, 'terraform');
export const OWN_FIXTURES = join(FIXTURES, 'terraform-plan');

export interface PlanFixture {
  name: string;
  json: string;
  /** `terraform show -no-color` of the same plan, when the source has one. */
  text?: string;
}

const upstream = (path: string) => join(UPSTREAM_TERRAFORM, path);
const TFPLAN2MD = 'tfplan2md/src/tests/Oocx.TfPlan2Md.TUnit/TestData/TerraformShow';
const PLAN_COMMENT = 'terraform-plan-comment/tests/fixtures/basic';

export const PLAN_FIXTURES: PlanFixture[] = [
  { name: 'identity import', json: upstream('terraform-json/testdata/identity/plan.json') },
  { name: 'tainted replace', json: upstream('terraform-json/testdata/action_reason/plan.json') },
  {
    name: '300 creates',
    json: upstream(`${PLAN_COMMENT}/7-create-hundreds/plan.json`),
    text: upstream(`${PLAN_COMMENT}/7-create-hundreds/plan.txt`),
  },
  { name: 'forget', json: upstream(`${PLAN_COMMENT}/3-remove/plan.json`) },
  { name: 'empty', json: upstream(`${PLAN_COMMENT}/4-empty/plan.json`) },
  { name: 'terragrunt NDJSON', json: upstream(`${PLAN_COMMENT}/6-terragrunt-multiplan/plan.json`) },
  { name: '5000 creates', json: upstream('terraform-change-pr-commenter/test-data/tf_test_large.json') },
  { name: 'IAM mix', json: upstream('terraform-change-pr-commenter/test-data/tf_test4.json') },
  { name: 'azuredevops (ANSI text)', json: upstream(`${TFPLAN2MD}/plan2.json`), text: upstream(`${TFPLAN2MD}/plan2.txt`) },
  { name: 'azuredevops (no-color text)', json: upstream(`${TFPLAN2MD}/plan2.json`), text: upstream(`${TFPLAN2MD}/plan2.nocolor.txt`) },
  { name: 'code fence values', json: upstream('terraform-j2md/test/testdata/include_code_fence/show.json') },
  { name: 'UTF-16 with BOM', json: upstream('checkov/tests/terraform/parser/resources/plan_encodings/tfplan_win_utf16.json') },
  { name: 'drift and modules', json: upstream('tf-summarize/example/tfplan.json') },
  { name: 'planted secrets', json: join(OWN_FIXTURES, 'planted-secrets/plan.json'), text: join(OWN_FIXTURES, 'planted-secrets/plan.txt') },
];

export function bytes(path: string): Uint8Array {
  return readFileSync(path);
}

/** The fixture's JSON documents, read independently of the code under test (UTF-16 decoded by Node). */
export function rawDocuments(path: string): Record<string, unknown>[] {
  const buffer = readFileSync(path);
  const text = buffer[0] === 0xff && buffer[1] === 0xfe ? buffer.subarray(2).toString('utf16le') : buffer.toString('utf8');
  const trimmed = text.trim();
  try {
    return [JSON.parse(trimmed) as Record<string, unknown>];
  } catch {
    return trimmed.split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

/** Sensitive values planted in own fixtures; none may appear in anything the action produces. */
export const PLANTED_SECRETS = [
  'hunter2-PLANTED-db-password',
  's3cr3t-PLANTED-api-token',
  'PLANTED KEY',
  'MIIPLANTEDKEYBODY0123456789',
  'pin=7x!',
  'PLANTED-forgotten-policy',
  'PLANTED-ssm-token-4477',
  'PLANTED-var-value-9f2c',
];

/** Sensitive values in the upstream fixtures (found by reading their masks). */
export const UPSTREAM_SECRETS = ['supersecret', 'cache-42', 'database-42'];
