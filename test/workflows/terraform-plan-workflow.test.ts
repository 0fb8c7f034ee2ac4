import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { FAKE_TERRAFORM, OWNER, PR_EVENT, PR_NUMBER, REPO, SCENARIOS, calls, scenarioDir } from '../e2e/terraform-plan-helpers.js';
import { PLAN_ROLE, claimsFollowJob, machineEnv, stepLines, workspaceWith } from './workflow-helpers.js';
import { runWorkflowCall } from '../../sandbox/runner/workflow-runner.js';

/**
 * .github/workflows/terraform-plan.yml on a pull_request event: the plan role (trusted only from pull
 * requests) with the terraform-plan session policy, the fake terraform replaying a plan, and one
 * sticky comment on the sandbox GitHub API.
 */

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
  sandbox.admin.identity.createRole({ arn: PLAN_ROLE, trust: { subjects: ['repo:acme/web:pull_request'] } });
  // The AWS managed policy, as the sandbox knows only the policies a test puts there.
  sandbox.admin.identity.putManagedPolicy(READ_ONLY, {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['ec2:Describe*', 'ecs:Describe*', 'ecs:List*'], Resource: '*' }],
  });
});
afterAll(async () => {
  await sandbox.stop();
});

test('terraform-plan.yml: plans on the pull request and posts one sticky comment, twice', async () => {
  const log = join(mkdtempSync(join(tmpdir(), 'tf-log-')), 'calls.ndjson');
  const base = {
    file: '.github/workflows/terraform-plan.yml',
    eventName: 'pull_request',
    event: JSON.parse(readFileSync(PR_EVENT, 'utf8')) as Record<string, unknown>,
    inputs: {
      'aws-region': 'us-east-1',
      'role-to-assume': PLAN_ROLE,
      'terraform-state-bucket': 'acme-tfstate',
      'working-directory': 'infra',
      'terraform-binary': FAKE_TERRAFORM,
    },
    secrets: { TF_VARIABLES: 'db_password=planted-Secret-4711' },
    env: machineEnv(sandbox, { FAKE_TF_SCENARIO: scenarioDir(SCENARIOS.mixed), FAKE_TF_LOG: log }),
    workspace: workspaceWith({ 'main.tf': '# root\n', 'infra/main.tf': '# replayed by the fake terraform\n' }),
  };
  const call = { ...base, onJobStart: claimsFollowJob(sandbox, base) };

  const first = await runWorkflowCall(call);
  expect(stepLines(first.jobs.plan)).toEqual([
    'success: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 (checkout)',
    'skipped: hashicorp/setup-terraform@b9cd54a3c349d3f38e8881555d616ced269862dd (setup-terraform)',
    'success: AWS credentials (state and read-only) (aws-credentials)',
    'success: Plan (terraform-plan)',
  ]);
  expect(first.jobs.plan?.environment).toBeUndefined();
  expect(first.jobs.plan?.permissions).toEqual({ contents: 'read', 'id-token': 'write', 'pull-requests': 'write' });
  expect(first.jobs.plan?.steps[2]?.inputs).toMatchObject({
    'session-policy': 'terraform-plan',
    'terraform-state-bucket': 'acme-tfstate',
    'managed-session-policies': READ_ONLY,
  });
  expect(first.outputs).toEqual({
    'has-changes': 'true',
    'plan-checksum': expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    'comment-url': expect.stringContaining(`/${PR_NUMBER}#issuecomment-`),
  });
  // The secret reached terraform as TF_VAR_db_password and nothing else.
  expect(calls(log).find((c) => c.args[0] === 'plan')?.tfVars).toEqual(['TF_VAR_db_password']);

  const second = await runWorkflowCall(call);
  expect(second.outputs['comment-url']).toBe(first.outputs['comment-url']);
  const comments = sandbox.admin.identity.github.comments(OWNER, REPO, PR_NUMBER);
  expect(comments).toHaveLength(1);
  expect(JSON.stringify(comments)).not.toContain('planted-Secret-4711');
});
