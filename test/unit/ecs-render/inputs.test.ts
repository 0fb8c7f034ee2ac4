import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/lib/errors.js';
import { Inputs } from '../../../src/lib/inputs.js';
import { readEcsRenderInputs } from '../../../src/ecs-render/inputs.js';

const workspace = mkdtempSync(join(tmpdir(), 'ecs-render-inputs-'));
writeFileSync(join(workspace, 'task-definition.json'), '{}');
const env = { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: '/runner/temp' };
const FILE = { 'task-definition': 'task-definition.json' };
const WEB = { ...FILE, 'container-name': 'web' };
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf';

function read(raw: Record<string, string>, environment: NodeJS.ProcessEnv = env) {
  return readEcsRenderInputs(new Inputs((name) => raw[name] ?? ''), environment);
}

describe('readEcsRenderInputs', () => {
  it('reads a file source relative to the workspace and writes under RUNNER_TEMP', () => {
    const inputs = read({ ...WEB, image: 'nginx:1.27' });
    expect(inputs.source).toEqual({
      kind: 'file',
      input: 'task-definition',
      path: join(workspace, 'task-definition.json'),
      display: 'task-definition.json',
    });
    expect(inputs.images).toEqual([{ container: 'web', image: 'nginx:1.27', input: 'image' }]);
    expect(inputs.outputDir).toBe('/runner/temp');
    expect(inputs.container).toEqual({});
  });

  it.each([
    [{ 'task-definition-family': 'web' }, { kind: 'ecs', input: 'task-definition-family', reference: 'web', region: 'eu-west-1' }],
    [
      { 'task-definition-family': 'web', 'task-definition-revision': '12', 'aws-region': 'us-gov-west-1' },
      { kind: 'ecs', input: 'task-definition-family', reference: 'web:12', region: 'us-gov-west-1' },
    ],
    [
      { 'task-definition-arn': 'arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/web:3' },
      {
        kind: 'ecs',
        input: 'task-definition-arn',
        reference: 'arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/web:3',
        region: 'cn-north-1',
      },
    ],
  ])('reads a registered source %j', (raw, source) => {
    expect(read(raw, { ...env, AWS_REGION: 'eu-west-1' }).source).toEqual(source);
  });

  it('reads every container setting for container-name', () => {
    const inputs = read({
      ...WEB,
      images: 'worker=ghcr.io/octo/worker:2\n# a comment\nweb=ghcr.io/octo/web:2',
      'environment-variables': 'LOG_LEVEL=debug\nDATABASE_URL=postgres://u@h/db?x=1',
      'environment-mode': 'replace',
      secrets: `DB_PASSWORD=${SECRET_ARN}:password::`,
      'log-configuration-log-driver': 'awslogs',
      'log-configuration-options': 'awslogs-group=/ecs/web\nawslogs-stream-prefix=web',
      'docker-labels': 'com.example.team=web\ntraefik.http.routers.web.rule=Host(`x`)',
      command: `sh -c 'exec "$0"' app`,
      'env-files': 'arn:aws:s3:::config-bucket/web/prod.env',
      'task-role-arn': 'arn:aws:iam::123456789012:role/web-task',
      'execution-role-arn': 'arn:aws-us-gov:iam::123456789012:role/exec',
      cpu: '0.5 vCPU',
      memory: '1 GB',
    });
    expect(inputs.images.map((image) => `${image.container}:${image.input}`)).toEqual(['worker:images', 'web:images']);
    expect(inputs.container).toEqual({
      environment: {
        mode: 'replace',
        entries: [
          { key: 'LOG_LEVEL', value: 'debug' },
          { key: 'DATABASE_URL', value: 'postgres://u@h/db?x=1' },
        ],
      },
      secrets: { mode: 'upsert', entries: [{ key: 'DB_PASSWORD', value: `${SECRET_ARN}:password::` }] },
      logDriver: 'awslogs',
      logOptions: [
        { key: 'awslogs-group', value: '/ecs/web' },
        { key: 'awslogs-stream-prefix', value: 'web' },
      ],
      dockerLabels: [
        { key: 'com.example.team', value: 'web' },
        { key: 'traefik.http.routers.web.rule', value: 'Host(`x`)' },
      ],
      command: ['sh', '-c', 'exec "$0"', 'app'],
      envFiles: ['arn:aws:s3:::config-bucket/web/prod.env'],
    });
    expect([inputs.taskRoleArn, inputs.executionRoleArn, inputs.cpu, inputs.memory]).toEqual([
      'arn:aws:iam::123456789012:role/web-task',
      'arn:aws-us-gov:iam::123456789012:role/exec',
      '512',
      '1024',
    ]);
  });

  // Each bad input fails with one InputError that names the input.
  it.each<[string, Record<string, string>, NodeJS.ProcessEnv | undefined, string, RegExp]>([
    ['no source', {}, undefined, 'task-definition', /no task definition was given/],
    [
      'two sources',
      { ...FILE, 'task-definition-family': 'web' },
      undefined,
      'task-definition-family',
      /set together with 'task-definition'/,
    ],
    ['missing file', { 'task-definition': 'nope.json' }, undefined, 'task-definition', /file 'nope.json' does not exist/],
    [
      'revision alone',
      { ...FILE, 'task-definition-revision': '3' },
      undefined,
      'task-definition-revision',
      /without 'task-definition-family'/,
    ],
    [
      'revision zero',
      { 'task-definition-family': 'web', 'task-definition-revision': '0' },
      undefined,
      'task-definition-revision',
      /out of range/,
    ],
    ['bad family', { 'task-definition-family': 'web app' }, undefined, 'task-definition-family', /is not a family name/],
    ['bad arn', { 'task-definition-arn': 'web:3' }, undefined, 'task-definition-arn', /is not a task definition ARN/],
    [
      'arn region clash',
      { 'task-definition-arn': 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3', 'aws-region': 'eu-west-1' },
      undefined,
      'aws-region',
      /is eu-west-1 but/,
    ],
    ['no region', { 'task-definition-family': 'web' }, {}, 'aws-region', /no region was given/],
    ['bad region', { ...FILE, 'aws-region': 'Frankfurt' }, undefined, 'aws-region', /not an AWS region name/],
    ['image without container', { ...FILE, image: 'nginx' }, undefined, 'container-name', /required when 'image' is set/],
    ['bad container name', { ...FILE, 'container-name': 'web app' }, undefined, 'container-name', /is not a container name/],
    ['bad image', { ...WEB, image: 'Web:Latest' }, undefined, 'image', /is not an image reference/],
    ['bad digest', { ...WEB, image: 'web@sha256:abc' }, undefined, 'image', /malformed digest/],
    ['images not pairs', { ...FILE, images: 'nginx:latest' }, undefined, 'images', /line 1 is not KEY=value/],
    ['images bad image', { ...FILE, images: 'web=nginx:' }, undefined, 'images', /container 'web'/],
    ['images twice', { ...WEB, image: 'nginx', images: 'web=nginx:2' }, undefined, 'images', /sets container 'web' twice/],
    ['env not pairs', { ...WEB, 'environment-variables': 'JUSTNAME' }, undefined, 'environment-variables', /line 1 is not KEY=value/],
    ['env bad name', { ...WEB, 'environment-variables': '1ABC=x' }, undefined, 'environment-variables', /is not a valid name/],
    ['env twice', { ...WEB, 'environment-variables': 'A=1\nA=2' }, undefined, 'environment-variables', /'A' is given twice/],
    [
      'env bad mode',
      { ...WEB, 'environment-variables': 'A=1', 'environment-mode': 'merge' },
      undefined,
      'environment-mode',
      /'merge' is not allowed/,
    ],
    ['env replace empty', { ...WEB, 'environment-mode': 'replace' }, undefined, 'environment-mode', /would remove every entry/],
    [
      'env without container',
      { ...FILE, 'environment-variables': 'A=1' },
      undefined,
      'environment-variables',
      /'container-name', which is not set/,
    ],
    [
      'secret bad source',
      { ...WEB, secrets: 'DB=arn:aws:secretsmanager:us-east-1:1234:secret:x' },
      undefined,
      'secrets',
      /'DB': valueFrom/,
    ],
    ['secret json-key short', { ...WEB, secrets: `DB=${SECRET_ARN}:password` }, undefined, 'secrets', /'DB': valueFrom/],
    ['secrets replace empty', { ...WEB, 'secrets-mode': 'replace' }, undefined, 'secrets-mode', /would remove every entry/],
    [
      'bad log driver',
      { ...WEB, 'log-configuration-log-driver': 'logentries' },
      undefined,
      'log-configuration-log-driver',
      /is not allowed/,
    ],
    ['bad log option', { ...WEB, 'log-configuration-options': 'awslogs-group' }, undefined, 'log-configuration-options', /not KEY=value/],
    ['bad label', { ...WEB, 'docker-labels': ' =x' }, undefined, 'docker-labels', /not KEY=value/],
    ['open quote', { ...WEB, command: `sh -c 'echo` }, undefined, 'command', /unterminated single quote/],
    ['bad json command', { ...WEB, command: '["sh", 1]' }, undefined, 'command', /JSON array of strings/],
    ['env file not s3', { ...WEB, 'env-files': 's3://bucket/prod.env' }, undefined, 'env-files', /not the ARN of an S3 object/],
    [
      'too many env files',
      { ...WEB, 'env-files': Array.from({ length: 11 }, (_, i) => `arn:aws:s3:::b-1/${i}.env`).join('\n') },
      undefined,
      'env-files',
      /lists 11 files/,
    ],
    ['task role', { ...FILE, 'task-role-arn': 'web-task' }, undefined, 'task-role-arn', /is not an IAM role ARN/],
    [
      'execution role',
      { ...FILE, 'execution-role-arn': 'arn:aws:iam::123456789012:user/x' },
      undefined,
      'execution-role-arn',
      /is not an IAM role ARN/,
    ],
    ['cpu junk', { ...FILE, cpu: 'fast' }, undefined, 'cpu', /is not a CPU size/],
    ['cpu range', { ...FILE, cpu: '64' }, undefined, 'cpu', /outside/],
    ['memory junk', { ...FILE, memory: '512MiB' }, undefined, 'memory', /is not a memory size/],
  ])('%s', (_label, raw, environment, input, problem) => {
    let thrown: unknown;
    try {
      read(raw, environment ?? env);
    } catch (error: unknown) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).input).toBe(input);
    expect((thrown as InputError).message).toMatch(problem);
  });
});
