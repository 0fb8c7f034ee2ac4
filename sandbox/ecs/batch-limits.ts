import { AwsServiceError } from '../core/contract.js';

type Params = Record<string, unknown>;

/**
 * How many items one ECS describe call takes (the API reference of each operation), and the
 * parameter's name in ECS's refusal: "service names can have at most 10 items." and "taskIds can
 * have at most 100 items." are ECS's own words; the service-deployment calls are worded alike.
 */
const LIMITS: Record<string, { param: string; name: string; max: number }> = {
  DescribeServices: { param: 'services', name: 'service names', max: 10 },
  DescribeTasks: { param: 'tasks', name: 'taskIds', max: 100 },
  DescribeServiceDeployments: { param: 'serviceDeploymentArns', name: 'serviceDeploymentArns', max: 20 },
  DescribeServiceRevisions: { param: 'serviceRevisionArns', name: 'serviceRevisionArns', max: 20 },
};

/** Refuses a describe call that asks for more items than ECS takes at once, as ECS does (InvalidParameterException). */
export function checkBatchLimit(operation: string, params: Params): void {
  const limit = LIMITS[operation];
  const asked = limit ? params[limit.param] : undefined;
  if (limit && Array.isArray(asked) && asked.length > limit.max)
    throw new AwsServiceError('InvalidParameterException', `${limit.name} can have at most ${limit.max} items.`);
}
