import { AwsServiceError, type AwsOperationContext } from '../core/contract.js';
import { clusterName, lastSegment, optionalStrings, readTags, requireString } from './arns.js';
import { addDeployment } from './deployments.js';
import { stopTask } from './task-lifecycle.js';
import { createTaskSet, rejectCodeDeployUpdate, usesTaskSets } from './task-sets.js';
import { checkStagedLoadBalancers, readAdvancedConfiguration, readDeploymentConfiguration } from './deployment-config.js';
import type { LoadBalancerSpec, ServiceRecord } from './records.js';
import type { EcsSimulation } from './simulation.js';
import { clusterView, serviceView } from './views.js';

type Params = Record<string, unknown>;

export const clusterNotFound = () => new AwsServiceError('ClusterNotFoundException', 'Cluster not found.');
export const serviceNotFound = () => new AwsServiceError('ServiceNotFoundException', 'Service not found.');

export function requireCluster(sim: EcsSimulation, params: Params): string {
  const name = clusterName(params);
  if (!sim.clusters.has(name)) throw clusterNotFound();
  return name;
}

export function requireService(sim: EcsSimulation, cluster: string, reference: string): ServiceRecord {
  const service = sim.services.get(`${cluster}/${lastSegment(reference)}`);
  if (!service || service.status === 'INACTIVE') throw serviceNotFound();
  return service;
}

function loadBalancers(sim: EcsSimulation, input: unknown): LoadBalancerSpec[] {
  if (!Array.isArray(input)) return [];
  return input.map((raw) => {
    const lb = raw as Record<string, unknown>;
    const targetGroupArn = String(lb.targetGroupArn ?? '');
    if (!sim.deps.targetGroups.get(targetGroupArn)) {
      throw new AwsServiceError(
        'InvalidParameterException',
        `Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service role being passed has the proper permissions. (target group ${targetGroupArn} not found)`,
      );
    }
    const advancedConfiguration = readAdvancedConfiguration(lb.advancedConfiguration);
    return {
      targetGroupArn,
      containerName: String(lb.containerName ?? ''),
      containerPort: Number(lb.containerPort ?? 80),
      ...(advancedConfiguration ? { advancedConfiguration } : {}),
    };
  });
}

export function serviceHandlers(sim: EcsSimulation) {
  return {
    CreateCluster(params: Params) {
      const name = typeof params.clusterName === 'string' && params.clusterName !== '' ? params.clusterName : 'default';
      const cluster = sim.ensureCluster(name);
      if (cluster.tags === undefined) cluster.tags = readTags(params.tags);
      return { cluster: clusterView(sim, cluster, ['SETTINGS', 'TAGS']) };
    },

    CreateService(params: Params, context: AwsOperationContext) {
      const cluster = requireCluster(sim, params);
      const name = requireString(params, 'serviceName');
      const existing = sim.services.get(`${cluster}/${name}`);
      if (existing && existing.status !== 'INACTIVE')
        throw new AwsServiceError('InvalidParameterException', 'Creation of service was not idempotent.');
      const td = sim.taskDefinitions.resolve(requireString(params, 'taskDefinition'));
      if (!td || td.status !== 'ACTIVE') throw new AwsServiceError('ClientException', 'TaskDefinition not found.');
      const taskSets = usesTaskSets(params);
      const now = sim.now;
      const service: ServiceRecord = {
        name,
        arn: sim.arns.service(cluster, name),
        clusterName: cluster,
        status: 'ACTIVE',
        desiredCount: Number(params.desiredCount ?? 0),
        taskDefinitionArn: td.arn,
        launchType: typeof params.launchType === 'string' ? params.launchType : 'FARGATE',
        networkConfiguration: params.networkConfiguration,
        loadBalancers: loadBalancers(sim, params.loadBalancers),
        deploymentConfiguration: readDeploymentConfiguration(params.deploymentConfiguration),
        healthCheckGracePeriodSeconds: Number(params.healthCheckGracePeriodSeconds ?? 0),
        createdAt: now,
        createdBy: context.identity?.arn ?? `arn:aws:iam::${sim.deps.account}:user/sandbox-admin`,
        tags: readTags(params.tags),
        propagateTags: typeof params.propagateTags === 'string' ? params.propagateTags : 'NONE',
        enableECSManagedTags: params.enableECSManagedTags === true,
        events: [],
        deployments: [],
        emittedOnce: new Set(),
      };
      checkStagedLoadBalancers(service.deploymentConfiguration.strategy, service.loadBalancers, (arn) => !!sim.deps.targetGroups.get(arn));
      sim.services.set(`${cluster}/${name}`, service);
      // A CODE_DEPLOY service starts with one PRIMARY task set; CodeDeploy deployments add the next.
      if (taskSets)
        createTaskSet(
          sim,
          service,
          { taskDefinitionArn: td.arn, loadBalancers: service.loadBalancers, status: 'PRIMARY', scalePercent: 100 },
          now,
        );
      else addDeployment(sim, service, td, now);
      return { service: serviceView(sim, service, false) };
    },

    DescribeServices(params: Params) {
      const cluster = requireCluster(sim, params);
      const includeTags = optionalStrings(params.include).includes('TAGS');
      const services: unknown[] = [];
      const failures: unknown[] = [];
      for (const reference of optionalStrings(params.services)) {
        const service = sim.services.get(`${cluster}/${lastSegment(reference)}`);
        if (service) services.push(serviceView(sim, service, includeTags));
        else failures.push({ arn: reference.startsWith('arn:') ? reference : sim.arns.service(cluster, reference), reason: 'MISSING' });
      }
      return { services, failures };
    },

    /** DRAINING at once (tasks stopped by the scheduler), INACTIVE once the last task has stopped. */
    DeleteService(params: Params) {
      const cluster = requireCluster(sim, params);
      const service = requireService(sim, cluster, requireString(params, 'service'));
      if (service.desiredCount > 0 && params.force !== true)
        throw new AwsServiceError('InvalidParameterException', 'The service cannot be stopped while it is scaled above 0.');
      const now = sim.now;
      Object.assign(service, { status: 'DRAINING', desiredCount: 0 });
      for (const task of sim.serviceTasks(service))
        stopTask(sim, task, { reason: 'Service deleted', stopCode: 'ServiceSchedulerInitiated', cause: 'scheduler', drain: true }, now);
      return { service: serviceView(sim, service, false) };
    },

    UpdateService(params: Params) {
      const cluster = requireCluster(sim, params);
      const service = requireService(sim, cluster, requireString(params, 'service'));
      if (service.status !== 'ACTIVE') throw new AwsServiceError('ServiceNotActiveException', 'Service was not ACTIVE.');
      rejectCodeDeployUpdate(
        service,
        params,
        typeof params.taskDefinition === 'string' ? sim.taskDefinitions.resolve(params.taskDefinition)?.arn : undefined,
      );
      const now = sim.now;
      // Checked in full before anything changes, so a refused update leaves the service as it was.
      const configuration =
        params.deploymentConfiguration !== undefined
          ? readDeploymentConfiguration(params.deploymentConfiguration, service.deploymentConfiguration)
          : service.deploymentConfiguration;
      const balancers = params.loadBalancers !== undefined ? loadBalancers(sim, params.loadBalancers) : service.loadBalancers;
      checkStagedLoadBalancers(configuration.strategy, balancers, (arn) => !!sim.deps.targetGroups.get(arn));
      service.deploymentConfiguration = configuration;
      if (params.desiredCount !== undefined) service.desiredCount = Number(params.desiredCount);
      if (params.healthCheckGracePeriodSeconds !== undefined)
        service.healthCheckGracePeriodSeconds = Number(params.healthCheckGracePeriodSeconds);
      let changed = params.forceNewDeployment === true;
      if (params.networkConfiguration !== undefined) [service.networkConfiguration, changed] = [params.networkConfiguration, true];
      if (params.loadBalancers !== undefined) [service.loadBalancers, changed] = [balancers, true];
      let td = sim.taskDefinitions.resolve(service.taskDefinitionArn);
      if (typeof params.taskDefinition === 'string') {
        const requested = sim.taskDefinitions.resolve(params.taskDefinition);
        if (!requested) throw new AwsServiceError('ClientException', 'TaskDefinition not found.');
        if (requested.status !== 'ACTIVE') throw new AwsServiceError('ClientException', 'TaskDefinition is inactive');
        changed ||= requested.arn !== service.taskDefinitionArn;
        td = requested;
      }
      if (changed && td) addDeployment(sim, service, td, now);
      return { service: serviceView(sim, service, false) };
    },
  };
}
