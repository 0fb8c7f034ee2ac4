import type { ServiceDeploymentRecord, ServiceRecord, ServiceRevisionRecord } from './records.js';
import { deploymentConfigurationView } from './deployment-config.js';
import { hookDetailsView } from './lifecycle-hooks.js';
import type { EcsSimulation } from './simulation.js';

/** Service deployments and revisions → the service-deployment API's shapes. */
const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

function revisionSummary(
  sim: EcsSimulation,
  service: ServiceRecord | undefined,
  revisionArn: string,
  requested?: number,
  weights?: { production: number; test: number },
) {
  const tasks = service
    ? sim
        .serviceTasks(service)
        .filter(
          (t) => t.desiredStatus === 'RUNNING' && service.deployments.find((d) => d.id === t.deploymentId)?.revisionArn === revisionArn,
        )
    : [];
  return {
    arn: revisionArn,
    requestedTaskCount: requested ?? tasks.length,
    runningTaskCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
    pendingTaskCount: tasks.filter((t) => t.lastStatus !== 'RUNNING').length,
    ...(weights ? { requestedProductionTrafficWeight: weights.production, requestedTestTrafficWeight: weights.test } : {}),
  };
}

export function serviceDeploymentView(sim: EcsSimulation, r: ServiceDeploymentRecord): Record<string, unknown> {
  const service = sim.services.get(`${r.clusterName}/${r.serviceName}`);
  const finished = r.finishedAt !== undefined;
  return {
    serviceDeploymentArn: r.arn,
    serviceArn: sim.arns.service(r.clusterName, r.serviceName),
    clusterArn: sim.arns.cluster(r.clusterName),
    createdAt: date(r.createdAt),
    startedAt: date(r.startedAt),
    finishedAt: date(r.finishedAt),
    stoppedAt: date(r.stoppedAt),
    updatedAt: date(r.updatedAt),
    sourceServiceRevisions: r.sourceRevisionArns.map((arn) => revisionSummary(sim, service, arn, undefined, sourceWeights(r))),
    targetServiceRevision: revisionSummary(
      sim,
      service,
      r.targetRevisionArn,
      finished && r.status !== 'SUCCESSFUL' ? 0 : service?.desiredCount,
      targetWeights(r),
    ),
    status: r.status,
    statusReason: r.statusReason,
    lifecycleStage: r.lifecycleStage,
    lifecycleHookDetails: hookDetailsView(r),
    deploymentConfiguration: deploymentConfigurationView(r.configuration),
    rollback: r.rollback
      ? { reason: r.rollback.reason, startedAt: date(r.rollback.startedAt), serviceRevisionArn: r.rollback.serviceRevisionArn }
      : undefined,
    deploymentCircuitBreaker: { status: r.breakerStatus, failureCount: failureCount(service, r), threshold: r.breakerThreshold },
    alarms: alarmsView(r),
  };
}

function alarmsView(r: ServiceDeploymentRecord): Record<string, unknown> {
  if (r.alarmsStatus === 'DISABLED') return { status: 'DISABLED' };
  return {
    status: r.alarmsStatus,
    alarmNames: r.configuration.alarms.alarmNames,
    ...(r.triggeredAlarmNames ? { triggeredAlarmNames: r.triggeredAlarmNames } : {}),
  };
}

function failureCount(service: ServiceRecord | undefined, r: ServiceDeploymentRecord): number {
  return service?.deployments.find((d) => d.id === r.deploymentId)?.breakerFailures ?? 0;
}

/** Traffic on the target revision of a staged deployment (none for ROLLING, which moves no traffic itself). */
function targetWeights(r: ServiceDeploymentRecord): { production: number; test: number } | undefined {
  if (r.configuration.strategy === 'ROLLING') return undefined;
  if (r.status === 'SUCCESSFUL') return { production: 100, test: 100 };
  // Rolled back (or rolling back): traffic is back on blue.
  if (r.rollbackDeploymentId !== undefined) return { production: 0, test: 0 };
  return { production: r.staged?.productionWeight ?? 0, test: r.staged?.testWeight ?? 0 };
}

/** The rest of the traffic, shared by the source revisions. */
function sourceWeights(r: ServiceDeploymentRecord): { production: number; test: number } | undefined {
  const target = targetWeights(r);
  const share = (w: number) => Math.round(((100 - w) / Math.max(1, r.sourceRevisionArns.length)) * 10) / 10;
  return target && { production: share(target.production), test: share(target.test) };
}

export function serviceDeploymentBrief(sim: EcsSimulation, r: ServiceDeploymentRecord): Record<string, unknown> {
  return {
    serviceDeploymentArn: r.arn,
    serviceArn: sim.arns.service(r.clusterName, r.serviceName),
    clusterArn: sim.arns.cluster(r.clusterName),
    startedAt: date(r.startedAt),
    createdAt: date(r.createdAt),
    finishedAt: date(r.finishedAt),
    targetServiceRevisionArn: r.targetRevisionArn,
    status: r.status,
    statusReason: r.statusReason,
  };
}

export function serviceRevisionView(r: ServiceRevisionRecord): Record<string, unknown> {
  return {
    serviceRevisionArn: r.arn,
    serviceArn: r.serviceArn,
    clusterArn: r.clusterArn,
    taskDefinition: r.taskDefinitionArn,
    capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }],
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    loadBalancers: r.loadBalancers,
    networkConfiguration: r.networkConfiguration,
    containerImages: r.containerImages,
    guardDutyEnabled: false,
    serviceConnectConfiguration: { enabled: false },
    createdAt: date(r.createdAt),
  };
}
