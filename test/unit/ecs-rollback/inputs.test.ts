import { readEcsRollbackInputs } from '../../../src/ecs-rollback/inputs.js';
import { InputError } from '../../../src/lib/errors.js';
import { Inputs } from '../../../src/lib/inputs.js';

/** The typed options object: defaults, the forms of `to`, and what ecs-rollback shares with ecs-deploy. */

const read = (values: Record<string, string>, env: NodeJS.ProcessEnv = { AWS_REGION: 'eu-west-1' }) =>
  readEcsRollbackInputs(new Inputs((name) => values[name] ?? ''), env);

it('defaults: previous, waiting, 30 minutes, polls every 10 s, no dry run, no force', () => {
  expect(read({ service: 'web' })).toEqual({
    region: 'eu-west-1',
    cluster: 'default',
    service: 'web',
    to: { kind: 'previous' },
    waitForStability: true,
    waitMs: 30 * 60_000,
    pollIntervalMs: 10_000,
    dryRun: false,
    force: false,
    maxRetries: 5,
    // A CODE_DEPLOY service's group: the console's default names unless given (groupRefFor).
    codeDeploy: {},
  });
});

it('takes the CodeDeploy application and deployment group of a CODE_DEPLOY service, checked as CodeDeploy names', () => {
  expect(read({ service: 'web', 'codedeploy-application': 'web-app', 'codedeploy-deployment-group': 'web-dg' }).codeDeploy).toEqual({
    application: 'web-app',
    deploymentGroup: 'web-dg',
  });
  expect(() => read({ service: 'web', 'codedeploy-deployment-group': 'x'.repeat(101) })).toThrow(
    /^Input 'codedeploy-deployment-group': '.*' is not a CodeDeploy name\. Use at most 100 characters/,
  );
});

it.each([
  ['previous', { kind: 'previous' }],
  ['42', { kind: 'revision', revision: 42 }],
  ['web-api:7', { kind: 'family-revision', family: 'web-api', revision: 7 }],
  [
    'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3',
    { kind: 'arn', arn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3' },
  ],
])('to: %s', (to, expected) => {
  expect(read({ service: 'web', to }).to).toEqual(expected);
});

it('takes the health check, reason and renewal role like ecs-deploy', () => {
  const inputs = read(
    {
      service: 'web',
      reason: 'checkout broken',
      'health-check-url': 'https://web.example.com/healthz',
      'health-check-successes': '2',
      'role-to-assume': 'arn:aws:iam::123456789012:role/deploy',
    },
    { AWS_REGION: 'us-east-1', ACTIONS_ID_TOKEN_REQUEST_URL: 'http://x/?a=1', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't', GITHUB_RUN_ID: '9' },
  );
  expect(inputs.reason).toBe('checkout broken');
  expect(inputs.healthCheck).toEqual({ url: 'https://web.example.com/healthz', expectedStatus: 200, successes: 2, timeoutMs: 5 * 60_000 });
  expect(inputs.renewal).toEqual({
    roleToAssume: 'arn:aws:iam::123456789012:role/deploy',
    exported: { AWS_REGION: 'us-east-1' },
    sessionName: 'ecs-rollback-9',
  });
});

it('reports a bad target as an InputError naming `to` with the accepted forms', () => {
  expect(() => read({ service: 'web', to: 'HEAD~1' })).toThrow(InputError);
  expect(() => read({ service: 'web', to: 'HEAD~1' })).toThrow(/^Input 'to': 'HEAD~1' is not a rollback target\. Use 'previous'/);
});
