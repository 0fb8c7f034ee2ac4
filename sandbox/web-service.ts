import type { SandboxAdmin } from './admin.js';
import type { DeploymentConfigurationInput } from './ecs/strategy-admin.js';

/**
 * A service that runs fargateTaskDefinition's `web` container (port 8080) behind its own target
 * group and has completed its first deployment, so that a deployment onto it has something to roll
 * back to: what the end-to-end tests and the deploy benchmark deploy onto.
 */
export interface WebServiceSpec {
  cluster: string;
  name: string;
  /** Already registered, with a `web` container listening on 8080. */
  taskDefinitionArn: string;
  /** The target group: named after the service unless `name` is given. */
  targetGroup: { name?: string; deregistrationDelaySeconds: number };
  desiredCount: number;
  /** Laid over maximumPercent 200 and minimumHealthyPercent 100 (no task stops before its replacement is healthy). */
  deploymentConfiguration: DeploymentConfigurationInput;
  healthCheckGracePeriodSeconds: number;
  /** How much sandbox time the first deployment may take (admin.settle's default otherwise). */
  settleMs?: number;
}

/** Creates the target group and the service and settles its first deployment; returns the target group's ARN. */
export function settledWebService(admin: SandboxAdmin, spec: WebServiceSpec): string {
  const { cluster, name } = spec;
  const targetGroupArn = admin.createTargetGroup({
    name: spec.targetGroup.name ?? name,
    port: 8080,
    deregistrationDelaySeconds: spec.targetGroup.deregistrationDelaySeconds,
  });
  admin.createService({
    cluster,
    serviceName: name,
    taskDefinition: spec.taskDefinitionArn,
    desiredCount: spec.desiredCount,
    loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 8080 }],
    deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100, ...spec.deploymentConfiguration },
    healthCheckGracePeriodSeconds: spec.healthCheckGracePeriodSeconds,
  });
  const state = admin.settle(cluster, name, spec.settleMs);
  if (state !== 'COMPLETED') throw new Error(`service ${name} in cluster ${cluster} did not complete its first deployment: ${state}`);
  return targetGroupArn;
}
