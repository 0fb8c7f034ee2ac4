import type { ContainerDefinition, Service, Task } from '@aws-sdk/client-ecs';
import type { HealthCheckOptions } from '../ecs-inputs.js';
import type { EcsDeps, ServiceRef } from './deps.js';
import { verifyServiceHealth } from './health-checks.js';
import { verifyHealthCheckUrl } from './url-health-check.js';

/**
 * The verify phase of a deployment or a rollback: ECS completing the rollout is necessary, not sufficient. Returns the reason the
 * deployment is not healthy, or undefined when every check passed.
 */
export async function verifyDeployment(
  inputs: { pollIntervalMs: number; healthCheck?: HealthCheckOptions },
  target: {
    ref: ServiceRef;
    service: Service;
    taskDefinitionArn: string;
    containerDefinitions: ContainerDefinition[];
    deadline: number;
    /** Given the running tasks the passing check described, so that nobody describes them again (the images report). */
    onHealthyTasks?: (tasks: Task[]) => void;
  },
  deps: EcsDeps,
): Promise<string | undefined> {
  const health = await verifyServiceHealth({ ...target, pollIntervalMs: inputs.pollIntervalMs }, deps);
  if (!health.healthy) return health.reason;
  target.onHealthyTasks?.(health.tasks);
  deps.log.info(`Target groups and container health checks report ${health.taskCount} new task(s) healthy`);
  if (!inputs.healthCheck) return undefined;
  return verifyHealthCheckUrl(inputs.healthCheck, { pollIntervalMs: inputs.pollIntervalMs, deadline: target.deadline }, deps);
}
