import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSandbox } from '../../sandbox/index.js';
import type { Sandbox } from '../../sandbox/index.js';
import { runAction } from '../../sandbox/runner/run-action.js';

/** The ecs-render bundle run as a runner runs it: good renders, bad inputs, and fetching from the sandbox's ECS. */

const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf';
const DIGEST_IMAGE = `123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web@sha256:${'ab'.repeat(32)}`;

const SHOP = {
  family: 'shop',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
  containerDefinitions: [
    {
      name: 'web',
      image: 'shop/web:1',
      portMappings: [{ containerPort: 8080, hostPort: 8080 }],
      environment: [
        { name: 'LEVEL', value: 'info' },
        { name: 'CLUSTER', value: '${ECS_CLUSTER}' },
      ],
      secrets: [{ name: 'DB', valueFrom: SECRET }],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/shop' } },
    },
    { name: 'worker', image: 'shop/worker:1', essential: false },
  ],
};

const workspace = mkdtempSync(join(tmpdir(), 'ecs-render-e2e-'));
const files: Record<string, unknown> = {
  'shop.json': SHOP,
  'typo.json': { ...SHOP, containerDefinitions: [{ ...SHOP.containerDefinitions[0], entrypoint: ['sh'] }] },
  'bridge-fargate.json': { ...SHOP, networkMode: 'bridge' },
  'container.json': SHOP.containerDefinitions[0],
};
for (const [name, content] of Object.entries(files)) writeFileSync(join(workspace, name), JSON.stringify(content));
writeFileSync(join(workspace, 'broken.json'), '{"family": "shop",');

const render = (inputs: Record<string, string>, env: Record<string, string> = {}) => runAction('ecs-render', { inputs, env, workspace });

describe('ecs-render bundle', () => {
  it('renders images, environment, secrets and settings into a new file, with a summary of names only', async () => {
    const result = await render({
      'task-definition': 'shop.json',
      'container-name': 'web',
      image: DIGEST_IMAGE,
      images: 'worker=shop/worker:2',
      'environment-variables': 'LEVEL=plain-debug-value\nFEATURE_X=plain-on-value',
      secrets: `API_KEY=${SECRET}:api::`,
      command: `sh -c 'exec "$0" --port 8080' /app/server`,
      cpu: '0.5 vCPU',
      memory: '1 GB',
    });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    const path = result.outputs['task-definition'] ?? '';
    expect(dirname(dirname(path))).toBe(result.runnerTemp);
    const rendered = JSON.parse(readFileSync(path, 'utf8')) as typeof SHOP & { containerDefinitions: Record<string, unknown>[] };
    const [web, worker] = rendered.containerDefinitions;
    expect([web?.image, worker?.image]).toEqual([DIGEST_IMAGE, 'shop/worker:2']);
    expect(web?.command).toEqual(['sh', '-c', 'exec "$0" --port 8080', '/app/server']);
    expect(web?.environment).toEqual([
      { name: 'LEVEL', value: 'plain-debug-value' },
      { name: 'CLUSTER', value: '${ECS_CLUSTER}' },
      { name: 'FEATURE_X', value: 'plain-on-value' },
    ]);
    expect([rendered.cpu, rendered.memory]).toEqual(['512', '1024']);
    expect(JSON.parse(readFileSync(join(workspace, 'shop.json'), 'utf8'))).toEqual(SHOP);
    expect(result.summary).toContain('`shop/web:1` → `' + DIGEST_IMAGE + '`');
    expect(result.summary).toContain('added: `FEATURE_X`; changed: `LEVEL`');
    expect(`${result.summary}${result.log}`).not.toMatch(/plain-.*-value|secretsmanager/);
  });

  it('warns by name about keys RegisterTaskDefinition does not know', async () => {
    const result = await render({ 'task-definition': 'typo.json' });
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([expect.stringContaining("'entrypoint' in container 'web' (did you mean 'entryPoint'?)")]);
  });

  // Each ends with exit code 1, exactly one error line, naming the input, and no output.
  it.each<[string, Record<string, string>, string, RegExp]>([
    ['no source', {}, 'task-definition', /no task definition was given/],
    [
      'two sources',
      { 'task-definition': 'shop.json', 'task-definition-arn': 'arn:aws:ecs:us-east-1:123456789012:task-definition/shop:1' },
      'task-definition-arn',
      /set together/,
    ],
    ['missing file', { 'task-definition': 'nope.json' }, 'task-definition', /does not exist/],
    ['broken JSON', { 'task-definition': 'broken.json' }, 'task-definition', /is not valid JSON/],
    [
      'container definition only',
      { 'task-definition': 'container.json' },
      'task-definition',
      /single container definition, not a task definition/,
    ],
    ['Fargate on bridge', { 'task-definition': 'bridge-fargate.json' }, 'task-definition', /need networkMode awsvpc/],
    [
      'revision alone',
      { 'task-definition': 'shop.json', 'task-definition-revision': '2' },
      'task-definition-revision',
      /without 'task-definition-family'/,
    ],
    [
      'revision junk',
      { 'task-definition-family': 'shop', 'task-definition-revision': 'latest' },
      'task-definition-revision',
      /not a whole number/,
    ],
    ['family junk', { 'task-definition-family': 'shop:3' }, 'task-definition-family', /not a family name/],
    ['arn junk', { 'task-definition-arn': 'shop:3' }, 'task-definition-arn', /not a task definition ARN/],
    ['region junk', { 'task-definition-family': 'shop', 'aws-region': 'us_east_1' }, 'aws-region', /not an AWS region name/],
    ['image without container', { 'task-definition': 'shop.json', image: 'nginx' }, 'container-name', /required when 'image' is set/],
    [
      'unknown container',
      { 'task-definition': 'shop.json', 'container-name': 'api', image: 'nginx' },
      'container-name',
      /no container named 'api'. Its containers are 'web', 'worker'/,
    ],
    ['unknown container in images', { 'task-definition': 'shop.json', images: 'api=nginx' }, 'images', /no container named 'api'/],
    ['bad image', { 'task-definition': 'shop.json', 'container-name': 'web', image: 'Shop/Web' }, 'image', /not an image reference/],
    [
      'short digest',
      { 'task-definition': 'shop.json', 'container-name': 'web', image: 'shop/web@sha256:1234' },
      'image',
      /malformed digest/,
    ],
    ['images line', { 'task-definition': 'shop.json', images: 'shop/web:2' }, 'images', /not KEY=value/],
    [
      'env line',
      { 'task-definition': 'shop.json', 'container-name': 'web', 'environment-variables': 'LEVEL' },
      'environment-variables',
      /not KEY=value/,
    ],
    [
      'env mode',
      { 'task-definition': 'shop.json', 'container-name': 'web', 'environment-mode': 'overwrite' },
      'environment-mode',
      /not allowed/,
    ],
    [
      'env replace nothing',
      { 'task-definition': 'shop.json', 'container-name': 'web', 'environment-mode': 'replace' },
      'environment-mode',
      /remove every entry/,
    ],
    [
      'env without container',
      { 'task-definition': 'shop.json', 'environment-variables': 'A=1' },
      'environment-variables',
      /'container-name', which is not set/,
    ],
    [
      'secret source',
      { 'task-definition': 'shop.json', 'container-name': 'web', secrets: 'DB=arn:aws:secretsmanager:us-east-1:123:secret:x' },
      'secrets',
      /'DB': valueFrom/,
    ],
    [
      'secrets mode',
      { 'task-definition': 'shop.json', 'container-name': 'web', secrets: `A=${SECRET}`, 'secrets-mode': 'merge' },
      'secrets-mode',
      /not allowed/,
    ],
    [
      'log driver',
      { 'task-definition': 'shop.json', 'container-name': 'web', 'log-configuration-log-driver': 'cloudwatch' },
      'log-configuration-log-driver',
      /not allowed/,
    ],
    [
      'log options',
      { 'task-definition': 'shop.json', 'container-name': 'worker', 'log-configuration-options': 'a=b' },
      'log-configuration-options',
      /no log driver/,
    ],
    [
      'docker labels',
      { 'task-definition': 'shop.json', 'container-name': 'web', 'docker-labels': 'team' },
      'docker-labels',
      /not KEY=value/,
    ],
    [
      'command quote',
      { 'task-definition': 'shop.json', 'container-name': 'web', command: 'echo "unterminated' },
      'command',
      /unterminated double quote/,
    ],
    [
      'env files',
      { 'task-definition': 'shop.json', 'container-name': 'web', 'env-files': 'arn:aws:s3:::bucket/prod.txt' },
      'env-files',
      /ending in .env/,
    ],
    [
      'task role',
      { 'task-definition': 'shop.json', 'task-role-arn': 'arn:aws:iam::123456789012:policy/x' },
      'task-role-arn',
      /not an IAM role ARN/,
    ],
    [
      'execution role',
      { 'task-definition': 'shop.json', 'execution-role-arn': 'arn:aws:iam::12345:role/x' },
      'execution-role-arn',
      /not an IAM role ARN/,
    ],
    ['cpu junk', { 'task-definition': 'shop.json', cpu: 'quarter' }, 'cpu', /not a CPU size/],
    ['memory junk', { 'task-definition': 'shop.json', memory: '-1' }, 'memory', /not a memory size/],
    [
      'Fargate size',
      { 'task-definition': 'shop.json', cpu: '256', memory: '4096' },
      'cpu',
      /Fargate with 256 CPU units takes 512, 1024 or 2048 MiB of memory, not 4096/,
    ],
    ['Fargate memory', { 'task-definition': 'shop.json', memory: '3072' }, 'memory', /Fargate with 256 CPU units/],
  ])('%s', async (_label, inputs, input, problem) => {
    const result = await render(inputs, { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(new RegExp(`^Input '${input}': `));
    expect(result.errors[0]).toMatch(problem);
    expect(result.outputs).toEqual({});
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('ecs-render bundle against the sandbox', () => {
  let sandbox: Sandbox;
  let arn: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 7 });
    arn = sandbox.admin.registerTaskDefinition({ ...SHOP, tags: [{ key: 'team', value: 'shop' }] });
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it.each([
    ['task-definition-family', () => ({ 'task-definition-family': 'shop' })],
    [
      'task-definition-family with revision',
      () => ({ 'task-definition-family': 'shop', 'task-definition-revision': arn.split(':').pop() ?? '' }),
    ],
    ['task-definition-arn', () => ({ 'task-definition-arn': arn })],
  ])('renders from %s with tags kept and describe-only fields gone', async (_label, source) => {
    const result = await render({ ...source(), 'container-name': 'web', image: DIGEST_IMAGE }, sandbox.env);
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    const rendered = JSON.parse(readFileSync(result.outputs['task-definition'] ?? '', 'utf8')) as Record<string, unknown>;
    expect(rendered).toMatchObject({ family: 'shop', tags: [{ key: 'team', value: 'shop' }] });
    for (const key of [
      'taskDefinitionArn',
      'revision',
      'status',
      'requiresAttributes',
      'compatibilities',
      'registeredAt',
      'registeredBy',
    ]) {
      expect(rendered).not.toHaveProperty(key);
    }
    expect((rendered.containerDefinitions as { image: string }[])[0]?.image).toBe(DIGEST_IMAGE);
  });

  it('fails with one error naming the input when the family does not exist', async () => {
    const result = await render({ 'task-definition-family': 'no-such-family' }, sandbox.env);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(/^Input 'task-definition-family': task definition 'no-such-family' in us-east-1 was not found/),
    ]);
    expect(existsSync(join(result.runnerTemp, 'ecs-render'))).toBe(false);
  });
});
