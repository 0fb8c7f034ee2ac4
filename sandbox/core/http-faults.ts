import { setTimeout as realSleep } from 'node:timers/promises';
import type { FaultInjector } from './faults.js';

/** What an armed fault does to a request of a plain-HTTP sandbox server: drop the connection, never answer, or answer with a status. */
export type HttpFault = { kind: 'reset' } | { kind: 'hang' } | { kind: 'status'; status: number };

/**
 * The fault armed for this call, if any, from the same FaultInjector the AWS services use, so
 * `admin.injectFault({ service: 'github', kind: 'http503' })` reaches the GitHub API and the OIDC
 * issuer as it reaches ECS. Latency is waited out here and the request then goes on; the rest is
 * handed back for the server to answer in its own error shape: throttling as 429 (GitHub's
 * secondary limit may answer 429 as well as 403), http500/http503 as those statuses, reset as a
 * dropped connection, hang as a request read and never answered (the server's close ends it).
 */
export async function takeHttpFault(faults: FaultInjector, service: string, operation: string): Promise<HttpFault | undefined> {
  const fault = faults.take(service, operation);
  if (!fault) return undefined;
  if (fault.kind === 'latency') {
    await realSleep(fault.latencyMs ?? 0);
    return undefined;
  }
  if (fault.kind === 'reset' || fault.kind === 'hang') return { kind: fault.kind };
  if (fault.kind === 'throttle') return { kind: 'status', status: 429 };
  return { kind: 'status', status: fault.kind === 'http503' ? 503 : 500 };
}

/** `failNext(count, status)` of the plain-HTTP servers, as an armed fault. */
export function failNextRequests(
  faults: FaultInjector,
  service: string,
  operation: string | undefined,
  count: number,
  status: 500 | 503,
): void {
  if (count <= 0) return;
  faults.inject({ service, ...(operation !== undefined ? { operation } : {}), kind: status === 503 ? 'http503' : 'http500', count });
}
