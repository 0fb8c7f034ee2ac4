import { pageOf } from '../core/pagination.js';
import { lastSegment, optionalStrings } from './arns.js';
import { requireCluster } from './service-handlers.js';
import type { EcsSimulation } from './simulation.js';
import { clusterView } from './views.js';

type Params = Record<string, unknown>;

/** ECS list pages: `maxResults` 1–100, default 100 (ListServices: 10), as the ECS API reference gives them. */
function ecsPage<T>(items: T[], params: Params, defaultSize = 100) {
  return pageOf(items, {
    token: params.nextToken,
    size: params.maxResults,
    sizeName: 'maxResults',
    tokenName: 'nextToken',
    defaultSize,
    maxSize: 100,
  });
}

/** The read operations a person tries first on a cluster: ListClusters, DescribeClusters, ListServices, ListTaskDefinitionFamilies. */
export function clusterHandlers(sim: EcsSimulation) {
  return {
    ListClusters(params: Params) {
      const page = ecsPage(
        [...sim.clusters.values()].map((c) => c.arn),
        params,
      );
      return { clusterArns: page.items, nextToken: page.next };
    },

    DescribeClusters(params: Params) {
      const asked = optionalStrings(params.clusters);
      const include = optionalStrings(params.include);
      const clusters: unknown[] = [];
      const failures: unknown[] = [];
      for (const reference of asked.length > 0 ? asked : ['default']) {
        const record = sim.clusters.get(lastSegment(reference));
        if (record) clusters.push(clusterView(sim, record, include));
        else failures.push({ arn: reference.startsWith('arn:') ? reference : sim.arns.cluster(reference), reason: 'MISSING' });
      }
      return { clusters, failures };
    },

    ListServices(params: Params) {
      const cluster = requireCluster(sim, params);
      // Every sandbox service uses the REPLICA scheduling strategy: asking for DAEMON finds none.
      const daemonOnly = typeof params.schedulingStrategy === 'string' && params.schedulingStrategy !== 'REPLICA';
      const arns = [...sim.services.values()]
        .filter((s) => s.clusterName === cluster && s.status !== 'INACTIVE' && !daemonOnly)
        .filter((s) => typeof params.launchType !== 'string' || s.launchType === params.launchType)
        .map((s) => s.arn);
      const page = ecsPage(arns, params, 10);
      return { serviceArns: page.items, nextToken: page.next };
    },

    ListTaskDefinitionFamilies(params: Params) {
      const prefix = typeof params.familyPrefix === 'string' ? { familyPrefix: params.familyPrefix } : {};
      const active = new Set(sim.taskDefinitions.list({ ...prefix, status: 'ACTIVE' }).map((r) => r.family));
      const inactive = new Set(sim.taskDefinitions.list({ ...prefix, status: 'INACTIVE' }).map((r) => r.family));
      const status = typeof params.status === 'string' ? params.status : 'ACTIVE';
      // INACTIVE lists families none of whose revisions is still ACTIVE; ALL lists every family.
      const families =
        status === 'ALL'
          ? new Set([...active, ...inactive])
          : status === 'INACTIVE'
            ? new Set([...inactive].filter((f) => !active.has(f)))
            : active;
      const page = ecsPage([...families].sort(), params);
      return { families: page.items, nextToken: page.next };
    },
  };
}
