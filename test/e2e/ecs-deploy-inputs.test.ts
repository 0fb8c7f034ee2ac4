import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../../sandbox/runner/run-action.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';

/**
 * Every bad input ends the step with exit code 1 and exactly one error line that names the input,
 * before any AWS call: the sandbox's request log stays empty.
 */

const ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3';
const GOOD = { family: 'web', containerDefinitions: [{ name: 'app', image: 'nginx:1.27', essential: true }] };

let sandbox: Sandbox;
let workspace: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  workspace = mkdtempSync(join(tmpdir(), 'ecs-deploy-inputs-'));
  const files: Record<string, string> = {
    'good.json': JSON.stringify(GOOD),
    'broken.json': '{"family": "web", ',
    'broken.yaml': 'family: web\ncontainerDefinitions: [\n  - name: app\n',
    'no-containers.json': JSON.stringify({ family: 'web' }),
    'empty-containers.json': JSON.stringify({ family: 'web', containerDefinitions: [] }),
    'no-image.json': JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'app' }] }),
    'duplicate.json': JSON.stringify({
      family: 'web',
      containerDefinitions: [
        { name: 'app', image: 'a:1' },
        { name: 'app', image: 'b:1' },
      ],
    }),
    'cpu-number.json': JSON.stringify({ ...GOOD, cpu: 256 }),
    'no-essential.json': JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'app', image: 'a:1', essential: false }] }),
    'bad-family.json': JSON.stringify({ ...GOOD, family: 'web app' }),
    'list.json': JSON.stringify([GOOD]),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(workspace, name), text);
});

afterAll(async () => {
  await sandbox.stop();
});

const withService = { 'task-definition': 'good.json', service: 'web' };
const withRunTask = { ...withService, 'run-task': 'true' };

const cases: [string, Record<string, string>, string][] = [
  ['no task definition', { service: 'web' }, 'task-definition'],
  ['a file that does not exist', { 'task-definition': 'missing.json', service: 'web' }, 'task-definition'],
  ['an ARN without revision', { 'task-definition': 'arn:aws:ecs:us-east-1:123456789012:task-definition/web' }, 'task-definition'],
  ['an ARN of another resource', { 'task-definition': 'arn:aws:ecs:us-east-1:123456789012:service/prod/web' }, 'task-definition'],
  ['broken JSON', { 'task-definition': 'broken.json' }, 'task-definition'],
  ['broken YAML', { 'task-definition': 'broken.yaml' }, 'task-definition'],
  ['a JSON list', { 'task-definition': 'list.json' }, 'task-definition'],
  ['no containerDefinitions', { 'task-definition': 'no-containers.json' }, 'task-definition'],
  ['an empty containerDefinitions', { 'task-definition': 'empty-containers.json' }, 'task-definition'],
  ['a container without image', { 'task-definition': 'no-image.json' }, 'task-definition'],
  ['two containers with one name', { 'task-definition': 'duplicate.json' }, 'task-definition'],
  ['cpu as a number', { 'task-definition': 'cpu-number.json' }, 'task-definition'],
  ['no essential container', { 'task-definition': 'no-essential.json' }, 'task-definition'],
  ['an invalid family', { 'task-definition': 'bad-family.json' }, 'task-definition'],
  ['an invalid cluster', { ...withService, cluster: 'prod cluster!' }, 'cluster'],
  ['an invalid service', { 'task-definition': 'good.json', service: 'web/api' }, 'service'],
  ['a negative desired count', { ...withService, 'desired-count': '-1' }, 'desired-count'],
  ['a desired count in words', { ...withService, 'desired-count': 'two' }, 'desired-count'],
  ['desired-count without service', { 'task-definition': 'good.json', 'desired-count': '2' }, 'desired-count'],
  ['force-new-deployment yes', { ...withService, 'force-new-deployment': 'yes' }, 'force-new-deployment'],
  ['wait-for-service-stability maybe', { ...withService, 'wait-for-service-stability': 'maybe' }, 'wait-for-service-stability'],
  ['wait-for-minutes 0', { ...withService, 'wait-for-minutes': '0' }, 'wait-for-minutes'],
  ['wait-for-minutes above 6 hours', { ...withService, 'wait-for-minutes': '361' }, 'wait-for-minutes'],
  ['poll-interval-seconds 0', { ...withService, 'poll-interval-seconds': '0' }, 'poll-interval-seconds'],
  ['poll-interval-seconds 1.5', { ...withService, 'poll-interval-seconds': '1.5' }, 'poll-interval-seconds'],
  [
    'a poll interval longer than the wait',
    { ...withService, 'wait-for-minutes': '1', 'poll-interval-seconds': '60' },
    'poll-interval-seconds',
  ],
  ['rollback-on-failure sometimes', { ...withService, 'rollback-on-failure': 'sometimes' }, 'rollback-on-failure'],
  ['a health-check-url that is no URL', { ...withService, 'health-check-url': 'not a url' }, 'health-check-url'],
  ['an ftp health-check-url', { ...withService, 'health-check-url': 'ftp://example.com/health' }, 'health-check-url'],
  ['a health-check-url with credentials', { ...withService, 'health-check-url': 'https://user:pw@example.com/' }, 'health-check-url'],
  ['health-check-url without service', { 'task-definition': 'good.json', 'health-check-url': 'https://example.com/' }, 'health-check-url'],
  [
    'health-check-url without waiting',
    { ...withService, 'health-check-url': 'https://example.com/', 'wait-for-service-stability': 'false' },
    'health-check-url',
  ],
  ['health-check-expected-status 99', { ...withService, 'health-check-expected-status': '99' }, 'health-check-expected-status'],
  ['health-check-successes 0', { ...withService, 'health-check-successes': '0' }, 'health-check-successes'],
  ['health-check-timeout-minutes 0', { ...withService, 'health-check-timeout-minutes': '0' }, 'health-check-timeout-minutes'],
  ['run-task-subnets without run-task', { ...withService, 'run-task-subnets': 'subnet-0a1b2c3d' }, 'run-task-subnets'],
  ['run-task yes', { ...withService, 'run-task': 'yes' }, 'run-task'],
  ['a subnet that is no subnet ID', { ...withRunTask, 'run-task-subnets': 'subnet-xyz' }, 'run-task-subnets'],
  [
    'a security group that is no ID',
    { ...withRunTask, 'run-task-subnets': 'subnet-0a1b2c3d', 'run-task-security-groups': 'default' },
    'run-task-security-groups',
  ],
  ['security groups without subnets', { ...withRunTask, 'run-task-security-groups': 'sg-0a1b2c3d' }, 'run-task-subnets'],
  ['run-task-assign-public-IP YES', { ...withRunTask, 'run-task-assign-public-IP': 'YES' }, 'run-task-assign-public-IP'],
  ['run-task-launch-type LAMBDA', { ...withRunTask, 'run-task-launch-type': 'LAMBDA' }, 'run-task-launch-type'],
  [
    'container overrides that are no list',
    { ...withRunTask, 'run-task-container-overrides': '{"name": "app"}' },
    'run-task-container-overrides',
  ],
  [
    'a container override without name',
    { ...withRunTask, 'run-task-container-overrides': '[{"command": ["migrate"]}]' },
    'run-task-container-overrides',
  ],
  [
    'a container override with a string command',
    { ...withRunTask, 'run-task-container-overrides': '[{"name": "app", "command": "migrate"}]' },
    'run-task-container-overrides',
  ],
  [
    'a bad capacity provider strategy',
    { ...withRunTask, 'run-task-capacity-provider-strategy': '[{"weight": 1}]' },
    'run-task-capacity-provider-strategy',
  ],
  [
    'a strategy and a launch type',
    { ...withRunTask, 'run-task-capacity-provider-strategy': '[{"capacityProvider": "FARGATE_SPOT"}]', 'run-task-launch-type': 'FARGATE' },
    'run-task-capacity-provider-strategy',
  ],
  ['run-task-started-by with spaces', { ...withRunTask, 'run-task-started-by': 'my pipeline' }, 'run-task-started-by'],
  [
    'not waiting for the one-off task before a service update',
    { ...withRunTask, 'wait-for-task-stopped': 'false' },
    'wait-for-task-stopped',
  ],
  ['propagate-tags ALL', { ...withService, 'propagate-tags': 'ALL' }, 'propagate-tags'],
  ['enable-ecs-managed-tags on', { ...withService, 'enable-ecs-managed-tags': 'on' }, 'enable-ecs-managed-tags'],
  ['max-retries 21', { ...withService, 'max-retries': '21' }, 'max-retries'],
  ['role-to-assume that is no role ARN', { ...withService, 'role-to-assume': 'deploy' }, 'role-to-assume'],
  ['an unknown region', { 'task-definition': ARN, service: 'web', 'aws-region': 'mars-north-1a' }, 'aws-region'],
];

describe('ecs-deploy rejects bad inputs before any AWS call', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('%s', async (_title, inputs, input) => {
    sandbox.admin.requests.clear();
    const result = await runAction('ecs-deploy', { inputs, env: { ...sandbox.env }, workspace, timeoutMs: 20_000 });
    expect(result.errors).toEqual([expect.stringMatching(new RegExp(`^Input '${input}'`))]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).not.toMatch(/\n\s+at /);
    expect(sandbox.admin.requests.count()).toBe(0);
  });
});
