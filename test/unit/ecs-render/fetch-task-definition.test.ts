import { ClientException, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { NotFoundError } from '../../../src/lib/errors.js';
import { createEcsClient, fetchTaskDefinition } from '../../../src/ecs-render/fetch-task-definition.js';
import type { EcsSource } from '../../../src/ecs-render/inputs.js';

// Until the sandbox serves ECS, DescribeTaskDefinition is stubbed at the SDK client.
const ecs = mockClient(ECSClient);
const source: EcsSource = { kind: 'ecs', input: 'task-definition-family', reference: 'shop:7', region: 'eu-west-1' };

afterEach(() => ecs.reset());

describe('fetchTaskDefinition', () => {
  it('asks for the definition with its tags and returns both', async () => {
    ecs.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: {
        family: 'shop',
        revision: 7,
        containerDefinitions: [{ name: 'web', image: 'shop/web:1' }],
        registeredAt: new Date(0),
      },
      tags: [{ key: 'team', value: 'shop' }],
    });
    const fetched = await fetchTaskDefinition(createEcsClient('eu-west-1'), source);
    expect(ecs.commandCalls(DescribeTaskDefinitionCommand).map((call) => call.args[0].input)).toEqual([
      { taskDefinition: 'shop:7', include: ['TAGS'] },
    ]);
    expect(fetched.definition).toMatchObject({ family: 'shop', revision: 7 });
    expect(fetched.tags).toEqual([{ key: 'team', value: 'shop' }]);
  });

  it('builds its client in the resolved region', async () => {
    expect(await createEcsClient('ap-southeast-2').config.region()).toBe('ap-southeast-2');
  });

  it('turns an unknown family or revision into a NotFoundError naming the input', async () => {
    ecs.on(DescribeTaskDefinitionCommand).rejects(new ClientException({ message: 'Unable to describe task definition.', $metadata: {} }));
    const failure = fetchTaskDefinition(createEcsClient('eu-west-1'), source);
    await expect(failure).rejects.toBeInstanceOf(NotFoundError);
    await expect(failure).rejects.toThrow(
      "Input 'task-definition-family': task definition 'shop:7' in eu-west-1 was not found (Unable to describe task definition.). Check the family, revision and region",
    );
  });

  it('adds what it was doing, and the permission needed, to other failures', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: ecs:DescribeTaskDefinition'), {
      name: 'AccessDeniedException',
    });
    ecs.on(DescribeTaskDefinitionCommand).rejects(denied);
    await expect(fetchTaskDefinition(createEcsClient('eu-west-1'), source)).rejects.toThrow(
      "Input 'task-definition-family': Failed to describe task definition 'shop:7' in eu-west-1: access denied (User is not authorized to perform: ecs:DescribeTaskDefinition). The role needs the IAM permission ecs:DescribeTaskDefinition",
    );
  });

  it('reports a throttle that outlived the retries as a throttle, not as a missing permission', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    ecs.on(DescribeTaskDefinitionCommand).rejects(throttled);
    const error = await fetchTaskDefinition(createEcsClient('eu-west-1'), source).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(
      /^Input 'task-definition-family': Failed to describe .*: AWS throttled the call, still after the SDK's retries \(ThrottlingException: Rate exceeded\)$/,
    );
    expect((error as Error).message).not.toMatch(/permission|role needs/);
  });
});
