import { DescribeTaskDefinitionCommand, type ContainerDefinition } from '@aws-sdk/client-ecs';
import { errorMessage, NotFoundError } from '../errors.js';
import { awsCall } from '../aws-call.js';
import type { EcsDeps } from './deps.js';

export async function describeTaskDefinition(
  arn: string,
  deps: EcsDeps,
): Promise<{ status?: string; containerDefinitions: ContainerDefinition[] }> {
  try {
    // ECS answers ClientException "Unable to describe task definition" for a revision that does not exist.
    const response = await awsCall(
      deps,
      `describe task definition ${arn}`,
      'ecs:DescribeTaskDefinition',
      () => deps.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn })),
      { notFound: ['ClientException'] },
    );
    return {
      ...(response.taskDefinition?.status ? { status: response.taskDefinition.status } : {}),
      containerDefinitions: response.taskDefinition?.containerDefinitions ?? [],
    };
  } catch (error: unknown) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new NotFoundError(`Task definition ${arn} does not exist in this account and region (${errorMessage(error.cause)})`, {
      cause: error,
    });
  }
}
