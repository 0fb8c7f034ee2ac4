import { DescribeTaskDefinitionCommand, type ContainerDefinition } from '@aws-sdk/client-ecs';
import { NotFoundError } from '../errors.js';
import { awsCall } from './aws-call.js';
import type { EcsDeps } from './deps.js';

export async function describeTaskDefinition(
  arn: string,
  deps: EcsDeps,
): Promise<{ status?: string; containerDefinitions: ContainerDefinition[] }> {
  try {
    const response = await awsCall(deps, `describe task definition ${arn}`, 'ecs:DescribeTaskDefinition', () =>
      deps.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn })),
    );
    return {
      ...(response.taskDefinition?.status ? { status: response.taskDefinition.status } : {}),
      containerDefinitions: response.taskDefinition?.containerDefinitions ?? [],
    };
  } catch (error: unknown) {
    // ECS answers ClientException "Unable to describe task definition" for a revision that does not exist.
    const cause = error instanceof Error ? error.cause : undefined;
    if (cause instanceof Error && cause.name === 'ClientException') {
      throw new NotFoundError(`Task definition ${arn} does not exist in this account and region (${cause.message})`, { cause: error });
    }
    throw error;
  }
}
