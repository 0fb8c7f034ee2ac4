import { readEcsPromoteInputs } from '../../../src/ecs-promote/inputs.js';
import { Inputs } from '../../../src/lib/inputs.js';

/** Every input is checked before any AWS call, each failure naming its input. */

const read = (values: Record<string, string>, env: NodeJS.ProcessEnv = { AWS_REGION: 'us-east-1' }) =>
  readEcsPromoteInputs(new Inputs((name) => values[name] ?? ''), env);

test('a continue of the one paused hook, with the defaults', () => {
  expect(read({ service: 'web', cluster: 'prod', decision: 'continue' })).toEqual({
    region: 'us-east-1',
    cluster: 'prod',
    service: 'web',
    decision: 'continue',
    waitMs: 30 * 60_000,
    pollIntervalMs: 10_000,
    maxRetries: 5,
  });
});

test('a rollback of a named hook, with a reason', () => {
  const inputs = read({
    service: 'web',
    decision: 'rollback',
    'hook-id': 'ecs-pause-Ab12',
    reason: 'rejected by octocat',
    'wait-for-minutes': '5',
  });
  expect(inputs).toMatchObject({
    cluster: 'default',
    decision: 'rollback',
    hookId: 'ecs-pause-Ab12',
    reason: 'rejected by octocat',
    waitMs: 300_000,
  });
});

test.each([
  [{ service: 'web' }, /^Input 'decision': is required\. Set 'decision: continue'/],
  [{ service: 'web', decision: 'approve' }, /^Input 'decision': 'approve' is not allowed\. Use one of: continue, rollback$/],
  [{ service: 'web', decision: 'continue', 'hook-id': 'two words' }, /^Input 'hook-id': 'two words' is not a lifecycle hook id\./],
  [{ service: 'web', decision: 'continue', 'hook-id': '${{ needs.deploy.outputs.hook-id }}' }, /^Input 'hook-id': /],
  [
    { service: 'web', decision: 'continue', 'wait-for-minutes': '1', 'poll-interval-seconds': '60' },
    /^Input 'poll-interval-seconds': 60 s/,
  ],
  [{ service: 'web', decision: 'continue', 'wait-for-minutes': '0' }, /^Input 'wait-for-minutes': 0 is out of range/],
  [{ service: 'web', decision: 'continue', reason: 'x'.repeat(1001) }, /^Input 'reason': is 1001 characters long/],
  [{ service: 'web app', decision: 'continue' }, /^Input 'service': 'web app' is not a valid service name/],
  [{ decision: 'continue' }, /^Input 'service': is required/],
  [
    { service: 'web', decision: 'continue', 'role-to-assume': 'gha-deploy' },
    /^Input 'role-to-assume': 'gha-deploy' is not an IAM role ARN/,
  ],
])('refuses %j', (values, message) => {
  expect(() => read(values)).toThrow(message);
});

test('a service ARN of another cluster than cluster is refused, naming service', () => {
  expect(() => read({ service: 'arn:aws:ecs:us-east-1:123456789012:service/staging/web', cluster: 'prod', decision: 'continue' })).toThrow(
    /^Input 'service': .* is a service of cluster staging, but cluster is prod/,
  );
});

test('without a region anywhere, the region is what is missing', () => {
  expect(() => read({ service: 'web', decision: 'continue' }, {})).toThrow(/aws-region/);
});
