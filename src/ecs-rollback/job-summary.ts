import { taskDefinitionConsoleUrl } from '../lib/ecs/console-links.js';
import { summaryHead, summaryTail, taskDefinitionCell } from '../lib/ecs-run-summary.js';
import { escapeMarkdown, inlineCode, markdownTable } from '../lib/summary.js';
import { shortTaskDefinition } from '../lib/arn.js';
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
  const parts = summaryHead('ecs-rollback', HEADLINE[record.status], inputs, record.failure);
  const to = record.toTaskDefinitionArn;
  const facts: string[][] = [
    ['status', inlineCode(record.status)],
    ['from', taskDefinitionCell(record.fromTaskDefinitionArn)],
    ['to', taskDefinitionCell(to)],
  ];
  if (record.method) facts.push(['how', escapeMarkdown(record.method)]);
  if (inputs.force) facts.push(['force', 'yes: safety checks were warnings only']);
  parts.push(markdownTable(['', ''], facts));

  if (record.history.length > 0) {
    parts.push(`### Last ${Math.min(RECENT, record.history.length)} deployments`, historyTable(record.history.slice(0, RECENT)));
  }
  const links = to ? [`[Task definition ${escapeMarkdown(shortTaskDefinition(to))}](${taskDefinitionConsoleUrl(inputs.region, to)})`] : [];
  parts.push(...summaryTail(record, inputs, links));
  return `${parts.join('\n\n')}\n`;
}

export function historyTable(entries: DeploymentEntry[]): string {
  const rows = entries.map((entry) => [
    entry.createdAt ? inlineCode(entry.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z')) : '—',
    taskDefinitionCell(entry.taskDefinitionArn),
    Object.entries(entry.images)
      .map(([name, image]) => `${escapeMarkdown(name)}: ${inlineCode(image)}`)
      .join('<br>') || '—',
    `${inlineCode(entry.status)}${entry.statusReason ? ` ${escapeMarkdown(entry.statusReason)}` : ''}`,
  ]);
  return markdownTable(['started', 'task definition', 'images', 'status'], rows);
}
