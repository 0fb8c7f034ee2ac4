/**
 * `npm run sandbox` as a user runs it: a child process whose standard output is only export lines,
 * and the README's recipe (start it with the default config, assume the role with the
 * aws-credentials bundle, describe the service with the real SDK) run line by line.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateClusterCommand, DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { waitFor, withDeadline } from '../wait-for.js';

const run = promisify(execFile);
const EXPORT_LINE = /^export ([A-Z0-9_]+)='([^']*)'$/;
const RECIPE_ENV_FILE = '/tmp/sandbox.env';

/** Sandboxes left running by a failed test would keep Jest from exiting: each is its own process group. */
const started: ChildProcess[] = [];
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecs-delivery-sandbox-cli-'));
});
afterAll(async () => {
  for (const child of started.splice(0)) await stop(child, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = once(child, 'exit');
  process.kill(-(child.pid ?? 0), signal);
  const [code] = (await withDeadline(exited, { timeoutMs: 10_000, label: `the sandbox to stop on ${signal}` })) as [number | null];
  return code;
}

function start(command: string, args: string[]): { child: ChildProcess; stdout: () => string; stderr: () => string } {
  const child = spawn(command, args, { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return { child, stdout: () => stdout, stderr: () => stderr };
}

/** The exports once all of them are out: every stdout line must be one. */
async function exportsOf(output: () => string, child: ChildProcess, stderr: () => string): Promise<Record<string, string>> {
  const text = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`sandbox exited with ${child.exitCode}: ${stderr()}`);
      return output().includes('AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=') && output().endsWith('\n') && output();
    },
    { timeoutMs: 30_000, label: 'the sandbox to print its exports' },
  );
  const lines = text.trimEnd().split('\n');
  for (const line of lines) expect(line).toMatch(EXPORT_LINE);
  return Object.fromEntries(lines.map((line) => EXPORT_LINE.exec(line)?.slice(1, 3) ?? []));
}

/** The fenced blocks of the README's "The sandbox" section. */
function sandboxSectionBlocks(): { lang: string; body: string }[] {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## The sandbox\n'), readme.indexOf('\n## ', readme.indexOf('## The sandbox\n') + 1));
  return [...section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1] ?? '', body: m[2] ?? '' }));
}

test('without --config the sandbox starts empty, prints only export lines, and stops cleanly on Ctrl-C', async () => {
  const { child, stdout, stderr } = start('node_modules/.bin/tsx', ['sandbox/cli.ts', '--time-scale', '60']);
  const env = await exportsOf(stdout, child, stderr);
  expect(Object.keys(env)).toEqual(
    expect.arrayContaining([
      'AWS_ENDPOINT_URL_ECS',
      'AWS_ENDPOINT_URL_ECR',
      'AWS_ENDPOINT_URL_STS',
      'AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2',
      'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS',
      'AWS_ENDPOINT_URL_CODEDEPLOY',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_REGION',
      'ACTIONS_ID_TOKEN_REQUEST_URL',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
      'GITHUB_API_URL',
      'GITHUB_TOKEN',
    ]),
  );
  const ecs = new ECSClient({
    endpoint: env.AWS_ENDPOINT_URL_ECS,
    region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '' },
  });
  const out = await ecs.send(new CreateClusterCommand({ clusterName: 'cli' }));
  expect(out.cluster?.clusterArn).toBe('arn:aws:ecs:us-east-1:123456789012:cluster/cli');
  ecs.destroy();
  expect(stderr()).toContain('no --config: empty');
  expect(await stop(child, 'SIGINT')).toBe(0);
}, 40_000);

test('--help says what happens without --config; an unknown option is refused', async () => {
  const help = await run('node_modules/.bin/tsx', ['sandbox/cli.ts', '--help'], { timeout: 20_000 });
  expect(help.stdout).toBe('');
  expect(help.stderr).toContain('Without it the sandbox starts empty: no role to assume, no cluster, no service.');
  await expect(run('node_modules/.bin/tsx', ['sandbox/cli.ts', '--conifg', 'x.yml'], { timeout: 20_000 })).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringContaining("Unknown option '--conifg'"),
  });
}, 40_000);

test('the README shows sandbox/config.default.yml as it is', () => {
  const yaml = sandboxSectionBlocks().filter((b) => b.lang === 'yaml');
  expect(yaml.map((b) => b.body)).toEqual([readFileSync('sandbox/config.default.yml', 'utf8')]);
});

test("the README's recipe assumes the default config's role with the aws-credentials bundle and describes the service", async () => {
  const recipe = sandboxSectionBlocks().find((b) => b.lang === 'sh' && b.body.startsWith('rm -f '));
  const [first = '', ...rest] = recipe?.body.split('\n') ?? [];
  const command = `npm run --silent sandbox -- --config sandbox/config.default.yml --exports-file ${RECIPE_ENV_FILE}`;
  expect(first).toBe(`rm -f ${RECIPE_ENV_FILE}; ${command} &`);
  // Line one as written, but with a private exports file and with the process under this test's control.
  const exportsFile = join(dir, 'sandbox.env');
  const args = command.replace(RECIPE_ENV_FILE, exportsFile).split(' ');
  const sandbox = start(args[0] ?? 'npm', args.slice(1));
  const env = await exportsOf(sandbox.stdout, sandbox.child, sandbox.stderr);
  await waitFor(() => existsSync(exportsFile), { timeoutMs: 10_000, label: 'the exports file' });
  expect(readFileSync(exportsFile, 'utf8')).toBe(sandbox.stdout());

  // The other lines run as a user's shell would run them; mktemp lands in this test's folder.
  const shell = spawn('bash', ['-e', '-c', rest.join('\n').replaceAll(RECIPE_ENV_FILE, exportsFile)], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, TMPDIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  started.push(shell);
  let output = '';
  shell.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  shell.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const [code] = (await withDeadline(once(shell, 'exit'), { timeoutMs: 60_000, label: 'the recipe to finish' })) as [number | null];
  expect({ code, output }).toMatchObject({ code: 0 });
  expect(output).toContain('Authenticated as arn:aws:sts::123456789012:assumed-role/sandbox-deploy/GitHubActions until ');
  expect(output).toMatch(/^web ACTIVE 2\/2 COMPLETED$/m);

  // The service the recipe described is the one the config put behind the target group.
  const ecs = new ECSClient({
    endpoint: env.AWS_ENDPOINT_URL_ECS,
    region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '' },
  });
  const { services } = await ecs.send(new DescribeServicesCommand({ cluster: 'sandbox', services: ['web'] }));
  ecs.destroy();
  expect(services?.[0]?.loadBalancers).toEqual([
    { targetGroupArn: expect.stringMatching(/:targetgroup\/web\//), containerName: 'web', containerPort: 8080 },
  ]);

  // The whole process group (npm, sh, tsx, the sandbox) gets the signal, as from Ctrl-C in a terminal;
  // the sandbox removes its exports file on the way out.
  await stop(sandbox.child, 'SIGTERM');
  await waitFor(() => !existsSync(exportsFile), { timeoutMs: 10_000, label: 'the sandbox to remove its exports file' });
}, 120_000);
