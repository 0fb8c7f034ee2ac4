import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, readActionMetadata, runAction } from '../../sandbox/runner/run-action.js';
import { FAKE_TERRAFORM, PR_EVENT, SCENARIOS, workspaceWith } from './terraform-plan-helpers.js';

/** Bad inputs end the step with exit code 1 and one error line naming the input, before any GitHub call. */

function emptyDirIn(workspace: string): string {
  mkdirSync(join(workspace, 'empty'));
  return workspace;
}

const NOWHERE = { GITHUB_API_URL: 'http://127.0.0.1:9', GITHUB_TOKEN: 'ghs_unused' };

const CASES: [string, Record<string, string>][] = [
  ['mode', { mode: 'destroy' }],
  ['working-directory', { 'working-directory': 'no/such/dir' }],
  ['working-directory', { 'working-directory': 'empty' }],
  ['workspace', { workspace: 'prod east' }],
  ['terraform-binary', { 'terraform-binary': 'terraform; rm -rf /' }],
  ['terraform-binary', { 'terraform-binary': 'no-such-terraform-binary' }],
  ['init', { init: 'yes' }],
  ['var-files', { 'var-files': 'missing.tfvars' }],
  ['variables', { variables: 'not a pair' }],
  ['variables', { variables: '1bad=value' }],
  ['backend-config', { 'backend-config': 'missing-backend.hcl' }],
  ['plan-json', { 'plan-json': 'missing.json' }],
  ['plan-text', { 'plan-text': SCENARIOS.mixed.text }],
  ['plan-json', { 'plan-json': SCENARIOS.mixed.json, mode: 'apply' }],
  ['comment', { comment: 'maybe' }],
  ['comment-key', { 'comment-key': 'x'.repeat(101) }],
  ['add-labels', { 'add-labels': 'sure' }],
  ['github-token', { 'github-token': '', comment: 'true' }],
  ['fail-on-destroy', { 'fail-on-destroy': 'aws_db_instance, Bad-Type' }],
  ['require-reviewed-plan', { 'require-reviewed-plan': 'nope' }],
  ['pull-request-number', { 'pull-request-number': '0' }],
  ['pull-request-number', { 'pull-request-number': 'twelve' }],
];

test.each(CASES)('%s: %j', async (name, inputs) => {
  const result = await runAction('terraform-plan', {
    inputs: { 'terraform-binary': FAKE_TERRAFORM, ...inputs },
    env: NOWHERE,
    event: PR_EVENT,
    eventName: 'pull_request',
    workspace: emptyDirIn(workspaceWith('infra')),
    timeoutMs: 20_000,
  });
  expect(result.errors).toEqual([expect.stringMatching(new RegExp(`^Input '${name}': `))]);
  expect(result.exitCode).toBe(1);
});

test('the inputs the action reads are exactly those action.yml declares', () => {
  const source = ['inputs.ts'].map((file) => readFileSync(join(PROJECT_ROOT, 'src/terraform-plan', file), 'utf8')).join('\n');
  const read = new Set([...source.matchAll(/input\.\w+\('([a-z-]+)'/g)].map((match) => match[1]));
  expect([...read].sort()).toEqual(Object.keys(readActionMetadata('terraform-plan').inputs ?? {}).sort());
});
