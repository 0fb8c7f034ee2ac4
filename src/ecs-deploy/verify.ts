import type { ContainerDefinition, Service } from '@aws-sdk/client-ecs';
import type { EcsDeps, ServiceRef } from '../lib/ecs/deps.js';
import { verifyServiceHealth } from '../lib/ecs/health-checks.js';
import { checkUrl } from '../lib/ecs/url-health-check.js';
import type { EcsDeployInputs } from './inputs.js';

/**
 * The verify phase: ECS completing the rollout is necessary, not sufficient. Returns the reason the
 * deployment is not healthy, or undefined when every check passed.
 */
export async function verifyDeployment(
  inputs: Pick<EcsDeployInputs, 'pollIntervalMs' | 'healthCheck'>,
  target: { ref: ServiceRef; service: Service; taskDefinitionArn: string; containerDefinitions: ContainerDefinition[]; deadline: number },
  deps: EcsDeps,
): Promise<string | undefined> {
  const health = await verifyServiceHealth({ ...target, pollIntervalMs: inputs.pollIntervalMs }, deps);
  if (!health.healthy) return health.reason;
  deps.log.info(`Target groups and container health checks report ${health.taskCount} new task(s) healthy`);
  if (!inputs.healthCheck) return undefined;
  const { url, expectedStatus, successes, timeoutMs } = inputs.healthCheck;
  const result = await checkUrl(
    {
      url,
      expectedStatus,
      successes,
      intervalMs: inputs.pollIntervalMs,
      deadline: Math.min(target.deadline, deps.clock.now() + timeoutMs),
    },
    deps,
  );
  return result.healthy ? undefined : result.reason;
}
