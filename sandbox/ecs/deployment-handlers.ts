import { AwsServiceError } from '../core/contract.js';
import { optionalStrings, requireString } from './arns.js';
import { requireCluster, requireService } from './service-handlers.js';
import type { EcsSimulation } from './simulation.js';
import { continueHook } from './lifecycle-hooks.js';
import { serviceDeploymentBrief, serviceDeploymentView, serviceRevisionView } from './deployment-views.js';

type Params = Record<string, unknown>;

const toMs = (value: unknown) => (typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : undefined);

/** The service-deployment API: what each deployment did, its revisions, and stopping one with a rollback. */
export function deploymentHandlers(sim: EcsSimulation) {
  return {
    ListServiceDeployments(params: Params) {
      const cluster = requireCluster(sim, params);
      const service = requireService(sim, cluster, requireString(params, 'service'));
      const statuses = optionalStrings(params.status);
      const created = (params.createdAt ?? {}) as { before?: unknown; after?: unknown };
      const before = toMs(created.before);
      const after = toMs(created.after);
      const matching = [...sim.serviceDeployments.values()]
        .filter((r) => r.clusterName === cluster && r.serviceName === service.name)
        .filter((r) => statuses.length === 0 || statuses.includes(r.status))
        .filter((r) => (before === undefined || r.createdAt <= before) && (after === undefined || r.createdAt >= after))
        .reverse();
      const start = typeof params.nextToken === 'string' ? Number(params.nextToken) || 0 : 0;
      const size = Math.min(100, Number(params.maxResults ?? 20));
      const page = matching.slice(start, start + size);
      return {
        serviceDeployments: page.map((r) => serviceDeploymentBrief(sim, r)),
        ...(start + size < matching.length ? { nextToken: String(start + size) } : {}),
      };
    },

    DescribeServiceDeployments(params: Params) {
      const serviceDeployments: unknown[] = [];
      const failures: unknown[] = [];
      for (const arn of optionalStrings(params.serviceDeploymentArns)) {
        const record = sim.serviceDeployments.get(arn);
        if (record) serviceDeployments.push(serviceDeploymentView(sim, record));
        else failures.push({ arn, reason: 'MISSING' });
      }
      return { serviceDeployments, failures };
    },

    DescribeServiceRevisions(params: Params) {
      const serviceRevisions: unknown[] = [];
      const failures: unknown[] = [];
      for (const arn of optionalStrings(params.serviceRevisionArns)) {
        const record = sim.revisions.get(arn);
        if (record) serviceRevisions.push(serviceRevisionView(record));
        else failures.push({ arn, reason: 'MISSING' });
      }
      return { serviceRevisions, failures };
    },

    StopServiceDeployment(params: Params) {
      const arn = requireString(params, 'serviceDeploymentArn');
      const stopType = typeof params.stopType === 'string' ? params.stopType : 'ROLLBACK';
      const record = sim.serviceDeployments.get(arn);
      if (!record) throw new AwsServiceError('ServiceDeploymentNotFoundException', `The service deployment ${arn} does not exist.`);
      if (stopType !== 'ROLLBACK')
        throw new AwsServiceError('InvalidParameterException', `stopType ${stopType} is not supported. Use ROLLBACK.`);
      // A deployment already stopping or rolling back "continues to stop" / "continues the rollback operation".
      if (record.status === 'STOP_REQUESTED' || record.status === 'ROLLBACK_REQUESTED' || record.status === 'ROLLBACK_IN_PROGRESS')
        return { serviceDeploymentArn: arn };
      if (record.status !== 'PENDING' && record.status !== 'IN_PROGRESS') {
        throw new AwsServiceError('ConflictException', `The service deployment is in status ${record.status} and can't be stopped.`);
      }
      Object.assign(record, { status: 'ROLLBACK_REQUESTED', rollbackRequested: true, updatedAt: sim.now });
      return { serviceDeploymentArn: arn };
    },

    /** A deployment waiting at a PAUSE hook goes on (CONTINUE, the default) or rolls back. */
    ContinueServiceDeployment(params: Params) {
      const arn = requireString(params, 'serviceDeploymentArn');
      const hookId = requireString(params, 'hookId');
      const action = params.action ?? 'CONTINUE';
      if (action !== 'CONTINUE' && action !== 'ROLLBACK')
        throw new AwsServiceError('InvalidParameterException', `action must be CONTINUE or ROLLBACK; got ${String(action)}.`);
      const record = sim.serviceDeployments.get(arn);
      if (!record) throw new AwsServiceError('ServiceDeploymentNotFoundException', `The service deployment ${arn} does not exist.`);
      continueHook(record, hookId, action, sim.now);
      return { serviceDeploymentArn: arn };
    },
  };
}
