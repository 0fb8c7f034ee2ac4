import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProvisionedService } from './terraform-provision.js';

/**
 * What the load balancer in front of each environment answers: `GET <url>/<environment><path>` is 200
 * when a service provisioned in that environment's cluster has that health-check path, 404 otherwise.
 * So the path in a caller workflow's health-check-url must be the one the Terraform configured.
 */
export interface HealthEndpoint {
  url: string;
  /** Every path asked, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startHealthEndpoint(services: Map<string, ProvisionedService>): Promise<HealthEndpoint> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    const [, environment = '', ...rest] = path.split('/');
    const healthy = [...services.values()].some((s) => s.cluster === environment && s.healthCheckPath === `/${rest.join('/')}`);
    response.statusCode = healthy ? 200 : 404;
    response.end(healthy ? 'ok\n' : 'not found\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
