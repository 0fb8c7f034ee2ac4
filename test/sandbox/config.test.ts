import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { applyConfig } from '../../sandbox/config/apply-config.js';
import { loadConfigFile, validateConfig } from '../../sandbox/config/load-config.js';
import { startSandbox } from '../../sandbox/index.js';
import { withDeadline } from '../wait-for.js';

const DEFAULT_FILE = 'sandbox/config.default.yml';
const defaults = () => parseYaml(readFileSync(DEFAULT_FILE, 'utf8')) as Record<string, unknown>;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecs-delivery-sandbox-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the documented default declares one role trusted by repo:*, one cluster, one service behind a target group, one repository', () => {
  const config = loadConfigFile(DEFAULT_FILE);
  expect(config.roles).toEqual([
    {
      arn: 'arn:aws:iam::123456789012:role/sandbox-deploy',
      trust: { subjects: ['repo:*'], audiences: ['sts.amazonaws.com'] },
      maxSessionDuration: 3600,
    },
  ]);
  expect(config.clusters).toEqual(['sandbox']);
  expect(config.services).toEqual([
    {
      cluster: 'sandbox',
      name: 'web',
      taskDefinition: 'web',
      desiredCount: 2,
      loadBalancer: { targetGroup: 'web', containerName: 'web', containerPort: 8080 },
    },
  ]);
  expect(config.targetGroups.map((g) => g.name)).toEqual(['web']);
  expect(config.repositories).toEqual([{ name: 'web', imageTagMutability: 'MUTABLE' }]);
});

test('JSON is accepted as well, and an empty file is an empty sandbox', () => {
  const file = join(dir, 'sandbox.json');
  writeFileSync(file, JSON.stringify(defaults()));
  expect(loadConfigFile(file)).toEqual(loadConfigFile(DEFAULT_FILE));
  writeFileSync(join(dir, 'empty.yml'), '');
  expect(loadConfigFile(join(dir, 'empty.yml'))).toEqual({
    roles: [],
    clusters: [],
    targetGroups: [],
    taskDefinitions: [],
    services: [],
    repositories: [],
  });
});

type Edit = (config: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

const cases: [string, Edit, RegExp][] = [
  ['an unknown top-level key', (c) => (c.cluster = ['x']), /^cluster: unknown key; remove it or use one of: roles, clusters, /],
  [
    'a misspelt role key',
    (c) => (c.roles[0].trustt = c.roles[0].trust),
    /^roles\[0\]\.trustt: unknown key; remove it or use one of: arn, trust, /,
  ],
  [
    'subjects given as a string',
    (c) => (c.roles[0].trust.subjects = 'repo:*'),
    /^roles\[0\]\.trust\.subjects: expected a list, got a string \("repo:\*"\); write it as a YAML list, e\.g\. \['repo:\*'\]$/,
  ],
  [
    'a role name instead of an ARN',
    (c) => (c.roles[0].arn = 'sandbox-deploy'),
    /^roles\[0\]\.arn: "sandbox-deploy" is not valid; give a role ARN such as /,
  ],
  [
    'a session duration out of range',
    (c) => (c.roles[0].maxSessionDuration = 60),
    /^roles\[0\]\.maxSessionDuration: expected a whole number from 3600 to 43200, got a number \(60\)/,
  ],
  ['a cluster given as a number', (c) => (c.clusters = [7]), /^clusters\[0\]: expected a non-empty string, got a number \(7\)/],
  [
    'a service in an undeclared cluster',
    (c) => (c.services[0].cluster = 'prod'),
    /^services\[0\]\.cluster: "prod" is not declared under clusters; declare it there or use one of: sandbox$/,
  ],
  [
    'a service without a task definition',
    (c) => delete c.services[0].taskDefinition,
    /^services\[0\]\.taskDefinition: is required; add taskDefinition to services\[0\]$/,
  ],
  [
    'an unknown target group',
    (c) => (c.services[0].loadBalancer.targetGroup = 'api'),
    /^services\[0\]\.loadBalancer\.targetGroup: "api" is not declared under targetGroups; .*: web$/,
  ],
  [
    'a container the task definition lacks',
    (c) => (c.services[0].loadBalancer.containerName = 'app'),
    /^services\[0\]\.loadBalancer\.containerName: "app" is not declared under the containers of task definition web/,
  ],
  [
    'a desiredCount written as text',
    (c) => (c.services[0].desiredCount = 'two'),
    /^services\[0\]\.desiredCount: expected a whole number from 0 to 100, got a string \("two"\)/,
  ],
  [
    'a misspelt task definition key',
    (c) => (c.taskDefinitions[0].containerDefinition = []),
    /^taskDefinitions\[0\]\.containerDefinition: unknown key; remove it or use one of: family, /,
  ],
  [
    'cpu given as a number',
    (c) => (c.taskDefinitions[0].cpu = 256),
    /^taskDefinitions\[0\]\.cpu: expected string, got a number \(256\); give a string \(quote numbers: cpu: "256"\)$/,
  ],
  [
    'a misspelt container key',
    (c) => (c.taskDefinitions[0].containerDefinitions[0].portMapping = []),
    /^taskDefinitions\[0\]\.containerDefinitions\[0\]\.portMapping: unknown key/,
  ],
  [
    'an upper-case repository name',
    (c) => (c.repositories[0].name = 'Web'),
    /^repositories\[0\]\.name: "Web" is not valid; use lower-case letters/,
  ],
  [
    'an unknown tag mutability',
    (c) => (c.repositories[0].imageTagMutability = 'mutable'),
    /^repositories\[0\]\.imageTagMutability: expected one of MUTABLE, IMMUTABLE, got a string \("mutable"\)/,
  ],
  [
    'a cluster declared twice',
    (c) => c.clusters.push('sandbox'),
    /^clusters\[1\]: cluster "sandbox" is declared twice; remove or rename one of them$/,
  ],
  ['a list at the top', (c) => Object.assign(c, { roles: { arn: 'x' } }), /^roles: expected a list, got a mapping/],
];

test.each(cases)('%s is one error naming the key path and the fix', (_label, edit, message) => {
  const config = defaults();
  edit(config);
  expect(() => validateConfig(config)).toThrow(message);
});

test("what only ECS can judge (Fargate needs cpu) is ECS's own error at the task definition's path", async () => {
  const config = defaults() as { taskDefinitions: Record<string, unknown>[] };
  delete config.taskDefinitions[0]?.cpu;
  const sandbox = await startSandbox();
  try {
    expect(() => applyConfig(sandbox, validateConfig(config))).toThrow(
      "taskDefinitions[0]: ECS refused it: Fargate requires that 'cpu' be defined at the task level.",
    );
  } finally {
    await sandbox.stop();
  }
});

test('a file that is not YAML, or that cannot be read, names the file', () => {
  writeFileSync(join(dir, 'broken.yml'), 'roles: [unclosed\n');
  expect(() => loadConfigFile(join(dir, 'broken.yml'))).toThrow(/^--config .*broken\.yml: not valid YAML: /);
  expect(() => loadConfigFile(join(dir, 'missing.yml'))).toThrow(/^--config .*missing\.yml: cannot read it \(ENOENT/);
});

test('npm run sandbox with a bad --config exits 2 with that one error on stderr, before printing any export', async () => {
  const file = join(dir, 'bad.yml');
  writeFileSync(file, 'clusters: [sandbox]\nservices: [{ cluster: sandbox, name: web, taskDefinition: web }]\n');
  const child = spawn('node_modules/.bin/tsx', ['sandbox/cli.ts', '--config', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  try {
    const [code] = (await withDeadline(once(child, 'exit'), { timeoutMs: 20_000, label: 'the sandbox CLI to reject its config' })) as [
      number,
    ];
    expect(code).toBe(2);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  expect(stdout).toBe('');
  expect(stderr.trim()).toBe(
    `sandbox: --config ${file}: services[0].taskDefinition: "web" is not declared under taskDefinitions (by family); declare it there or use one of: (none declared)`,
  );
}, 30_000);
