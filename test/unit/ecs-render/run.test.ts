import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Inputs } from '../../../src/lib/inputs.js';
import { readEcsRenderInputs } from '../../../src/ecs-render/inputs.js';
import type { EcsSource } from '../../../src/ecs-render/inputs.js';
import type { RawTaskDefinition } from '../../../src/ecs-render/load-source.js';
import { runEcsRender } from '../../../src/ecs-render/run.js';
import type { EcsRenderDeps } from '../../../src/ecs-render/run.js';

const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf';
const DESCRIBED = {
  taskDefinition: {
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/shop:7',
    revision: 7,
    status: 'ACTIVE',
    family: 'shop',
    compatibilities: ['EC2', 'FARGATE'],
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    registeredAt: '2024-06-21T11:15:12.669000-05:00',
    entrypointTypo: true,
    containerDefinitions: [
      {
        name: 'web',
        image: 'shop/web:1',
        entrypoint: ['sh'],
        environment: [
          { name: 'PASSWORD_HINT', value: 'plain-value-1' },
          { name: 'CLUSTER', value: '${ECS_CLUSTER}' },
        ],
        secrets: [{ name: 'DB', valueFrom: SECRET }],
      },
    ],
  },
  tags: [{ key: 'team', value: 'shop' }],
};

function setup(raw: Record<string, string>, fetched?: RawTaskDefinition) {
  const workspace = mkdtempSync(join(tmpdir(), 'ecs-render-run-'));
  const runnerTemp = mkdtempSync(join(tmpdir(), 'ecs-render-temp-'));
  writeFileSync(join(workspace, 'taskdef.json'), JSON.stringify(DESCRIBED));
  const calls = {
    warnings: [] as string[],
    info: [] as string[],
    outputs: {} as Record<string, string>,
    summary: '',
    fetched: [] as EcsSource[],
  };
  const deps: EcsRenderDeps = {
    fetchTaskDefinition: (source) => {
      calls.fetched.push(source);
      return fetched ? Promise.resolve(fetched) : Promise.reject(new Error('unexpected fetch'));
    },
    log: { info: (message) => calls.info.push(message), warning: (message) => calls.warnings.push(message) },
    setOutput: (name, value) => (calls.outputs[name] = value),
    summary: { append: (markdown) => Promise.resolve(void (calls.summary += markdown)) },
  };
  const inputs = readEcsRenderInputs(new Inputs((name) => raw[name] ?? ''), {
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    AWS_REGION: 'us-east-1',
  });
  return { inputs, deps, calls, workspace, runnerTemp };
}

describe('runEcsRender', () => {
  it('writes a new file under RUNNER_TEMP with describe-only fields gone, tags kept, runtime variables untouched', async () => {
    const { inputs, deps, calls, workspace, runnerTemp } = setup({
      'task-definition': 'taskdef.json',
      'container-name': 'web',
      image: 'shop/web:2',
      'environment-variables': 'PASSWORD_HINT=plain-value-2\nNEW_FLAG=plain-value-3',
      secrets: `API_KEY=${SECRET}:api::`,
    });
    const { path } = await runEcsRender(inputs, deps);
    expect(dirname(dirname(path))).toBe(runnerTemp);
    expect(calls.outputs).toEqual({ 'task-definition': path });
    expect(readFileSync(join(workspace, 'taskdef.json'), 'utf8')).toBe(JSON.stringify(DESCRIBED));

    const written = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(written).sort()).toEqual([
      'containerDefinitions',
      'cpu',
      'entrypointTypo',
      'family',
      'memory',
      'networkMode',
      'requiresCompatibilities',
      'tags',
    ]);
    expect(written.tags).toEqual([{ key: 'team', value: 'shop' }]);
    expect(JSON.stringify(written)).toContain('"value":"${ECS_CLUSTER}"');

    expect(calls.warnings).toEqual([
      "RegisterTaskDefinition does not know 'entrypointTypo' at the task level, 'entrypoint' in container 'web' (did you mean 'entryPoint'?); " +
        'the AWS SDK drops unknown keys when registering, so fix or remove them',
    ]);
    expect(calls.summary).toContain('`shop/web:1` → `shop/web:2`');
    expect(calls.summary).toContain('added: `NEW_FLAG`; changed: `PASSWORD_HINT`');
    expect(calls.summary).toContain('added: `API_KEY`');
    expect(calls.summary).toMatch(/Removed describe-only fields: .*`taskDefinitionArn`/);
    // Names only: neither env values nor secret sources reach the summary.
    expect(calls.summary).not.toMatch(/plain-value|secretsmanager/);
  });

  it('renders twice from the same input into two different files', async () => {
    const { inputs, deps } = setup({ 'task-definition': 'taskdef.json' });
    const first = await runEcsRender(inputs, deps);
    const second = await runEcsRender(inputs, deps);
    expect(first.path).not.toBe(second.path);
  });

  it('fetches a registered task definition with its tags and strips what DescribeTaskDefinition adds', async () => {
    const { inputs, deps, calls } = setup(
      { 'task-definition-family': 'shop', 'task-definition-revision': '7' },
      { definition: DESCRIBED.taskDefinition, tags: DESCRIBED.tags },
    );
    const { definition } = await runEcsRender(inputs, deps);
    expect(calls.fetched).toEqual([{ kind: 'ecs', input: 'task-definition-family', reference: 'shop:7', region: 'us-east-1' }]);
    expect(definition).not.toHaveProperty('revision');
    expect(definition.tags).toEqual([{ key: 'team', value: 'shop' }]);
  });

  it('reports problems of a fetched definition on the input that named it', async () => {
    const { inputs, deps } = setup({ 'task-definition-family': 'shop' }, { definition: { ...DESCRIBED.taskDefinition, memory: '4096' } });
    await expect(runEcsRender(inputs, deps)).rejects.toThrow(
      /^Input 'task-definition-family': the task definition is not valid: Fargate with 256 CPU units/,
    );
  });

  it('fails on an unknown container before writing anything', async () => {
    const { inputs, deps, calls } = setup({ 'task-definition': 'taskdef.json', 'container-name': 'api', image: 'shop/api:1' });
    await expect(runEcsRender(inputs, deps)).rejects.toThrow(
      "Input 'container-name': the task definition has no container named 'api'. Its containers are 'web'",
    );
    expect(calls.outputs).toEqual({});
  });
});
