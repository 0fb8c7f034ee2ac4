import { runAction, type ActionResult } from '../../sandbox/runner/run-action.js';
import type { Sandbox } from '../../sandbox/index.js';
import { behave, deployInputs, existingService, primaryOf, renderedFile, runDeploy, startDeploySandbox } from './ecs-deploy-helpers.js';
import { sleep, waitFor } from '../wait-for.js';

/** ecs-deploy with real STS sessions from the aws-credentials bundle: refusals, throttling, expiry mid-wait. */

const ROLE = 'arn:aws:iam::123456789012:role/gha-deploy';
const NO_UPDATE_ROLE = 'arn:aws:iam::123456789012:role/gha-readonly-ecs';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startDeploySandbox();
  const trust = { subjects: ['repo:acme/web:*'] };
  sandbox.admin.identity.createRole({ arn: ROLE, trust });
  sandbox.admin.identity.createRole({
    arn: NO_UPDATE_ROLE,
    trust,
    permissionsPolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'ecs:UpdateService', Resource: '*' },
      ],
    }),
  });
});
afterAll(async () => {
  await sandbox.stop();
});

/** The job environment without the sandbox's bootstrap keys, as a real job with `id-token: write` has it. */
function jobEnv(): Record<string, string> {
  const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _secret, ...env } = sandbox.env;
  return env;
}

/** Runs the aws-credentials bundle and returns what it exported (credentials and what renewal needs). */
async function assumeRole(role: string): Promise<Record<string, string>> {
  const result: ActionResult = await runAction('aws-credentials', {
    inputs: { 'role-to-assume': role, 'aws-region': 'us-east-1' },
    env: jobEnv(),
  });
  if (result.exitCode !== 0) throw new Error(`aws-credentials failed: ${result.errors.join('; ')}`);
  return result.env;
}

test('AccessDenied fails at once, naming the permission, and leaves the service alone', async () => {
  const service = existingService(sandbox, 'denied');
  const exported = await assumeRole(NO_UPDATE_ROLE);
  const { workspace, file } = renderedFile('denied', 'denied:v2');
  sandbox.admin.requests.clear();
  const result = await runDeploy(sandbox, deployInputs(file, 'denied'), { workspace, env: { ...jobEnv(), ...exported } });
  expect(result.exitCode).toBe(1);
  expect(result.errors).toEqual([
    expect.stringMatching(
      /^Failed to update service denied in cluster prod: access denied \(.*\)\. The role needs the IAM permission ecs:UpdateService$/,
    ),
  ]);
  expect(result.outputs.status).toBe('failed');
  expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'UpdateService' })).toBe(1);
  expect(await primaryOf(sandbox, 'denied')).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
});

test('throttling during the wait is retried with backoff and the deployment still succeeds', async () => {
  existingService(sandbox, 'throttled');
  behave(sandbox, 'throttled:v2', { kind: 'slow-start', startSeconds: 60 });
  const { workspace, file } = renderedFile('throttled', 'throttled:v2');
  sandbox.admin.requests.clear();
  const running = runDeploy(sandbox, deployInputs(file, 'throttled', { 'max-retries': '2' }), { workspace });
  // A burst once the rollout is under way: more throttles than one call's retries absorb.
  await waitFor(() => sandbox.admin.requests.count({ service: 'ecs', operation: 'UpdateService' }) > 0, {
    timeoutMs: 30_000,
    label: 'ecs-deploy to call UpdateService',
  });
  sandbox.admin.injectFault({ service: 'ecs', operation: 'DescribeServices', kind: 'throttle', count: 5 });
  const result = await running;
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  expect(result.outputs.status).toBe('succeeded');
  expect(
    sandbox.admin.requests.list({ service: 'ecs', operation: 'DescribeServices' }).filter((e) => e.errorCode === 'ThrottlingException'),
  ).toHaveLength(5);
  expect(result.warnings).toContainEqual(
    expect.stringMatching(/^Deployment ecs-svc\/\d+: poll \d+ failed \(.*ThrottlingException.*\); trying again at the next poll$/),
  );
});

describe('credentials that expire mid-wait', () => {
  test('are renewed by assuming the role again with a fresh OIDC token', async () => {
    existingService(sandbox, 'renew');
    behave(sandbox, 'renew:v2', { kind: 'slow-start', startSeconds: 90 });
    const exported = await assumeRole(ROLE);
    const { workspace, file } = renderedFile('renew', 'renew:v2');
    const before = sandbox.admin.requests.count({ service: 'sts', operation: 'AssumeRoleWithWebIdentity' });
    const running = runDeploy(sandbox, deployInputs(file, 'renew'), { workspace, env: { ...jobEnv(), ...exported } });
    await sleep(1500);
    sandbox.admin.identity.expireAllCredentials();
    const result = await running;
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.log).toMatch(/The AWS credentials expired while trying to .*; assuming the role again/);
    expect(result.log).toMatch(/Assumed arn:aws:sts::123456789012:assumed-role\/gha-deploy\/.* again/);
    expect(sandbox.admin.requests.count({ service: 'sts', operation: 'AssumeRoleWithWebIdentity' })).toBe(before + 1);
    expect(result.env.AWS_SESSION_TOKEN).toBeDefined();
    expect(result.env.AWS_SESSION_TOKEN).not.toBe(exported.AWS_SESSION_TOKEN);
  });

  test('fail at once, saying so, when the job cannot fetch an OIDC token', async () => {
    existingService(sandbox, 'expired');
    behave(sandbox, 'expired:v2', { kind: 'slow-start', startSeconds: 90 });
    const exported = await assumeRole(ROLE);
    // A job without `id-token: write` has no token endpoint.
    const noOidc = { ...jobEnv(), ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' };
    const { workspace, file } = renderedFile('expired', 'expired:v2');
    const running = runDeploy(sandbox, deployInputs(file, 'expired'), { workspace, env: { ...noOidc, ...exported } });
    await sleep(1500);
    sandbox.admin.identity.expireAllCredentials();
    const started = Date.now();
    const result = await running;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([expect.stringMatching(/the AWS credentials expired \(.*\) and cannot be renewed/)]);
  });
});
