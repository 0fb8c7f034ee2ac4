import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../sandbox/index.js';
import { runAction, type ActionResult } from '../../sandbox/runner/run-action.js';
import { ROLE, jobEnv, startCredentialsSandbox } from './aws-credentials-helpers.js';
import { FAKE_TERRAFORM, SCENARIOS } from './terraform-plan-helpers.js';

/**
 * Values that look plausible but that AWS (or Terraform) would refuse, or that the actions used to
 * take for something else: booleans read as resource types, two ARNs read as one, ARNs of another
 * region, partition or cluster, ECS's hard limits, documents that are not plans. Through each
 * action's bundle, each ends with exit code 1 and one error line naming the input, before any
 * network call (the sandbox's request log stays empty; terraform-plan's GitHub is unreachable).
 */

let sandbox: Sandbox;
let root: string;
let workspace: string;

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const container = (name: string, extra = '') => `{"name": "${name}", "image": "nginx:1.27", "essential": true${extra}}`;
const task = (containers: string[], extra = '') =>
  `{"family": "web", "containerDefinitions": [${containers.join(', ')}], "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "networkMode": "awsvpc"${extra}}`;
const serviceArn = (region: string, cluster: string, name = 'web') => `arn:aws:ecs:${region}:${ACCOUNT}:service/${cluster}/${name}`;

beforeAll(async () => {
  sandbox = await startCredentialsSandbox();
  root = mkdtempSync(join(tmpdir(), 'bad-input-values-'));
  workspace = join(root, 'workspace');
  mkdirSync(join(workspace, 'infra'), { recursive: true });
  mkdirSync(join(root, 'outside'));
  writeFileSync(join(root, 'outside', 'main.tf'), '# outside the workspace\n');
  symlinkSync(join(root, 'outside'), join(workspace, 'linked-infra'));
  copyFileSync(SCENARIOS.mixed.json, join(workspace, 'plan.json'));
  const eleven = Array.from({ length: 11 }, (_, index) => container(`c${index}`));
  const files: Record<string, string> = {
    'main.tf': '# replayed by the fake terraform\n',
    'infra/main.tf': '# replayed by the fake terraform\n',
    'list.json': '[1, 2, 3]',
    'state.json': '{"format_version": "1.0", "terraform_version": "1.9.0", "values": {"root_module": {}}}',
    'good.json': task([container('app')]),
    'garbage.json': 'this is not json\nnor this\n',
    'eleven.json': task(eleven),
    'huge.json': task([container('app', `, "environment": [{"name": "BIG", "value": "${'x'.repeat(70_000)}"}]`)]),
    'cpu-256m.json': task([container('app')]).replace('"cpu": "256"', '"cpu": "256m"'),
    'bad-value-from.json': task([container('app', ', "secrets": [{"name": "DB", "valueFrom": "not a secret reference"}]')]),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(workspace, name), text);
});

afterAll(async () => {
  await sandbox.stop();
  rmSync(root, { recursive: true, force: true });
});

type Action = 'aws-credentials' | 'ecs-deploy' | 'ecs-rollback' | 'terraform-plan';
/** [action, what is wrong, inputs, the input the error names, what the error says]. */
type Case = [Action, string, Record<string, string>, string, RegExp];

const OUTSIDE = /outside the workspace/;
const terraformPolicy = { 'role-to-assume': ROLE, 'session-policy': 'terraform-plan' };
const deployPolicy = { 'role-to-assume': ROLE, 'session-policy': 'ecs-deploy', 'ecs-cluster': 'prod', 'ecs-services': 'web' };
const overrides = JSON.stringify([{ name: 'app', command: ['migrate'], environment: [{ name: 'BIG', value: 'y'.repeat(8_200) }] }]);

const CASES: Case[] = [
  // terraform-plan: paths, the binary, what fail-on-destroy means, documents that are not plans.
  ['terraform-plan', 'terraform-binary: a directory', { 'terraform-binary': '/bin' }, 'terraform-binary', /'\/bin' is a directory/],
  ['terraform-plan', 'working-directory: a traversal', { 'working-directory': '../..' }, 'working-directory', OUTSIDE],
  [
    'terraform-plan',
    'working-directory: a symlink out',
    { 'working-directory': 'linked-infra' },
    'working-directory',
    /symbolic link to a path outside/,
  ],
  [
    'terraform-plan',
    'var-files: a traversal',
    { 'working-directory': 'infra', 'var-files': '../../../../etc/passwd' },
    'var-files',
    OUTSIDE,
  ],
  ['terraform-plan', 'plan-json: an absolute path elsewhere', { 'plan-json': '/etc/hostname' }, 'plan-json', OUTSIDE],
  [
    'terraform-plan',
    'plan-text: an absolute path elsewhere',
    { 'plan-json': 'plan.json', 'plan-text': '/etc/hostname' },
    'plan-text',
    OUTSIDE,
  ],
  ['terraform-plan', 'plan-json: a JSON list', { 'plan-json': 'list.json' }, 'plan-json', /is not a Terraform plan: .*not a JSON object/],
  ['terraform-plan', 'plan-json: a state file', { 'plan-json': 'state.json' }, 'plan-json', /state file, not a plan/],
  ['terraform-plan', 'plan-json: not JSON', { 'plan-json': 'garbage.json' }, 'plan-json', /line 1 is not JSON/],
  ['terraform-plan', 'fail-on-destroy: yes', { 'fail-on-destroy': 'yes' }, 'fail-on-destroy', /'yes' is neither true, false nor a list/],
  ['terraform-plan', 'fail-on-destroy: off', { 'fail-on-destroy': 'off' }, 'fail-on-destroy', /Write false/],
  // aws-credentials: two ARNs as one, a partition that cannot match, S3's bucket naming rules.
  [
    'aws-credentials',
    'two managed policies joined by a comma',
    {
      'role-to-assume': ROLE,
      'managed-session-policies': 'arn:aws:iam::aws:policy/ReadOnlyAccess,arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    },
    'managed-session-policies',
    /two ARNs joined by a comma/,
  ],
  [
    'aws-credentials',
    'pass-roles in another partition',
    { ...deployPolicy, 'pass-roles': `arn:aws-cn:iam::${ACCOUNT}:role/task` },
    'pass-roles',
    /partition aws-cn but role-to-assume is in aws/,
  ],
  [
    'aws-credentials',
    'bucket: two dots',
    { ...terraformPolicy, 'terraform-state-bucket': 'state..bucket' },
    'terraform-state-bucket',
    /next to each other/,
  ],
  [
    'aws-credentials',
    'bucket: an IP address',
    { ...terraformPolicy, 'terraform-state-bucket': '192.168.10.12' },
    'terraform-state-bucket',
    /IP address/,
  ],
  [
    'aws-credentials',
    'bucket: a reserved prefix',
    { ...terraformPolicy, 'terraform-state-bucket': 'xn--state' },
    'terraform-state-bucket',
    /prefix xn--/,
  ],
  [
    'aws-credentials',
    'bucket: a reserved suffix',
    { ...terraformPolicy, 'terraform-state-bucket': 'state-s3alias' },
    'terraform-state-bucket',
    /suffix -s3alias/,
  ],
  [
    'aws-credentials',
    'bucket: upper case',
    { ...terraformPolicy, 'terraform-state-bucket': 'My_State' },
    'terraform-state-bucket',
    /lower-case/,
  ],
  // ecs-deploy: the task-definition validator ecs-render uses, ECS's hard limits, ARNs that contradict.
  [
    'ecs-deploy',
    'eleven containers',
    { 'task-definition': 'eleven.json', service: 'web' },
    'task-definition',
    /11 containers; ECS allows at most 10/,
  ],
  [
    'ecs-deploy',
    'a task definition over 64 KiB',
    { 'task-definition': 'huge.json', service: 'web' },
    'task-definition',
    /KiB as JSON; ECS accepts at most 64 KiB/,
  ],
  ['ecs-deploy', 'cpu "256m"', { 'task-definition': 'cpu-256m.json', service: 'web' }, 'task-definition', /cpu '256m' is not CPU units/],
  ['ecs-deploy', 'an invalid valueFrom', { 'task-definition': 'bad-value-from.json', service: 'web' }, 'task-definition', /secrets 'DB'/],
  [
    'ecs-deploy',
    'container overrides over 8 KiB',
    { 'task-definition': 'good.json', service: 'web', 'run-task': 'true', 'run-task-container-overrides': overrides },
    'run-task-container-overrides',
    /ECS accepts at most 8192/,
  ],
  [
    'ecs-deploy',
    'a service ARN in another region',
    {
      'task-definition': `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/web:3`,
      service: serviceArn('eu-west-1', 'prod'),
      'aws-region': REGION,
    },
    'service',
    /region eu-west-1, but aws-region is us-east-1/,
  ],
  [
    'ecs-deploy',
    'a service ARN of another cluster',
    {
      'task-definition': `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/web:3`,
      service: serviceArn(REGION, 'a'),
      cluster: 'b',
      'aws-region': REGION,
    },
    'service',
    /service of cluster a, but cluster is b/,
  ],
  [
    'ecs-deploy',
    'a task definition ARN in another partition',
    { 'task-definition': `arn:aws-cn:ecs:cn-north-1:${ACCOUNT}:task-definition/web:3`, service: 'web', 'aws-region': REGION },
    'task-definition',
    /partition aws-cn, but aws-region us-east-1 is in aws/,
  ],
  // ecs-rollback: the same contradictions.
  [
    'ecs-rollback',
    'a cluster ARN in another region',
    { cluster: `arn:aws:ecs:eu-west-1:${ACCOUNT}:cluster/prod`, service: 'web', 'aws-region': REGION },
    'cluster',
    /region eu-west-1/,
  ],
  [
    'ecs-rollback',
    'a service ARN of another cluster',
    { cluster: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/b`, service: serviceArn(REGION, 'a'), 'aws-region': REGION },
    'service',
    /service of cluster a, but cluster is b/,
  ],
  [
    'ecs-rollback',
    'a target ARN in another region',
    { service: 'web', to: `arn:aws:ecs:eu-west-1:${ACCOUNT}:task-definition/web:3`, 'aws-region': REGION },
    'to',
    /region eu-west-1, but aws-region is us-east-1/,
  ],
];

function run(action: Action, inputs: Record<string, string>): Promise<ActionResult> {
  if (action === 'terraform-plan') {
    return runAction(action, {
      inputs: { 'terraform-binary': FAKE_TERRAFORM, comment: 'false', ...inputs },
      env: { GITHUB_API_URL: 'http://127.0.0.1:9', GITHUB_TOKEN: 'ghs_unused' },
      workspace,
      timeoutMs: 30_000,
    });
  }
  const env = action === 'aws-credentials' ? jobEnv(sandbox) : { ...sandbox.env };
  return runAction(action, {
    inputs: action === 'aws-credentials' ? { 'aws-region': REGION, ...inputs } : inputs,
    env,
    workspace,
    skipPost: true,
    timeoutMs: 30_000,
  });
}

describe('plausible but wrong values end in one error naming the input, before any network call', () => {
  test.each(CASES)('%s: %s', async (action, _title, inputs, input, says) => {
    sandbox.admin.requests.clear();
    const result = await run(action, inputs);
    expect(result.errors).toEqual([expect.stringMatching(new RegExp(`^Input '${input}': `))]);
    expect(result.errors[0]).toMatch(says);
    expect(result.exitCode).toBe(1);
    expect((result.errors[0] ?? '').length).toBeLessThan(600);
    expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/\n\s+at /);
    expect(sandbox.admin.requests.count()).toBe(0);
  });
});
