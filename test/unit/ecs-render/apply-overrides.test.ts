import { InputError } from '../../../src/lib/errors.js';
import { applyOverrides } from '../../../src/ecs-render/apply-overrides.js';
import type { ContainerSettings, EcsRenderInputs } from '../../../src/ecs-render/inputs.js';
import type { TaskDefinition } from '../../../src/lib/task-definition/model.js';

const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf';

function base(): TaskDefinition {
  return {
    family: 'shop',
    containerDefinitions: [
      {
        name: 'web',
        image: 'shop/web:1',
        environment: [
          { name: 'KEEP', value: 'same' },
          { name: 'CLUSTER', value: '${ECS_CLUSTER}' },
          { name: 'LEVEL', value: 'info' },
        ],
        secrets: [{ name: 'DB', valueFrom: SECRET }],
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/shop' }, secretOptions: [] },
        dockerLabels: { team: 'shop' },
      },
      { name: 'worker', image: 'shop/worker:1' },
      { name: 'envoy', image: 'envoyproxy/envoy:v1.30' },
    ],
  };
}

function inputs(overrides: Partial<EcsRenderInputs> = {}, container: ContainerSettings = {}): EcsRenderInputs {
  return {
    source: { kind: 'file', input: 'task-definition', path: '/x.json', display: 'x.json' },
    images: [],
    containerName: 'web',
    container,
    outputDir: '/tmp',
    ...overrides,
  };
}

const kv = (text: string) => text.split(',').map((pair) => ({ key: pair.split('=')[0] ?? '', value: pair.slice(pair.indexOf('=') + 1) }));

describe('applyOverrides', () => {
  it('sets images per container and leaves the sidecar and the original alone', () => {
    const original = base();
    const { definition, changes } = applyOverrides(
      original,
      inputs({
        images: [
          { container: 'web', image: 'shop/web:2', input: 'image' },
          { container: 'worker', image: 'shop/worker:2', input: 'images' },
        ],
      }),
    );
    expect(definition.containerDefinitions.map((container) => container.image)).toEqual([
      'shop/web:2',
      'shop/worker:2',
      'envoyproxy/envoy:v1.30',
    ]);
    expect(original.containerDefinitions[0]?.image).toBe('shop/web:1');
    expect(changes.containers.map((change) => [change.container, change.image])).toEqual([
      ['web', { from: 'shop/web:1', to: 'shop/web:2' }],
      ['worker', { from: 'shop/worker:1', to: 'shop/worker:2' }],
    ]);
  });

  it.each([
    [
      'upsert',
      'LEVEL=debug,NEW=1',
      ['KEEP=same', 'CLUSTER=${ECS_CLUSTER}', 'LEVEL=debug', 'NEW=1'],
      { added: ['NEW'], changed: ['LEVEL'], removed: [] },
    ],
    ['upsert', 'KEEP=same', ['KEEP=same', 'CLUSTER=${ECS_CLUSTER}', 'LEVEL=info'], { added: [], changed: [], removed: [] }],
    ['replace', 'LEVEL=debug,NEW=a=b', ['LEVEL=debug', 'NEW=a=b'], { added: ['NEW'], changed: ['LEVEL'], removed: ['KEEP', 'CLUSTER'] }],
  ] as const)('environment %s %s', (mode, given, expected, names) => {
    const { definition, changes } = applyOverrides(base(), inputs({}, { environment: { mode, entries: kv(given) } }));
    const environment = definition.containerDefinitions[0]?.environment ?? [];
    expect(environment.map(({ name, value }) => `${name}=${value}`)).toEqual(expected);
    expect(changes.containers[0]?.environment).toEqual(names);
  });

  it.each([
    ['upsert', `API=${SECRET}:api::`, ['DB', 'API'], { added: ['API'], changed: [], removed: [] }],
    ['replace', `API=${SECRET}:api::`, ['API'], { added: ['API'], changed: [], removed: ['DB'] }],
    ['upsert', `DB=${SECRET}:password::`, ['DB'], { added: [], changed: ['DB'], removed: [] }],
  ] as const)('secrets %s %s', (mode, given, names, expected) => {
    const { definition, changes } = applyOverrides(base(), inputs({}, { secrets: { mode, entries: kv(given) } }));
    expect(definition.containerDefinitions[0]?.secrets?.map((secret) => secret.name)).toEqual(names);
    expect(changes.containers[0]?.secrets).toEqual(expected);
  });

  it('merges log options and labels, replaces command and environment files, as aws-actions does', () => {
    const { definition, changes } = applyOverrides(
      base(),
      inputs(
        {},
        {
          logDriver: 'awsfirelens',
          logOptions: kv('Name=cloudwatch,region=us-east-1'),
          dockerLabels: kv('version=2'),
          command: ['bundle', 'exec', 'puma'],
          envFiles: ['arn:aws:s3:::cfg/web.env'],
        },
      ),
    );
    const web = definition.containerDefinitions[0];
    expect(web?.logConfiguration).toEqual({
      logDriver: 'awsfirelens',
      options: { 'awslogs-group': '/ecs/shop', Name: 'cloudwatch', region: 'us-east-1' },
      secretOptions: [],
    });
    expect(web?.dockerLabels).toEqual({ team: 'shop', version: '2' });
    expect(web?.command).toEqual(['bundle', 'exec', 'puma']);
    expect(web?.environmentFiles).toEqual([{ value: 'arn:aws:s3:::cfg/web.env', type: 's3' }]);
    expect(changes.containers[0]?.fields).toEqual(['logConfiguration', 'dockerLabels', 'command', 'environmentFiles']);
    expect(definition.containerDefinitions[1]).toEqual(base().containerDefinitions[1]);
  });

  it('sets task-level roles and sizes and reports only what changed', () => {
    const { definition, changes } = applyOverrides(
      { ...base(), cpu: '256' },
      inputs({ taskRoleArn: 'arn:aws:iam::123456789012:role/t', cpu: '256', memory: '512' }),
    );
    expect([definition.taskRoleArn, definition.cpu, definition.memory]).toEqual(['arn:aws:iam::123456789012:role/t', '256', '512']);
    expect(changes.fields).toEqual(['taskRoleArn', 'memory']);
  });

  it.each([
    [inputs({ images: [{ container: 'api', image: 'x', input: 'images' }] }), 'images'],
    [inputs({ containerName: 'api' }, { command: ['x'] }), 'container-name'],
  ])('names the input and lists the containers when a container does not exist', (given, input) => {
    expect(() => applyOverrides(base(), given)).toThrow(
      new InputError(input, "the task definition has no container named 'api'", "Its containers are 'web', 'worker', 'envoy'"),
    );
  });

  it('refuses log options for a container without a log driver', () => {
    expect(() => applyOverrides(base(), inputs({ containerName: 'worker' }, { logOptions: kv('a=b') }))).toThrow(
      /Input 'log-configuration-options': container 'worker' has no log driver/,
    );
  });
});
