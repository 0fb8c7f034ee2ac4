import { checkEcsTarget } from '../lib/ecs-arn-checks.js';
import { ecsResourceName } from '../lib/ecs-inputs.js';
import { InputError } from '../lib/errors.js';
import type { Inputs } from '../lib/inputs.js';

/**
 * `service` takes one service or several (one per line, or comma-separated): one release to web and
 * worker, or to every service that runs the same image. The same input keeps a one-service workflow
 * unchanged and reads as a YAML block where there are several; a second input would let a step name
 * both and ask which wins.
 */

/** One step watches at most this many services (five DescribeServices of 10 per poll). */
export const MAX_SERVICES = 50;

/** The services named, in order, checked; empty when none is. */
export function readServiceList(input: Inputs): string[] {
  const names = input.list('service', { commas: true });
  if (names.length > MAX_SERVICES) {
    throw new InputError(
      'service',
      `names ${names.length} services; one step deploys at most ${MAX_SERVICES}`,
      'Split the services over several steps',
    );
  }
  const seen = new Set<string>();
  for (const name of names) {
    ecsResourceName(name, 'service');
    if (seen.has(name)) throw new InputError('service', `names service '${name}' twice`, 'Name each service once');
    seen.add(name);
  }
  return names;
}

/**
 * What several services in one step cannot do (yet): each of these inputs speaks of one service.
 * Every further service must be in the same cluster and region as the first.
 */
export function checkSeveralServices(
  services: string[],
  context: { region: string; cluster: string; oneServiceInputs: Record<string, boolean> },
): void {
  if (services.length < 2) return;
  for (const service of services.slice(1)) checkEcsTarget({ region: context.region, cluster: context.cluster, service });
  for (const [name, given] of Object.entries(context.oneServiceInputs)) {
    if (given) {
      throw new InputError(
        name,
        `applies to one service, but 'service' names ${services.length}`,
        `Deploy the services that need '${name}' in a step of their own`,
      );
    }
  }
}
