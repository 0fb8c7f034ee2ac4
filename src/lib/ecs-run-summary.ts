import { shortTaskDefinition } from './arn.js';
import { deploymentsConsoleUrl, resourceName, serviceConsoleUrl } from './ecs/console-links.js';
import { formatStoppedTask } from './ecs/stopped-tasks.js';
import { timelineMarkdown } from './ecs/timeline.js';
import type { EcsRunRecord } from './ecs-run-record.js';
import { codeBlock, details, escapeMarkdown, inlineCode } from './summary.js';

/**
 * The parts of ecs-promote's and ecs-rollback's job summaries that read the same: the headline with
 * the user's reason and the failure, and after each action's own facts the timeline, the last stopped
 * tasks and the console links. One place, so the two summaries stay alike.
 */

export interface SummaryTarget {
  region: string;
  cluster: string;
  service: string;
  /** Why the run happened, in the user's words. */
  reason?: string;
}

/** The summary shows the last this-many stopped tasks. */
const STOPPED_TASKS = 5;

/** `## <action>: <headline> — <service> in <cluster>`, the reason and the failure. */
export function summaryHead(action: string, headline: string, target: SummaryTarget, failure: string | undefined): string[] {
  const where = `${resourceName(target.service)} in ${resourceName(target.cluster)}`;
  const parts = [`## ${action}: ${headline} — ${escapeMarkdown(where)}`];
  if (target.reason) parts.push(`**Reason:** ${escapeMarkdown(target.reason)}`);
  if (failure) parts.push(`> ${escapeMarkdown(failure)}`);
  return parts;
}

/** The timeline, the stopped tasks and the console links (the service, its deployments, then `links`). */
export function summaryTail(record: EcsRunRecord<string>, target: SummaryTarget, links: string[] = []): string[] {
  const parts: string[] = [];
  const timeline = timelineMarkdown(record.timeline, record.startedAt);
  if (timeline) parts.push(timeline);
  if (record.stoppedTasks.length > 0) {
    const text = record.stoppedTasks.slice(-STOPPED_TASKS).flatMap(formatStoppedTask).join('\n');
    parts.push(details(`Stopped tasks (${record.stoppedTasks.length})`, codeBlock(text)));
  }
  const { region, cluster, service } = target;
  const all = [
    `[Service ${escapeMarkdown(resourceName(service))}](${serviceConsoleUrl(region, cluster, service)})`,
    `[Deployments](${deploymentsConsoleUrl(region, cluster, service)})`,
    ...links,
  ];
  parts.push('### Console', all.map((link) => `- ${link}`).join('\n'));
  return parts;
}

/** A task-definition cell: `family:revision`, or a dash when unknown. */
export function taskDefinitionCell(arn: string | undefined): string {
  return arn ? inlineCode(shortTaskDefinition(arn)) : '—';
}
