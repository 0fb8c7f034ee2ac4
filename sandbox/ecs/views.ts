import { deploymentConfigurationView } from './deployment-config.js';
import type { ClusterRecord, DeploymentRecord, ServiceRecord, TaskDefinitionRecord, TaskRecord } from './records.js';
import type { EcsSimulation } from './simulation.js';
import { controllerFields } from './task-sets.js';

/** Records → the shapes ECS returns. Dates stay Date objects; the protocol layer writes them as epoch seconds. */
const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

const CONTAINER_DEFAULTS = {
  cpu: 0,
  portMappings: [],
  essential: true,
  environment: [],
  mountPoints: [],
  volumesFrom: [],
  systemControls: [],
};

export function taskDefinitionView(td: TaskDefinitionRecord): Record<string, unknown> {
  const body = td.body;
  const fargate = Array.isArray(body.requiresCompatibilities) && body.requiresCompatibilities.includes('FARGATE');
  const requiresAttributes = [
    { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' },
    ...(body.networkMode === 'awsvpc' ? [{ name: 'ecs.capability.task-eni' }] : []),
    ...(td.containers.some((c) => c.logGroup)
      ? [{ name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' }, { name: 'ecs.capability.execution-role-awslogs' }]
      : []),
  ];
  return {
    taskDefinitionArn: td.arn,
    ...body,
    containerDefinitions: (body.containerDefinitions as Record<string, unknown>[]).map((c) => ({ ...CONTAINER_DEFAULTS, ...c })),
    family: td.family,
    revision: td.revision,
    volumes: body.volumes ?? [],
    status: td.status,
    requiresAttributes,
    placementConstraints: body.placementConstraints ?? [],
    compatibilities: fargate ? ['EC2', 'FARGATE'] : ['EXTERNAL', 'EC2'],
    registeredAt: date(td.registeredAt),
    registeredBy: td.registeredBy,
    deregisteredAt: date(td.deregisteredAt),
  };
}

function deploymentCounts(sim: EcsSimulation, service: ServiceRecord, deployment: DeploymentRecord) {
  const tasks = sim.serviceTasks(service).filter((t) => t.deploymentId === deployment.id && t.desiredStatus === 'RUNNING');
  return {
    desiredCount: deployment.status === 'PRIMARY' ? service.desiredCount : tasks.length,
    pendingCount: tasks.filter((t) => t.lastStatus !== 'RUNNING').length,
    runningCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
  };
}

export function deploymentView(sim: EcsSimulation, service: ServiceRecord, d: DeploymentRecord): Record<string, unknown> {
  return {
    id: d.id,
    status: d.status,
    taskDefinition: d.taskDefinitionArn,
    ...deploymentCounts(sim, service, d),
    failedTasks: d.failedTasks,
    createdAt: date(d.createdAt),
    updatedAt: date(d.updatedAt),
    launchType: service.launchType,
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    networkConfiguration: service.networkConfiguration,
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
  };
}

export function serviceView(sim: EcsSimulation, s: ServiceRecord, includeTags: boolean): Record<string, unknown> {
  const live = sim.serviceTasks(s);
  return {
    serviceArn: s.arn,
    serviceName: s.name,
    clusterArn: sim.arns.cluster(s.clusterName),
    loadBalancers: s.loadBalancers,
    serviceRegistries: [],
    status: s.status,
    desiredCount: s.desiredCount,
    runningCount: live.filter((t) => t.lastStatus === 'RUNNING').length,
    pendingCount: live.filter((t) => t.desiredStatus === 'RUNNING' && t.lastStatus !== 'RUNNING').length,
    launchType: s.launchType,
    platformVersion: 'LATEST',
    platformFamily: 'Linux',
    taskDefinition: s.taskDefinitionArn,
    deploymentConfiguration: deploymentConfigurationView(s.deploymentConfiguration),
    deployments: s.deployments.filter((d) => d.status !== 'INACTIVE').map((d) => deploymentView(sim, s, d)),
    roleArn: `arn:aws:iam::${sim.deps.account}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
    events: s.events.map((e) => ({ id: e.id, createdAt: date(e.createdAt), message: e.message })),
    // The newest deployment's service deployment: a circuit-breaker or StopServiceDeployment rollback
    // stays inside the service deployment it undoes, as in ECS, so the ARN changes only with an update.
    currentServiceDeployment: s.deployments[0]?.serviceDeploymentArn,
    createdAt: date(s.createdAt),
    placementConstraints: [],
    placementStrategy: [],
    networkConfiguration: s.networkConfiguration,
    healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds,
    schedulingStrategy: 'REPLICA',
    ...controllerFields(sim, s),
    createdBy: s.createdBy,
    enableECSManagedTags: s.enableECSManagedTags,
    propagateTags: s.propagateTags,
    enableExecuteCommand: false,
    ...(includeTags ? { tags: s.tags } : {}),
  };
}

export function taskView(sim: EcsSimulation, t: TaskRecord, includeTags: boolean): Record<string, unknown> {
  const networkInterfaces = [{ attachmentId: t.attachmentId, privateIpv4Address: t.privateIp }];
  return {
    attachments: [
      {
        id: t.attachmentId,
        type: 'ElasticNetworkInterface',
        status: t.lastStatus === 'STOPPED' ? 'DELETED' : 'ATTACHED',
        details: [
          { name: 'subnetId', value: t.subnetId },
          { name: 'networkInterfaceId', value: t.eniId },
          { name: 'macAddress', value: t.macAddress },
          { name: 'privateDnsName', value: `ip-${t.privateIp.replace(/\./g, '-')}.ec2.internal` },
          { name: 'privateIPv4Address', value: t.privateIp },
        ],
      },
    ],
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: `${sim.deps.region}a`,
    clusterArn: sim.arns.cluster(t.clusterName),
    connectivity: t.connectivityAt === undefined ? undefined : 'CONNECTED',
    connectivityAt: date(t.connectivityAt),
    containers: t.containers.map((c) => ({
      containerArn: c.arn,
      taskArn: t.arn,
      name: c.spec.name,
      image: c.spec.image,
      ...(t.pullStoppedAt !== undefined && !c.reason ? { imageDigest: c.imageDigest } : {}),
      runtimeId: c.lastStatus === 'PENDING' && !t.startedAt ? undefined : c.runtimeId,
      lastStatus: c.lastStatus,
      exitCode: c.exitCode,
      reason: c.reason,
      networkBindings: [],
      networkInterfaces,
      healthStatus: c.healthStatus,
      cpu: '0',
    })),
    cpu: t.cpu,
    createdAt: date(t.createdAt),
    desiredStatus: t.desiredStatus,
    enableExecuteCommand: false,
    executionStoppedAt: date(t.executionStoppedAt),
    group: t.group,
    healthStatus: taskHealth(t),
    lastStatus: t.lastStatus,
    launchType: 'FARGATE',
    memory: t.memory,
    overrides: t.overrides,
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    pullStartedAt: date(t.pullStartedAt),
    pullStoppedAt: date(t.pullStoppedAt),
    startedAt: date(t.startedAt),
    startedBy: t.startedBy,
    stopCode: t.stopCode,
    stoppedAt: date(t.stoppedAt),
    stoppedReason: t.stoppedReason,
    stoppingAt: date(t.stoppingAt),
    ...(includeTags ? { tags: t.tags } : { tags: [] }),
    taskArn: t.arn,
    taskDefinitionArn: t.taskDefinitionArn,
    version: t.version,
    ephemeralStorage: { sizeInGiB: 20 },
  };
}

function taskHealth(t: TaskRecord): string {
  const checked = t.containers.filter((c) => c.spec.hasHealthCheck && c.spec.essential);
  if (t.containers.some((c) => c.spec.essential && c.healthStatus === 'UNHEALTHY')) return 'UNHEALTHY';
  return checked.length > 0 && checked.every((c) => c.healthStatus === 'HEALTHY') ? 'HEALTHY' : 'UNKNOWN';
}

/** A Cluster shape (ecs.service-2.json `Cluster`) with live task and service counts. */
export function clusterView(sim: EcsSimulation, cluster: ClusterRecord, include: string[] = []): Record<string, unknown> {
  const tasks = [...sim.liveTasks].filter((t) => t.clusterName === cluster.name && t.desiredStatus === 'RUNNING');
  const services = [...sim.services.values()].filter((s) => s.clusterName === cluster.name && s.status !== 'INACTIVE');
  const running = tasks.filter((t) => t.lastStatus === 'RUNNING').length;
  const pending = tasks.length - running;
  const active = services.filter((s) => s.status === 'ACTIVE');
  const byLaunchType = (type: string) => active.filter((s) => s.launchType === type).length;
  // Every sandbox task runs on Fargate, so the EC2 task counters stay at zero.
  const statistics = [
    { name: 'runningEC2TasksCount', value: '0' },
    { name: 'runningFargateTasksCount', value: String(running) },
    { name: 'pendingEC2TasksCount', value: '0' },
    { name: 'pendingFargateTasksCount', value: String(pending) },
    { name: 'activeEC2ServiceCount', value: String(byLaunchType('EC2')) },
    { name: 'activeFargateServiceCount', value: String(byLaunchType('FARGATE')) },
    { name: 'drainingEC2ServiceCount', value: '0' },
    { name: 'drainingFargateServiceCount', value: '0' },
  ];
  return {
    clusterArn: cluster.arn,
    clusterName: cluster.name,
    status: 'ACTIVE',
    registeredContainerInstancesCount: 0,
    runningTasksCount: running,
    pendingTasksCount: pending,
    activeServicesCount: active.length,
    statistics: include.includes('STATISTICS') ? statistics : [],
    tags: include.includes('TAGS') ? (cluster.tags ?? []) : [],
    ...(include.includes('SETTINGS') ? { settings: [{ name: 'containerInsights', value: 'disabled' }] } : {}),
    capacityProviders: [],
    defaultCapacityProviderStrategy: [],
  };
}
