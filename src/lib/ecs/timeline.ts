import { escapeMarkdown, inlineCode, markdownTable } from '../summary.js';
import type { Clock } from './deps.js';

/**
 * What happened when, for the job summary: the same entries the log shows, with their times. Two
 * clocks are involved and never compared: the runner's (deps.clock), which says when the action
 * did or noticed something, and AWS's, which stamps what ECS reports (service events, stopped
 * tasks, deployments). On GitHub's runners the two agree, but the runner's clock may be skewed
 * and an ECS event is seen only at the next poll, so an ECS time is shown as ECS gave it, in a
 * column of its own, and offsets are only ever taken between times of the same clock.
 */
export interface TimelineEntry {
  text: string;
  /** When the action recorded the entry, by the runner's clock (ms since the epoch). */
  recordedAt: number;
  /** When ECS says it happened, by AWS's clock (ms since the epoch); absent for the action's own steps. */
  ecsAt?: number;
}

export class Timeline {
  readonly entries: TimelineEntry[] = [];

  constructor(private readonly clock: Pick<Clock, 'now'>) {}

  /** One of the action's own steps, at the runner's time. */
  add(text: string): void {
    this.entries.push({ text, recordedAt: this.clock.now() });
  }

  /** Something ECS reports, at the time ECS gives for it (when it gives one). */
  addEcs(text: string, ecsAt: Date | undefined): void {
    const at = ecsAt?.getTime();
    this.entries.push({ text, recordedAt: this.clock.now(), ...(at !== undefined && !Number.isNaN(at) ? { ecsAt: at } : {}) });
  }
}

/**
 * The summary's table, in the order the action recorded the entries (one clock, so always in
 * order). `time` is the runner's time since the step started; `ECS time` is AWS's time since the
 * earliest ECS timestamp of the run, shown only when ECS gave one.
 */
export function timelineMarkdown(timeline: Timeline, startedAt: number): string | undefined {
  const { entries } = timeline;
  if (entries.length === 0) return undefined;
  const ecsTimes = entries.flatMap((entry) => (entry.ecsAt === undefined ? [] : [entry.ecsAt]));
  const ecsZero = ecsTimes.length > 0 ? Math.min(...ecsTimes) : undefined;
  const rows = entries.map((entry) => [
    inlineCode(elapsed(entry.recordedAt - startedAt)),
    ...(ecsZero === undefined ? [] : [entry.ecsAt === undefined ? '' : inlineCode(elapsed(entry.ecsAt - ecsZero))]),
    escapeMarkdown(entry.text),
  ]);
  const headers = ecsZero === undefined ? ['time', 'event'] : ['time', 'ECS time', 'event'];
  const legend =
    ecsZero === undefined
      ? '_time: since the step started, by the runner’s clock._'
      : '_time: since the step started, by the runner’s clock. ECS time: since the first thing ECS recorded for this run, by ECS’s clock._';
  return ['### Timeline', legend, markdownTable(headers, rows)].join('\n\n');
}

/** `+1:05`: whole seconds, never negative. */
export function elapsed(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `+${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
