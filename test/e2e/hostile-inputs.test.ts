import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../sandbox/index.js';
import { runAction, type ActionResult } from '../../sandbox/runner/run-action.js';
import { ROLE, jobEnv, startCredentialsSandbox } from './aws-credentials-helpers.js';

/**
 * Inputs written by an attacker (a pull request that controls the repository's files) or by an
 * unlucky user, through every action's bundle: files outside the workspace by traversal, absolute
 * path or symlink; a directory where a file goes; JSON whose syntax error sits next to a planted
 * canary; keys given twice; a 100 KB value. Each ends with exit code 1 and one error line that
 * names the input, quotes no piece of the canary and at most a readable part of any value, and
 * is reported before any network call (the sandbox's request log stays empty).
 */

const CANARY = 'CANARYq7Zx9PlantedSecretValue';
/** Every 5-character piece of the canary: Node's JSON errors quote about ten characters around a fault. */
const PIECES = Array.from({ length: CANARY.length - 4 }, (_, at) => CANARY.slice(at, at + 5));
const HUGE = 'a'.repeat(100_000);

let sandbox: Sandbox;
let root: string;
let workspace: string;

const task = (container: string) =>
  `{"family": "web", "containerDefinitions": [${container}], "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "networkMode": "awsvpc"}`;
const policy = (statement: string) => `{"Version": "2012-10-17", "Statement": [${statement}]}`;

beforeAll(async () => {
  sandbox = await startCredentialsSandbox();
  root = mkdtempSync(join(tmpdir(), 'hostile-inputs-'));
  workspace = join(root, 'workspace');
  const outside = join(root, 'outside');
  mkdirSync(join(workspace, 'dir'), { recursive: true });
  mkdirSync(outside);
  // Files outside the workspace hold the canary; reading them at all is the fault.
  writeFileSync(join(outside, 'hidden.json'), `{"token": "${CANARY}", "broken": ${CANARY}}`);
  writeFileSync(join(outside, 'Dockerfile'), `FROM scratch\n# ${CANARY}\n`);
  symlinkSync(join(outside, 'hidden.json'), join(workspace, 'link.json'));
  symlinkSync(join(outside, 'Dockerfile'), join(workspace, 'Dockerfile.link'));
  symlinkSync(outside, join(workspace, 'linked-dir'));
  const files: Record<string, string> = {
    Dockerfile: 'FROM scratch\n',
    'good.json': task('{"name": "app", "image": "nginx:1.27", "essential": true}'),
    'canary-task.json': task(`{"name": "app", "image": "nginx", "secret": ${CANARY}x}`),
    'canary-task.yaml': `family: web\ncontainerDefinitions:\n  - name: app\n    image: "${CANARY}\n  bad: [\n`,
    'canary-policy.json': policy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ${CANARY}}`),
    'canary-lifecycle.json': `{"rules": [{"rulePriority": 1, "description": ${CANARY}}]}`,
    'two-images.json': task('{"name": "app", "image": "nginx:reviewed", "image": "evil:unreviewed", "essential": true}'),
    'two-effects.json': policy('{"Effect": "Deny", "Action": "*", "Resource": "*", "Effect": "Allow"}'),
    'two-rules.json': '{"rules": [], "rules": [{"rulePriority": 1}]}',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(workspace, name), text);
});

afterAll(async () => {
  await sandbox.stop();
  rmSync(root, { recursive: true, force: true });
});

type Action = 'aws-credentials' | 'ecr-build-push' | 'ecs-deploy' | 'ecs-render' | 'ecs-rollback';
/** [action, what is wrong, inputs, the input the error names, what the error says]. */
type Case = [Action, string, Record<string, string>, string, RegExp];

const OUTSIDE = /outside the workspace/;
const SYMLINK = /is a symbolic link to a path outside the workspace/;
const DIRECTORY = /is a directory/;
const POSITION = /is not valid JSON: .* at line \d+, column \d+/;
const TWICE = /appears twice in one object \(line \d+, column \d+\)/;
const CUT = /… \(\d+ characters\)/;

/** Each file input, with what it needs beside it to be read at all. */
const FILE_INPUTS: [Action, string, Record<string, string>][] = [
  ['aws-credentials', 'inline-session-policy', { 'role-to-assume': ROLE }],
  ['ecs-deploy', 'task-definition', { service: 'web' }],
  ['ecs-render', 'task-definition', {}],
  ['ecr-build-push', 'lifecycle-policy', { repository: 'web', 'create-repository': 'true' }],
  ['ecr-build-push', 'file', { repository: 'web' }],
  ['ecs-deploy', 'run-task-container-overrides', { 'task-definition': 'good.json', service: 'web', 'run-task': 'true' }],
];

const pathCases: Case[] = FILE_INPUTS.flatMap(([action, input, base]): Case[] => [
  [action, `${input}: a relative traversal`, { ...base, [input]: '../../../../../../etc/passwd' }, input, OUTSIDE],
  [action, `${input}: an absolute path elsewhere`, { ...base, [input]: '/etc/hostname' }, input, OUTSIDE],
  [
    action,
    `${input}: a symlink to a file outside`,
    { ...base, [input]: input === 'file' ? 'Dockerfile.link' : 'link.json' },
    input,
    SYMLINK,
  ],
  [action, `${input}: through a symlinked directory`, { ...base, [input]: 'linked-dir/hidden.json' }, input, SYMLINK],
  [action, `${input}: a directory`, { ...base, [input]: 'dir' }, input, DIRECTORY],
]);

const contentCases: Case[] = [
  ['ecr-build-push', 'context: a traversal', { repository: 'web', context: '../..' }, 'context', OUTSIDE],
  ['ecr-build-push', 'context: a symlinked directory', { repository: 'web', context: 'linked-dir' }, 'context', SYMLINK],
  ['ecr-build-push', 'context: a file', { repository: 'web', context: 'Dockerfile' }, 'context', /is not a directory/],
  // JSON next to a canary: the position, never the text.
  [
    'aws-credentials',
    'a policy file with a canary',
    { 'role-to-assume': ROLE, 'inline-session-policy': 'canary-policy.json' },
    'inline-session-policy',
    POSITION,
  ],
  [
    'aws-credentials',
    'an inline policy with a canary',
    { 'role-to-assume': ROLE, 'inline-session-policy': policy(`{"Effect": "Allow", "Action": ${CANARY}}`) },
    'inline-session-policy',
    POSITION,
  ],
  ['ecs-deploy', 'a task definition with a canary', { 'task-definition': 'canary-task.json', service: 'web' }, 'task-definition', POSITION],
  [
    'ecs-deploy',
    'a YAML task definition with a canary',
    { 'task-definition': 'canary-task.yaml', service: 'web' },
    'task-definition',
    /YAML: .* at line \d+/,
  ],
  [
    'ecs-deploy',
    'inline container overrides with a canary',
    {
      'task-definition': 'good.json',
      service: 'web',
      'run-task': 'true',
      'run-task-container-overrides': `[{"name": "app", "command": [${CANARY}]}]`,
    },
    'run-task-container-overrides',
    POSITION,
  ],
  ['ecs-render', 'a task definition with a canary', { 'task-definition': 'canary-task.json' }, 'task-definition', POSITION],
  [
    'ecs-render',
    'a YAML task definition with a canary',
    { 'task-definition': 'canary-task.yaml' },
    'task-definition',
    /YAML: .* at line \d+/,
  ],
  [
    'ecs-render',
    'a JSON command with a canary',
    { 'task-definition': 'good.json', 'container-name': 'app', command: `["run", "--token", ${CANARY}]` },
    'command',
    /not a JSON array \(.* at line 1, column \d+\)/,
  ],
  [
    'ecr-build-push',
    'a lifecycle policy with a canary',
    { repository: 'web', 'create-repository': 'true', 'lifecycle-policy': 'canary-lifecycle.json' },
    'lifecycle-policy',
    POSITION,
  ],
  // Keys given twice: the reviewer reads the first, AWS would get the last.
  [
    'ecs-deploy',
    'a container with two images',
    { 'task-definition': 'two-images.json', service: 'web' },
    'task-definition',
    /the key 'image' appears twice/,
  ],
  [
    'ecs-render',
    'a container with two images',
    { 'task-definition': 'two-images.json' },
    'task-definition',
    /the key 'image' appears twice/,
  ],
  [
    'aws-credentials',
    'a policy file with two Effects',
    { 'role-to-assume': ROLE, 'inline-session-policy': 'two-effects.json' },
    'inline-session-policy',
    /the key 'Effect' appears twice/,
  ],
  [
    'aws-credentials',
    'an inline policy with two Effects (one escaped)',
    {
      'role-to-assume': ROLE,
      'inline-session-policy': policy('{"Effect": "Deny", "Action": "*", "Resource": "*", "\\u0045ffect": "Allow"}'),
    },
    'inline-session-policy',
    TWICE,
  ],
  [
    'ecs-deploy',
    'container overrides with two names',
    {
      'task-definition': 'good.json',
      service: 'web',
      'run-task': 'true',
      'run-task-container-overrides': '[{"name": "app", "name": "other"}]',
    },
    'run-task-container-overrides',
    TWICE,
  ],
  [
    'ecr-build-push',
    'a lifecycle policy with two rule lists',
    { repository: 'web', 'create-repository': 'true', 'lifecycle-policy': 'two-rules.json' },
    'lifecycle-policy',
    TWICE,
  ],
  // A 100 KB value is quoted cut to a readable length.
  ['aws-credentials', 'a 100 KB role', { 'role-to-assume': `arn:${HUGE}` }, 'role-to-assume', /./],
  ['ecs-deploy', 'a 100 KB task definition ARN', { 'task-definition': `arn:${HUGE}`, service: 'web' }, 'task-definition', CUT],
  ['ecs-deploy', 'a 100 KB boolean', { 'task-definition': 'good.json', service: 'web', 'run-task': HUGE }, 'run-task', CUT],
  ['ecs-render', 'a 100 KB enum', { 'task-definition': 'good.json', 'environment-mode': HUGE }, 'environment-mode', /./],
  ['ecs-rollback', 'a 100 KB service', { service: HUGE }, 'service', /./],
  ['ecs-rollback', 'a 100 KB wait', { service: 'web', 'wait-for-minutes': HUGE }, 'wait-for-minutes', CUT],
  ['ecr-build-push', 'a 100 KB repository', { repository: HUGE }, 'repository', /./],
  ['ecr-build-push', 'a 100 KB mutability', { repository: 'web', 'image-tag-mutability': HUGE }, 'image-tag-mutability', CUT],
];

const CASES = [...pathCases, ...contentCases];

function run(action: Action, inputs: Record<string, string>): Promise<ActionResult> {
  const env = action === 'aws-credentials' ? jobEnv(sandbox) : { ...sandbox.env };
  return runAction(action, {
    inputs: action === 'aws-credentials' ? { 'aws-region': 'us-east-1', ...inputs } : inputs,
    env,
    workspace,
    skipPost: true,
    timeoutMs: 30_000,
  });
}

describe('hostile inputs end in one clear error, before any network call', () => {
  test(`covers at least 40 cases over five actions (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map(([action]) => action)).size).toBe(5);
  });

  test.each(CASES)('%s: %s', async (action, _title, inputs, input, says) => {
    sandbox.admin.requests.clear();
    const result = await run(action, inputs);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([expect.stringMatching(new RegExp(`^Input '${input}': `))]);
    const [error = ''] = result.errors;
    expect(error).toMatch(says);
    expect(error.length).toBeLessThan(600);
    const everything = `${result.stdout}\n${result.stderr}`;
    for (const piece of PIECES) expect(everything).not.toContain(piece);
    expect(everything).not.toMatch(/root:x:0:0/);
    expect(everything).not.toMatch(/\n\s+at /);
    expect(sandbox.admin.requests.count()).toBe(0);
  });
});
