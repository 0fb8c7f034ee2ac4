import { ContainerDefinition$, RegisterTaskDefinitionRequest$, TaskDefinition$ } from '@aws-sdk/client-ecs';
import {
  CONTAINER_DEFINITION_KEYS,
  DESCRIBE_ONLY_KEYS,
  describeUnknownKeys,
  findUnknownKeys,
  REGISTER_TASK_DEFINITION_KEYS,
  stripDescribeOnly,
} from '../../../../src/lib/task-definition/register-keys.js';

/**
 * The SDK's structure schemas are arrays: [3, namespace, name, traits, memberNames, memberSchemas, …].
 * Reading member names from them ties the written-out lists to the installed SDK's model.
 */
function memberNames(schema: unknown): string[] {
  if (!Array.isArray(schema) || schema[0] !== 3 || !Array.isArray(schema[4])) throw new Error('unexpected SDK schema layout');
  return (schema[4] as unknown[]).map(String);
}

describe('the keys RegisterTaskDefinition knows', () => {
  it('match the SDK model of the request', () => {
    expect([...REGISTER_TASK_DEFINITION_KEYS].sort()).toEqual(memberNames(RegisterTaskDefinitionRequest$).sort());
  });

  it('match the SDK model of a container definition', () => {
    expect([...CONTAINER_DEFINITION_KEYS].sort()).toEqual(memberNames(ContainerDefinition$).sort());
  });

  it('describe-only keys are exactly what DescribeTaskDefinition returns beyond the request', () => {
    const register = memberNames(RegisterTaskDefinitionRequest$);
    const describeOnly = memberNames(TaskDefinition$).filter((key) => !register.includes(key));
    expect([...DESCRIBE_ONLY_KEYS].sort()).toEqual(describeOnly.sort());
  });
});

describe('stripDescribeOnly', () => {
  it('removes every describe-only field and keeps the rest, tags included', () => {
    const described = {
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:8',
      family: 'web',
      revision: 8,
      status: 'ACTIVE',
      requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' }],
      compatibilities: ['EC2', 'FARGATE'],
      registeredAt: new Date(0),
      registeredBy: 'arn:aws:sts::123456789012:assumed-role/deploy/ci',
      deregisteredAt: new Date(0),
      deleteRequestedAt: new Date(0),
      containerDefinitions: [],
      tags: [{ key: 'team', value: 'web' }],
    };
    const { stripped, removed } = stripDescribeOnly(described);
    expect(stripped).toEqual({ family: 'web', containerDefinitions: [], tags: [{ key: 'team', value: 'web' }] });
    expect(removed.sort()).toEqual([...DESCRIBE_ONLY_KEYS].sort());
  });
});

describe('findUnknownKeys', () => {
  it.each([
    [{ family: 'x', containerDefinitions: [{ name: 'web', image: 'nginx' }] }, []],
    [{ family: 'x', Family: 'y', containerDefinitions: [] }, [{ key: 'Family', suggestion: 'family' }]],
    [{ family: 'x', bogus: 1, containerDefinitions: [] }, [{ key: 'bogus' }]],
    [
      { family: 'x', containerDefinitions: [{ name: 'web', entrypoint: ['sh'] }, { memorySize: 1 }] },
      [
        { key: 'entrypoint', container: 'web', suggestion: 'entryPoint' },
        { key: 'memorySize', container: '#2' },
      ],
    ],
  ])('%j', (definition, expected) => {
    expect(findUnknownKeys(definition)).toEqual(expected);
  });

  it('names every unknown key and where it is in one warning', () => {
    const text = describeUnknownKeys([{ key: 'bogus' }, { key: 'entrypoint', container: 'web', suggestion: 'entryPoint' }]);
    expect(text).toBe(
      "RegisterTaskDefinition does not know 'bogus' at the task level, 'entrypoint' in container 'web' (did you mean 'entryPoint'?); " +
        'the AWS SDK drops unknown keys when registering, so fix or remove them',
    );
  });
});
