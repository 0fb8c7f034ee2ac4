import { DescribeServicesCommand, type Deployment, type Service } from '@aws-sdk/client-ecs';
import { NotFoundError } from '../errors.js';
import { awsCall } from '../aws-call.js';
import type { EcsDeps, ServiceRef } from './deps.js';

/**
 * Reading a service and the facts every phase needs from it: which deployment is PRIMARY, which task
 * definition was last known good, which deployment controller runs it.
 * DescribeServices: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeServices.html
 */

export async function describeService(ref: ServiceRef, deps: EcsDeps): Promise<Service> {
  const response = await awsCall(deps, `describe service ${ref.service} in cluster ${ref.cluster}`, 'ecs:DescribeServices', () =>
    deps.ecs.send(new DescribeServicesCommand({ cluster: ref.cluster, services: [ref.service] })),
  );
  const service = response.services?.[0];
  const failure = response.failures?.[0];
  if (!service || service.status === 'INACTIVE') {
    const why = failure?.reason === 'MISSING' || !failure ? 'does not exist' : `cannot be read (${failure.reason ?? 'unknown'})`;
    throw new NotFoundError(
      `Service ${ref.service} ${why} in cluster ${ref.cluster} (region ${ref.region}). Check 'service', 'cluster' and the region`,
    );
  }
  return service;
}

export function primaryDeployment(service: Service): Deployment | undefined {
  return service.deployments?.find((deployment) => deployment.status === 'PRIMARY');
}

/**
 * The task definition the service ran successfully before we touched it: the PRIMARY deployment
 * when its rollout COMPLETED. A deployment still IN_PROGRESS (or FAILED) is not known to be good,
 * so there is then nothing to roll back to by ARN (ECS's own rollback still works).
 */
export function knownGoodTaskDefinition(service: Service): string | undefined {
  const primary = primaryDeployment(service);
  if (primary?.taskDefinition && (primary.rolloutState === 'COMPLETED' || primary.rolloutState === undefined)) {
    // Older services and the EXTERNAL controller have no rolloutState; one lone PRIMARY is steady.
    if (primary.rolloutState === 'COMPLETED' || service.deployments?.length === 1) return primary.taskDefinition;
  }
  return undefined;
}

export type ControllerKind = 'ecs' | 'unsupported';

/**
 * Every ECS strategy (rolling, blue/green, linear, canary) is followed by the service-deployment API;
 * CODE_DEPLOY has its own path (src/lib/codedeploy) and EXTERNAL is not ours to drive.
 * `label` names the strategy in log lines: "rolling", "blue/green", "linear", "canary".
 */
export function deploymentController(service: Service): { kind: ControllerKind; name: string; label: string } {
  const type = service.deploymentController?.type ?? 'ECS';
  if (type !== 'ECS') return { kind: 'unsupported', name: type, label: type };
  const strategy = service.deploymentConfiguration?.strategy ?? 'ROLLING';
  const label = strategy.toLowerCase().replace('_', '/');
  return { kind: 'ecs', name: strategy, label };
}

/** The circuit breaker settings, for messages that explain what ECS will and will not do. */
export function circuitBreaker(service: Service): { enabled: boolean; rollback: boolean } {
  const breaker = service.deploymentConfiguration?.deploymentCircuitBreaker;
  return { enabled: breaker?.enable === true, rollback: breaker?.rollback === true };
}
