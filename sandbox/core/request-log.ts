import type { RequestLogEntry } from './contract.js';

/** Every request the sandbox served, in order: for counting API calls and scanning for leaked secrets. */
export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  /** A copy of the entries, optionally only those of one service and/or operation. */
  list(filter: { service?: string; operation?: string } = {}): RequestLogEntry[] {
    return this.entries.filter(
      (entry) =>
        (filter.service === undefined || entry.service === filter.service) &&
        (filter.operation === undefined || entry.operation === filter.operation),
    );
  }

  count(filter: { service?: string; operation?: string } = {}): number {
    return this.list(filter).length;
  }

  /** Entries whose raw request contains `text` (a planted secret, say). */
  containing(text: string): RequestLogEntry[] {
    return this.entries.filter((entry) => entry.rawRequest.includes(text) || JSON.stringify(entry.params ?? null).includes(text));
  }

  clear(): void {
    this.entries.length = 0;
  }
}
