import type { Clock } from './deps.js';

/** What happened when, for the job summary: the same entries the log shows, with their times. */
export interface TimelineEntry {
  at: number;
  text: string;
}

export class Timeline {
  readonly entries: TimelineEntry[] = [];

  constructor(private readonly clock: Pick<Clock, 'now'>) {}

  add(text: string, at = this.clock.now()): void {
    this.entries.push({ at, text });
  }

  /** Entries in time order (service events carry ECS's own timestamps, which may be earlier than when we saw them). */
  sorted(): TimelineEntry[] {
    return [...this.entries].sort((a, b) => a.at - b.at);
  }
}
