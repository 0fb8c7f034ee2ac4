import { endAlarmMonitoring, startAlarmMonitoring } from './alarms.js';
import type { DeploymentRecord, ServiceDeploymentRecord, ServiceRecord, TaskDefinitionRecord } from './records.js';
import type { EcsState } from './state.js';

/**
 * ECS's circuit-breaker threshold (ThresholdConfiguration): BOUNDED_PERCENT (default, 50) is that
 * percent of the latest desired count within 3..200; UNBOUNDED_PERCENT the same without bounds (at
 * least 1); COUNT the value itself.
 */
export function breakerThreshold(service: ServiceRecord): number {
  const { type = 'BOUNDED_PERCENT', value = 50 } = service.deploymentConfiguration.deploymentCircuitBreaker.thresholdConfiguration ?? {};
  if (type === 'COUNT') return value;
  const share = Math.ceil((service.desiredCount * value) / 100);
  return type === 'UNBOUNDED_PERCENT' ? Math.max(1, share) : Math.min(200, Math.max(3, share));
}

/** A service revision: the task definition, network and load balancers a deployment runs, with resolved digests. */
function createRevision(sim: EcsState, service: ServiceRecord, td: TaskDefinitionRecord, now: number): string {
  const arn = sim.arns.serviceRevision(service.clusterName, service.name, sim.random.digits(19));
  sim.revisions.set(arn, {
    arn,
    serviceArn: service.arn,
    clusterArn: sim.arns.cluster(service.clusterName),
    taskDefinitionArn: td.arn,
    containerImages: td.containers.map((c) => ({ containerName: c.name, imageDigest: sim.digestOf(c.image), image: c.image })),
    loadBalancers: service.loadBalancers,
    networkConfiguration: service.networkConfiguration,
    createdAt: now,
  });
  return arn;
}

/** A new PRIMARY deployment (the one before it turns ACTIVE) for an existing service revision or a new one. */
export function addDeployment(
  sim: EcsState,
  service: ServiceRecord,
  td: TaskDefinitionRecord,
  now: number,
  options: { serviceDeploymentArn?: string; revisionArn?: string; reason?: string } = {},
): DeploymentRecord {
  for (const d of service.deployments) if (d.status === 'PRIMARY') d.status = 'ACTIVE';
  const id = `ecs-svc/${sim.random.digits(19)}`;
  const revisionArn = options.revisionArn ?? createRevision(sim, service, td, now);
  const serviceDeploymentArn = options.serviceDeploymentArn ?? createServiceDeployment(sim, service, id, revisionArn, now);
  const deployment: DeploymentRecord = {
    id,
    status: 'PRIMARY',
    taskDefinitionArn: td.arn,
    revisionArn,
    serviceDeploymentArn,
    createdAt: now,
    updatedAt: now,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: options.reason ?? 'ECS deployment in progress.',
    failedTasks: 0,
    breakerFailures: 0,
    launching: true,
  };
  service.deployments.unshift(deployment);
  service.taskDefinitionArn = td.arn;
  service.emittedOnce.clear();
  return deployment;
}

function createServiceDeployment(
  sim: EcsState,
  service: ServiceRecord,
  deploymentId: string,
  targetRevisionArn: string,
  now: number,
): string {
  // A deployment still rolling out when a newer one starts is stopped by it.
  for (const previous of sim.serviceDeployments.values()) {
    if (previous.serviceName !== service.name || previous.clusterName !== service.clusterName) continue;
    if (previous.status === 'PENDING' || previous.status === 'IN_PROGRESS') {
      Object.assign(previous, {
        status: 'STOPPED',
        statusReason: 'Stopped because a newer service deployment started.',
        stoppedAt: now,
        finishedAt: now,
        updatedAt: now,
      });
      if (previous.breakerStatus === 'MONITORING') previous.breakerStatus = 'MONITORING_COMPLETE';
      endAlarmMonitoring(previous);
    }
  }
  const sources = [...new Set(service.deployments.filter((d) => d.status !== 'INACTIVE').map((d) => d.revisionArn))];
  const id = sim.random.alphanumeric(21);
  const arn = sim.arns.serviceDeployment(service.clusterName, service.name, id);
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
  const record: ServiceDeploymentRecord = {
    id,
    arn,
    serviceName: service.name,
    clusterName: service.clusterName,
    createdAt: now,
    updatedAt: now,
    sourceRevisionArns: sources,
    targetRevisionArn,
    deploymentId,
    status: 'PENDING',
    configuration: structuredClone(service.deploymentConfiguration),
    breakerStatus: breaker.enable ? 'MONITORING' : 'DISABLED',
    breakerThreshold: breakerThreshold(service),
    alarmsStatus: 'DISABLED',
  };
  startAlarmMonitoring(record, sim.alarms);
  sim.serviceDeployments.set(arn, record);
  return arn;
}
