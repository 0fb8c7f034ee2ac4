import { DescribeServicesCommand, type Service } from '@aws-sdk/client-ecs';
import { awsCall } from '../aws-call.js';
import type { EcsDeps } from './deps.js';

/**
 * Several services of one cluster read together: DescribeServices answers for at most 10 services
 * per call, so N services cost ceil(N / 10) calls per look instead of N. A service ECS reports
 * missing (or INACTIVE) maps to undefined.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeServices.html
 */

export const DESCRIBE_SERVICES_LIMIT = 10;

export async function describeServicesBatch(cluster: string, names: string[], deps: EcsDeps): Promise<Map<string, Service | undefined>> {
  const found = new Map<string, Service | undefined>();
  // One batch after another: each poll stays a sequence of calls, as the retry accounting expects.
  for (let at = 0; at < names.length; at += DESCRIBE_SERVICES_LIMIT) {
    const batch = names.slice(at, at + DESCRIBE_SERVICES_LIMIT);
    const response = await awsCall(deps, `describe services ${batch.join(', ')} in cluster ${cluster}`, 'ecs:DescribeServices', () =>
      deps.ecs.send(new DescribeServicesCommand({ cluster, services: batch })),
    );
    for (const name of batch) {
      const service = response.services?.find((s) => s.serviceName === name || s.serviceArn?.endsWith(`/${name}`));
      found.set(name, service && service.status !== 'INACTIVE' ? service : undefined);
    }
  }
  return found;
}
