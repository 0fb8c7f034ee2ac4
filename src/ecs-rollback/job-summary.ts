import { deploymentsConsoleUrl, resourceName, serviceConsoleUrl, taskDefinitionConsoleUrl } from '../lib/ecs/console-links.js';
import { formatStoppedTask } from '../lib/ecs/stopped-tasks.js';
import { codeBlock, details, escapeMarkdown, inlineCode, markdownTable } from '../lib/summary.js';
import { shortTaskDefinition } from '../lib/arn.js';
import { timelineMarkdown } from '../lib/ecs/timeline.js';
import type { DeploymentEntry } from './history.js';
import type { EcsRollbackInputs } from './inputs.js';
import type { RollbackRecord, RollbackStatus } from './rollback-record.js';

/** The job summary: the result and the user's reason first, then from → to, the recent deployments, the timeline, and links. */

const HEADLINE: Record<RollbackStatus, string> = {
  'rolled-back': '↩️ Rolled back',
  started: '▶️ Rollback started (not waited for)',
  unchanged: '➖ Nothing to roll back',
  'dry-run': '🔍 Dry run: nothing changed',
  refused: '⛔ Refused',
  failed: '❌ Rollback failed',
  'timed-out': '⏱️ Rollback timed out',
};

/** The summary shows this many of the most recent deployments. */
const RECENT = 10;

export function rollbackSummary(inputs: EcsRollbackInputs, record: RollbackRecord): string {
  const target = `${resourceName(inputs.service)} in ${resourceName(inputs.cluster)}`;
  const parts = [`## ecs-rollback: ${HEADLINE[record.status]} — ${escapeMarkdown(target)}`];
  if (inputs.reason) parts.push(`**Reason:** ${escapeMarkdown(inputs.reason)}`);
  if (record.failure) parts.push(`> ${escapeMarkdown(record.failure)}`);

  const facts: string[][] = [['status', inlineCode(record.status)]];
  const from = record.fromTaskDefinitionArn;
  const to = record.toTaskDefinitionArn;
  facts.push(['from', from ? inlineCode(shortTaskDefinition(from)) : '—']);
  facts.push(['to', to ? inlineCode(shortTaskDefinition(to)) : '—']);
  if (record.method) facts.push(['how', escapeMarkdown(record.method)]);
  if (inputs.force) facts.push(['force', 'yes: safety checks were warnings only']);
  parts.push(markdownTable(['', ''], facts));

  if (record.history.length > 0) {
    parts.push(`### Last ${Math.min(RECENT, record.history.length)} deployments`, historyTable(record.history.slice(0, RECENT)));
  }
  const timeline = timelineMarkdown(record.timeline, record.startedAt);
  if (timeline) parts.push(timeline);
  if (record.stoppedTasks.length > 0) {
    const text = record.stoppedTasks.slice(-5).flatMap(formatStoppedTask).join('\n');
    parts.push(details(`Stopped tasks (${record.stoppedTasks.length})`, codeBlock(text)));
  }
  const links = [
    `[Service ${escapeMarkdown(resourceName(inputs.service))}](${serviceConsoleUrl(inputs.region, inputs.cluster, inputs.service)})`,
    `[Deployments](${deploymentsConsoleUrl(inputs.region, inputs.cluster, inputs.service)})`,
    ...(to ? [`[Task definition ${escapeMarkdown(shortTaskDefinition(to))}](${taskDefinitionConsoleUrl(inputs.region, to)})`] : []),
  ];
  parts.push('### Console', links.map((link) => `- ${link}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}

export function historyTable(entries: DeploymentEntry[]): string {
  const rows = entries.map((entry) => [
    entry.createdAt ? inlineCode(entry.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z')) : '—',
    entry.taskDefinitionArn ? inlineCode(shortTaskDefinition(entry.taskDefinitionArn)) : '—',
    Object.entries(entry.images)
      .map(([name, image]) => `${escapeMarkdown(name)}: ${inlineCode(image)}`)
      .join('<br>') || '—',
    `${inlineCode(entry.status)}${entry.statusReason ? ` ${escapeMarkdown(entry.statusReason)}` : ''}`,
  ]);
  return markdownTable(['started', 'task definition', 'images', 'status'], rows);
}
