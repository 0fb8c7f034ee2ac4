import { RegisterTaskDefinitionCommand, type ContainerDefinition, type RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { NotFoundError } from '../lib/errors.js';
import { awsCall } from '../lib/aws-call.js';
import type { EcsDeps } from '../lib/ecs/deps.js';
import { describeTaskDefinition } from '../lib/ecs/task-definitions.js';
import type { TaskDefinitionSource } from './task-definition-source.js';

/** The revision this run deploys, with its containers (for log tails, health checks and the summary). */
export interface ResolvedTaskDefinition {
  arn: string;
  containerDefinitions: ContainerDefinition[];
  /** False when an existing ARN was promoted as it is. */
  registered: boolean;
}

/** Registers the rendered file, or looks up the existing revision the ARN names (never re-registering it). */
export async function resolveTaskDefinition(source: TaskDefinitionSource, deps: EcsDeps): Promise<ResolvedTaskDefinition> {
  if (source.kind === 'arn') {
    const described = await describeTaskDefinition(source.arn, deps);
    if (described.status === 'INACTIVE') {
      throw new NotFoundError(`Task definition ${source.arn} is INACTIVE (deregistered); ECS cannot deploy it. Deploy an ACTIVE revision`);
    }
    deps.log.info(`Deploying the existing task definition ${source.arn}`);
    return { arn: source.arn, containerDefinitions: described.containerDefinitions, registered: false };
  }
  if (source.removedKeys.length > 0)
    deps.log.info(`Removed fields that only DescribeTaskDefinition returns: ${source.removedKeys.join(', ')}`);
  if (source.unknownKeysWarning) deps.log.warning(source.unknownKeysWarning);
  const family = source.definition.family ?? '';
  // checkTaskDefinition validated the fields we rely on; the rest is passed through for ECS to judge.
  const request = source.definition as unknown as RegisterTaskDefinitionCommandInput;
  const response = await awsCall(deps, `register task definition family ${family}`, 'ecs:RegisterTaskDefinition', () =>
    deps.ecs.send(new RegisterTaskDefinitionCommand(request)),
  );
  const arn = response.taskDefinition?.taskDefinitionArn;
  if (!arn) throw new Error(`RegisterTaskDefinition for family ${family} answered without a taskDefinitionArn`);
  deps.log.info(`Registered task definition ${arn}`);
  return { arn, containerDefinitions: response.taskDefinition?.containerDefinitions ?? [], registered: true };
}

/** Container name → image, as the task definition asks for it (tags, not digests). */
export function requestedImages(containers: ContainerDefinition[]): Record<string, string> {
  return Object.fromEntries(containers.filter((c) => c.name && c.image).map((c) => [c.name ?? '', c.image ?? '']));
}
