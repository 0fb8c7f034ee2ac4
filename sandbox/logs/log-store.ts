export interface StoredLogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

/** Log groups → streams → events, as the awslogs driver would have written them. */
export class LogStore {
  private readonly groups = new Map<string, { createdAt: number; streams: Map<string, StoredLogEvent[]> }>();
  private nextEventId = 1;

  ensureGroup(group: string, now: number): void {
    if (!this.groups.has(group)) this.groups.set(group, { createdAt: now, streams: new Map() });
  }

  append(group: string, stream: string, lines: { timestamp: number; message: string }[]): void {
    this.ensureGroup(group, lines[0]?.timestamp ?? 0);
    const streams = this.groups.get(group)?.streams;
    if (!streams) return;
    const events = streams.get(stream) ?? [];
    for (const line of lines) {
      // awslogs ships within a second or so; event ids only need to be unique and stable.
      events.push({ ...line, ingestionTime: line.timestamp + 200, eventId: String(this.nextEventId++).padStart(56, '0') });
    }
    events.sort((a, b) => a.timestamp - b.timestamp);
    streams.set(stream, events);
  }

  hasGroup(group: string): boolean {
    return this.groups.has(group);
  }

  /** Every group with its creation time, sorted by name as DescribeLogGroups lists them. */
  groupList(): { name: string; createdAt: number; streams: Map<string, StoredLogEvent[]> }[] {
    return [...this.groups.entries()].map(([name, group]) => ({ name, ...group })).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** Undefined when the group does not exist; an empty map when it has no streams. */
  streams(group: string): Map<string, StoredLogEvent[]> | undefined {
    return this.groups.get(group)?.streams;
  }
}
