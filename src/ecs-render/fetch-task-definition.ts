import { DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { createAwsClient } from '../lib/aws.js';
import { NotFoundError, withContext } from '../lib/errors.js';
import type { EcsSource } from './inputs.js';
import type { RawTaskDefinition } from './load-source.js';
import { unwrapTaskDefinition } from './load-source.js';

/**
 * Fetches a registered task definition with its tags. Imported lazily (action-deps.ts) so rendering
 * a file never loads the AWS SDK (cold start).
 */
export function createEcsClient(region: string): ECSClient {
  return createAwsClient(ECSClient, { region });
}

export async function fetchTaskDefinition(client: ECSClient, source: EcsSource): Promise<RawTaskDefinition> {
  let response;
  try {
    response = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: source.reference, include: ['TAGS'] }));
  } catch (error: unknown) {
    throw describeFailure(error, source);
  }
  // The SDK deserialises describe-only timestamps to Date objects; they are stripped later.
  return unwrapTaskDefinition(
    { taskDefinition: response.taskDefinition, tags: response.tags ?? [] },
    source.input,
    `task definition '${source.reference}'`,
  );
}

function describeFailure(error: unknown, source: EcsSource): Error {
  const name = error instanceof Error ? error.name : '';
  const target = `task definition '${source.reference}' in ${source.region}`;
  // ECS answers an unknown family or revision with ClientException "Unable to describe task definition."
  if (name === 'ClientException' || name === 'InvalidParameterException') {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    return new NotFoundError(`Input '${source.input}': ${target} was not found${detail}. Check the family, revision and region`);
  }
  const hint = name === 'AccessDeniedException' ? '; the role needs ecs:DescribeTaskDefinition' : '';
  return withContext(`Input '${source.input}': failed to describe ${target}${hint}`, error);
}
