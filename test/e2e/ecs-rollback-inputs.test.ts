import { runAction } from '../../sandbox/runner/run-action.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';

/**
 * Every bad input ends the step with exit code 1 and exactly one error line that names the input,
 * before any AWS call: the sandbox's request log stays empty.
 */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

const web = { service: 'web' };
const TD_ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3';

const cases: [string, Record<string, string>, string][] = [
  ['no service', {}, 'service'],
  ['a service with a slash', { service: 'prod/web' }, 'service'],
  ['a service ARN of another resource', { service: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod' }, 'service'],
  ['an invalid cluster', { ...web, cluster: 'prod cluster!' }, 'cluster'],
  ['to latest', { ...web, to: 'latest' }, 'to'],
  ['to revision 0', { ...web, to: '0' }, 'to'],
  ['to a negative revision', { ...web, to: '-1' }, 'to'],
  ['to a task-definition ARN without revision', { ...web, to: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web' }, 'to'],
  ['to a service ARN', { ...web, to: 'arn:aws:ecs:us-east-1:123456789012:service/prod/web' }, 'to'],
  ['to a family with a space', { ...web, to: 'my web:3' }, 'to'],
  ['a reason of 1001 characters', { ...web, reason: 'x'.repeat(1001) }, 'reason'],
  ['wait-for-service-stability maybe', { ...web, 'wait-for-service-stability': 'maybe' }, 'wait-for-service-stability'],
  ['wait-for-minutes 0', { ...web, 'wait-for-minutes': '0' }, 'wait-for-minutes'],
  ['wait-for-minutes 361', { ...web, 'wait-for-minutes': '361' }, 'wait-for-minutes'],
  ['poll-interval-seconds 0', { ...web, 'poll-interval-seconds': '0' }, 'poll-interval-seconds'],
  ['poll-interval-seconds 2.5', { ...web, 'poll-interval-seconds': '2.5' }, 'poll-interval-seconds'],
  ['a poll interval longer than the wait', { ...web, 'wait-for-minutes': '1', 'poll-interval-seconds': '60' }, 'poll-interval-seconds'],
  ['a health-check-url that is no URL', { ...web, 'health-check-url': 'healthz' }, 'health-check-url'],
  ['a file: health-check-url', { ...web, 'health-check-url': 'file:///etc/passwd' }, 'health-check-url'],
  ['a health-check-url with credentials', { ...web, 'health-check-url': 'https://a:b@example.com/' }, 'health-check-url'],
  [
    'health-check-url without waiting',
    { ...web, 'health-check-url': 'https://example.com/healthz', 'wait-for-service-stability': 'false' },
    'health-check-url',
  ],
  ['health-check-expected-status 600', { ...web, 'health-check-expected-status': '600' }, 'health-check-expected-status'],
  ['health-check-successes zero', { ...web, 'health-check-successes': '0' }, 'health-check-successes'],
  ['health-check-timeout-minutes in words', { ...web, 'health-check-timeout-minutes': 'five' }, 'health-check-timeout-minutes'],
  ['dry-run yes', { ...web, 'dry-run': 'yes' }, 'dry-run'],
  ['force 1', { ...web, force: '1' }, 'force'],
  ['max-retries -1', { ...web, 'max-retries': '-1' }, 'max-retries'],
  ['role-to-assume that is no role ARN', { ...web, 'role-to-assume': 'arn:aws:iam::123456789012:user/deploy' }, 'role-to-assume'],
  ['an unknown region', { ...web, to: TD_ARN, 'aws-region': 'moon-1' }, 'aws-region'],
];

describe('ecs-rollback rejects bad inputs before any AWS call', () => {
  it('has at least 20 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('%s', async (_title, inputs, input) => {
    sandbox.admin.requests.clear();
    const result = await runAction('ecs-rollback', { inputs, env: { ...sandbox.env }, eventName: 'workflow_dispatch', timeoutMs: 20_000 });
    expect(result.errors).toEqual([expect.stringMatching(new RegExp(`^Input '${input}'`))]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).not.toMatch(/\n\s+at /);
    expect(sandbox.admin.requests.count()).toBe(0);
  });

  it('without a region anywhere, names aws-region', async () => {
    const env = { ...sandbox.env, AWS_REGION: '', AWS_DEFAULT_REGION: '' };
    const result = await runAction('ecs-rollback', { inputs: web, env, timeoutMs: 20_000 });
    expect(result.errors).toEqual([expect.stringMatching(/^Input 'aws-region': no region was given/)]);
    expect(result.exitCode).toBe(1);
  });
});
