import { InputError } from '../../../src/lib/errors.js';
import type { TaskDefinition } from '../../../src/lib/task-definition/model.js';
import { checkTaskDefinition } from '../../../src/lib/task-definition/model.js';
import { validateTaskDefinition } from '../../../src/lib/task-definition/validate.js';

const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf';

function fargate(): TaskDefinition {
  return {
    family: 'shop',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '512',
    memory: '1024',
    executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
    containerDefinitions: [
      {
        name: 'web',
        image: 'shop/web:1',
        portMappings: [{ containerPort: 8080, hostPort: 8080 }, { containerPort: 9090 }],
        secrets: [{ name: 'DB', valueFrom: SECRET }],
        environment: [{ name: 'CLUSTER', value: '${ECS_CLUSTER}' }],
      },
      { name: 'sidecar', image: 'envoyproxy/envoy:v1.30', essential: false },
    ],
  };
}

function problemsOf(definition: TaskDefinition, sizeInput?: 'cpu' | 'memory'): InputError | undefined {
  try {
    validateTaskDefinition(definition, { sourceInput: 'task-definition', ...(sizeInput ? { sizeInput } : {}) });
    return undefined;
  } catch (error: unknown) {
    if (error instanceof InputError) return error;
    throw error;
  }
}

const change = (edit: (definition: TaskDefinition) => void): TaskDefinition => {
  const definition = fargate();
  edit(definition);
  return definition;
};
const web = (definition: TaskDefinition) => definition.containerDefinitions[0] ?? { name: 'missing' };

describe('validateTaskDefinition', () => {
  it('accepts a valid Fargate definition and leaves ${ECS_CLUSTER} alone', () => {
    const definition = fargate();
    expect(problemsOf(definition)).toBeUndefined();
    expect(web(definition).environment).toEqual([{ name: 'CLUSTER', value: '${ECS_CLUSTER}' }]);
  });

  it.each<[string, TaskDefinition, RegExp]>([
    ['no family', change((d) => delete d.family), /family is missing/],
    [
      'template family',
      change((d) => (d.family = '<TASK_DEFINITION_FAMILY>')),
      /family '<TASK_DEFINITION_FAMILY>' .*unrendered template placeholder/,
    ],
    ['no containers', change((d) => (d.containerDefinitions = [])), /at least one container/],
    ['none essential', change((d) => d.containerDefinitions.forEach((c) => (c.essential = false))), /no container is essential/],
    ['duplicate names', change((d) => (d.containerDefinitions[1] = { name: 'web', image: 'x' })), /container name 'web' is used twice/],
    ['unnamed container', change((d) => delete web(d).name), /containerDefinitions\[0\] has no name/],
    ['no image', change((d) => (web(d).image = '')), /container 'web' has no image/],
    ['bad image', change((d) => (web(d).image = '<REPO_URL>')), /container 'web': image '<REPO_URL>' is not an image reference/],
    [
      'awsvpc host port',
      change((d) => (web(d).portMappings = [{ containerPort: 80, hostPort: 8080 }])),
      /hostPort 8080 differs from containerPort 80/,
    ],
    [
      'bad secret',
      change((d) => (web(d).secrets = [{ name: 'DB', valueFrom: 'arn:aws:secretsmanager:region:aws_account_id:secret:x' }])),
      /secrets 'DB': valueFrom/,
    ],
    ['nameless secret', change((d) => (web(d).secrets = [{ name: '', valueFrom: SECRET }])), /a secret has no name/],
    [
      'bad log secret',
      change(
        (d) => (web(d).logConfiguration = { logDriver: 'splunk', secretOptions: [{ name: 'token', valueFrom: 'arn:${Partition}:ssm' }] }),
      ),
      /secretOptions 'token'/,
    ],
    ['log without driver', change((d) => (web(d).logConfiguration = { options: {} })), /logConfiguration has no logDriver/],
    ['unknown driver', change((d) => (web(d).logConfiguration = { logDriver: 'logentries' })), /log driver 'logentries' is not one of/],
    [
      'bad role',
      change((d) => (d.taskRoleArn = 'arn:aws:iam::XXXXXXXXXXXX:role/t')),
      /taskRoleArn .* is not an IAM role ARN \(an unrendered template placeholder\?\)/,
    ],
    ['fargate bridge', change((d) => (d.networkMode = 'bridge')), /Fargate tasks need networkMode awsvpc, not bridge/],
    ['fargate no cpu', change((d) => delete d.cpu), /need task-level cpu and memory/],
    ['fargate size', change((d) => (d.memory = '8192')), /Fargate with 512 CPU units takes 1024 to 4096/],
    ['fargate vcpu text', change((d) => (d.cpu = 'two')), /cpu 'two' is not CPU units/],
  ])('%s', (_label, definition, problem) => {
    const error = problemsOf(definition);
    expect(error?.input).toBe('task-definition');
    expect(error?.message).toMatch(problem);
  });

  it('accepts what ECS accepts: role names, hostPort left out, sizes as text, EC2 sizes off the Fargate table', () => {
    expect(problemsOf(change((d) => (d.taskRoleArn = 'ecsTaskRole')))).toBeUndefined();
    expect(problemsOf(change((d) => ((d.cpu = '1 vCPU'), (d.memory = '2 GB'))))).toBeUndefined();
    expect(problemsOf(change((d) => ((d.requiresCompatibilities = ['EC2']), (d.networkMode = 'bridge'), (d.cpu = '384'))))).toBeUndefined();
  });

  it('reports every problem at once, and a bad Fargate size on the input that set it', () => {
    const both = problemsOf(change((d) => ((d.family = ''), (web(d).image = ''))));
    expect(both?.message).toMatch(/family is missing; container 'web' has no image/);
    expect(
      problemsOf(
        change((d) => (d.memory = '8192')),
        'memory',
      )?.input,
    ).toBe('memory');
  });
});

describe('checkTaskDefinition', () => {
  it.each<[string, unknown, RegExp]>([
    ['not an object', [], /is not a JSON object/],
    ['no containers', { family: 'x' }, /has no containerDefinitions list/],
    ['container not object', { containerDefinitions: ['web'] }, /containerDefinitions\[0\] is not an object/],
    ['numeric cpu', { cpu: 256, containerDefinitions: [] }, /'cpu' must be a string such as "256"/],
    [
      'env shape',
      { containerDefinitions: [{ name: 'w', environment: { A: '1' } }] },
      /'environment' must be a list of \{"name", "value"\} objects/,
    ],
    ['secret shape', { containerDefinitions: [{ name: 'w', secrets: [{ name: 'A' }] }] }, /'secrets' must be a list/],
    ['port shape', { containerDefinitions: [{ name: 'w', portMappings: [{ containerPort: '80' }] }] }, /'portMappings' must be/],
    [
      'labels shape',
      { containerDefinitions: [{ name: 'w', dockerLabels: { a: 1 } }] },
      /'dockerLabels' must be an object of string values/,
    ],
    ['essential shape', { containerDefinitions: [{ name: 'w', essential: 'yes' }] }, /'essential' must be true or false/],
  ])('%s', (_label, value, problem) => {
    expect(() => checkTaskDefinition(value, 'task-definition', "file 'x.json'")).toThrow(problem);
  });
});
