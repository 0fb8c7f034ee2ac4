import { AwsServiceError, type AwsOperationContext } from '../core/contract.js';
import { pageOf } from '../core/pagination.js';
import { lastSegment, optionalStrings, readTags, requireString } from './arns.js';
import { subnetsOf } from './scheduler.js';
import { requireCluster, requireService } from './service-handlers.js';
import type { EcsSimulation } from './simulation.js';
import { createTask, stopTask } from './task-lifecycle.js';
import { readTaskOverrides } from './task-overrides.js';
import { taskDefinitionView, taskView } from './views.js';

type Params = Record<string, unknown>;

/** Task definitions (RegisterTaskDefinition…ListTaskDefinitions) and standalone tasks (RunTask…StopTask). */
export function taskHandlers(sim: EcsSimulation) {
  return {
    RegisterTaskDefinition(params: Params, context: AwsOperationContext) {
      const record = sim.taskDefinitions.register(params, context.identity?.arn ?? 'unknown', sim.now);
      return { taskDefinition: taskDefinitionView(record), tags: record.tags };
    },

    DescribeTaskDefinition(params: Params) {
      const record = sim.taskDefinitions.require(requireString(params, 'taskDefinition'));
      const includeTags = optionalStrings(params.include).includes('TAGS');
      return { taskDefinition: taskDefinitionView(record), ...(includeTags ? { tags: record.tags } : {}) };
    },

    DeregisterTaskDefinition(params: Params) {
      return { taskDefinition: taskDefinitionView(sim.taskDefinitions.deregister(requireString(params, 'taskDefinition'), sim.now)) };
    },

    ListTaskDefinitions(params: Params) {
      const records = sim.taskDefinitions.list({
        ...(typeof params.familyPrefix === 'string' ? { familyPrefix: params.familyPrefix } : {}),
        ...(typeof params.status === 'string' ? { status: params.status } : {}),
        ...(typeof params.sort === 'string' ? { sort: params.sort } : {}),
      });
      return paginate(
        records.map((r) => r.arn),
        params,
        'taskDefinitionArns',
      );
    },

    RunTask(params: Params) {
      const cluster = requireCluster(sim, params);
      const td = sim.taskDefinitions.require(requireString(params, 'taskDefinition'));
      const count = Number(params.count ?? 1);
      if (count < 1 || count > 10) throw new AwsServiceError('InvalidParameterException', 'count must be between 1 and 10.');
      const subnets = subnetsOf(params.networkConfiguration);
      if (td.body.networkMode === 'awsvpc' && subnets.length === 0) {
        throw new AwsServiceError(
          'InvalidParameterException',
          "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
        );
      }
      const overrides = readTaskOverrides(params.overrides, td);
      const placementFailure = sim.placementFailure(cluster, td.arn);
      if (placementFailure) return { tasks: [], failures: [{ reason: placementFailure }] };
      const startedBy = typeof params.startedBy === 'string' ? params.startedBy : undefined;
      const tasks = Array.from({ length: count }, () =>
        createTask(
          sim,
          {
            clusterName: cluster,
            taskDefinition: td,
            group: typeof params.group === 'string' ? params.group : `family:${td.family}`,
            ...(startedBy ? { startedBy } : {}),
            subnets,
            loadBalancers: [],
            healthCheckGraceSeconds: 0,
            overrides,
            tags: readTags(params.tags),
          },
          sim.now,
        ),
      );
      return { tasks: tasks.map((t) => taskView(sim, t, false)), failures: [] };
    },

    DescribeTasks(params: Params) {
      const cluster = requireCluster(sim, params);
      const includeTags = optionalStrings(params.include).includes('TAGS');
      const tasks: unknown[] = [];
      const failures: unknown[] = [];
      for (const reference of optionalStrings(params.tasks)) {
        const task = sim.tasks.get(lastSegment(reference));
        if (task && task.clusterName === cluster) tasks.push(taskView(sim, task, includeTags));
        else failures.push({ arn: reference.startsWith('arn:') ? reference : sim.arns.task(cluster, reference), reason: 'MISSING' });
      }
      return { tasks, failures };
    },

    ListTasks(params: Params) {
      const cluster = requireCluster(sim, params);
      const serviceName = typeof params.serviceName === 'string' ? requireService(sim, cluster, params.serviceName).name : undefined;
      const desired = typeof params.desiredStatus === 'string' ? params.desiredStatus : 'RUNNING';
      const family = typeof params.family === 'string' ? params.family : undefined;
      const arns = [...sim.tasks.values()]
        .filter((t) => t.clusterName === cluster && t.desiredStatus === desired)
        .filter((t) => serviceName === undefined || t.serviceName === serviceName)
        .filter((t) => family === undefined || t.taskDefinitionArn.includes(`:task-definition/${family}:`))
        .filter((t) => typeof params.startedBy !== 'string' || t.startedBy === params.startedBy)
        .map((t) => t.arn);
      return paginate(arns, params, 'taskArns');
    },

    StopTask(params: Params) {
      const cluster = requireCluster(sim, params);
      const task = sim.tasks.get(lastSegment(requireString(params, 'task')));
      if (!task || task.clusterName !== cluster)
        throw new AwsServiceError('InvalidParameterException', 'The referenced task was not found.');
      const reason = typeof params.reason === 'string' && params.reason !== '' ? params.reason : 'Task stopped by user';
      stopTask(sim, task, { reason, stopCode: 'UserInitiated', cause: 'user', drain: true }, sim.now);
      return { task: taskView(sim, task, false) };
    },
  };
}

/** ECS-style pagination: an opaque nextToken, maxResults 1–100 (default 100). */
export function paginate(items: string[], params: Params, key: string): Record<string, unknown> {
  const page = pageOf(items, {
    token: params.nextToken,
    size: params.maxResults,
    sizeName: 'maxResults',
    tokenName: 'nextToken',
    defaultSize: 100,
    maxSize: 100,
  });
  return { [key]: page.items, ...(page.next ? { nextToken: page.next } : {}) };
}
