import type { ServiceEvent } from '@aws-sdk/client-ecs';

/**
 * Prints each service event once, oldest first, as it appears. DescribeServices returns the newest
 * events first (at most 100), so events are remembered by id rather than by position; the events
 * that existed before this run are marked seen up front and never printed.
 */
export class ServiceEventTracker {
  private readonly seen = new Set<string>();

  /** Marks every current event as already seen (the select phase calls this before acting). */
  markSeen(events: ServiceEvent[] | undefined): void {
    for (const event of events ?? []) if (event.id) this.seen.add(event.id);
  }

  /** The events not printed yet, oldest first, and remembers them. */
  takeNew(events: ServiceEvent[] | undefined): ServiceEvent[] {
    const fresh = (events ?? []).filter((event) => event.id !== undefined && !this.seen.has(event.id));
    for (const event of fresh) if (event.id) this.seen.add(event.id);
    return fresh.sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0));
  }
}

/** `2026-05-04T10:11:12Z (service web) has reached a steady state.` */
export function formatEvent(event: ServiceEvent): string {
  const at = event.createdAt ? event.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
  return `${at} ${event.message ?? ''}`.trim();
}

/** ECS's words when no capacity fits the task (EC2 capacity, ENIs, placement constraints). */
export function isUnableToPlace(event: ServiceEvent): boolean {
  return /was unable to place a task/i.test(event.message ?? '');
}
