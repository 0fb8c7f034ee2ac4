import { DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { createAwsClient } from '../lib/aws.js';
import { awsCall } from '../lib/aws-call.js';
import { errorMessage, NotFoundError, withContext } from '../lib/errors.js';
import type { EcsSource } from './inputs.js';
import type { RawTaskDefinition } from './load-source.js';
import { unwrapTaskDefinition } from './load-source.js';

/**
 * Fetches a registered task definition with its tags. Imported lazily (deps.ts) so rendering
 * a file never loads the AWS SDK (cold start).
 */
export function createEcsClient(region: string): ECSClient {
  return createAwsClient(ECSClient, { region });
}

export async function fetchTaskDefinition(client: ECSClient, source: EcsSource): Promise<RawTaskDefinition> {
  const target = `task definition '${source.reference}' in ${source.region}`;
  let response;
  try {
    // ECS answers an unknown family or revision with ClientException "Unable to describe task definition."
    response = await awsCall(
      {},
      `describe ${target}`,
      'ecs:DescribeTaskDefinition',
      () => client.send(new DescribeTaskDefinitionCommand({ taskDefinition: source.reference, include: ['TAGS'] })),
      { notFound: ['ClientException', 'InvalidParameterException'] },
    );
  } catch (error: unknown) {
    if (error instanceof NotFoundError) {
      throw new NotFoundError(
        `Input '${source.input}': ${target} was not found (${errorMessage(error.cause)}). Check the family, revision and region`,
        { cause: error },
      );
    }
    throw withContext(`Input '${source.input}'`, error);
  }
  // The SDK deserialises describe-only timestamps to Date objects; they are stripped later.
  return unwrapTaskDefinition(
    { taskDefinition: response.taskDefinition, tags: response.tags ?? [] },
    source.input,
    `task definition '${source.reference}'`,
  );
}
