import { UpdateServiceCommand, type Service } from '@aws-sdk/client-ecs';
import { awsCall } from '../lib/aws-call.js';
import type { EcsDeps, ServiceRef } from '../lib/ecs/deps.js';
import type { EcsDeployInputs } from './inputs.js';

/** The service settings a deploy may change along with the task definition (one service or several alike). */
export type ServiceUpdateInputs = Pick<EcsDeployInputs, 'forceNewDeployment' | 'desiredCount' | 'enableEcsManagedTags' | 'propagateTags'>;

/** Points the service at the new revision; settings the user left out are not sent, so the service keeps its own. */
export async function updateService(
  ref: ServiceRef,
  taskDefinitionArn: string,
  inputs: ServiceUpdateInputs,
  deps: EcsDeps,
): Promise<Service | undefined> {
  const response = await awsCall(deps, `update service ${ref.service} in cluster ${ref.cluster}`, 'ecs:UpdateService', () =>
    deps.ecs.send(
      new UpdateServiceCommand({
        cluster: ref.cluster,
        service: ref.service,
        taskDefinition: taskDefinitionArn,
        forceNewDeployment: inputs.forceNewDeployment,
        ...(inputs.desiredCount !== undefined ? { desiredCount: inputs.desiredCount } : {}),
        ...(inputs.enableEcsManagedTags !== undefined ? { enableECSManagedTags: inputs.enableEcsManagedTags } : {}),
        ...(inputs.propagateTags ? { propagateTags: inputs.propagateTags } : {}),
      }),
    ),
  );
  return response.service;
}
