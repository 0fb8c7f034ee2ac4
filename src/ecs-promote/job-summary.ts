import { shortTaskDefinition } from '../lib/arn.js';
import { deploymentsConsoleUrl, resourceName, serviceConsoleUrl } from '../lib/ecs/console-links.js';
import { formatStoppedTask } from '../lib/ecs/stopped-tasks.js';
import { timelineMarkdown } from '../lib/ecs/timeline.js';
import { codeBlock, details, escapeMarkdown, inlineCode, markdownTable } from '../lib/summary.js';
import type { EcsPromoteInputs } from './inputs.js';
import type { PromoteRecord, PromoteStatus } from './promote-record.js';

/** The job summary: decision and outcome first, the reason, then the deployment, hook and revisions, the timeline, and links. */

const HEADLINE: Record<PromoteStatus, string> = {
  succeeded: '✅ Continued; the deployment completed',
  paused: '⏸️ Continued; paused again at a later hook',
  'rolled-back': '↩️ Rolled back',
  refused: '⛔ Nothing awaits a decision',
  failed: '❌ Failed',
  'timed-out': '⏱️ Timed out (left to ECS)',
};

export function promoteSummary(inputs: EcsPromoteInputs, record: PromoteRecord): string {
  const target = `${resourceName(inputs.service)} in ${resourceName(inputs.cluster)}`;
  const parts = [`## ecs-promote: ${HEADLINE[record.status]} — ${escapeMarkdown(target)}`];
  if (inputs.reason) parts.push(`**Reason:** ${escapeMarkdown(inputs.reason)}`);
  if (record.failure) parts.push(`> ${escapeMarkdown(record.failure)}`);

  const td = (arn: string | undefined) => (arn ? inlineCode(shortTaskDefinition(arn)) : '—');
  const facts: string[][] = [
    ['decision', inlineCode(inputs.decision)],
    ['status', inlineCode(record.status)],
    ['deployment', record.deploymentId ? inlineCode(record.deploymentId) : '—'],
    ['PAUSE hook', record.hookId ? `${inlineCode(record.hookId)}${record.stage ? ` at ${inlineCode(record.stage)}` : ''}` : '—'],
    ['from', td(record.sourceTaskDefinitionArn)],
    ['to', td(record.targetTaskDefinitionArn)],
    ['runs now', td(record.runningTaskDefinitionArn)],
  ];
  if (record.nextHookId) facts.push(['next PAUSE hook', inlineCode(record.nextHookId)]);
  parts.push(markdownTable(['', ''], facts));

  const timeline = timelineMarkdown(record.timeline, record.startedAt);
  if (timeline) parts.push(timeline);
  if (record.stoppedTasks.length > 0) {
    const text = record.stoppedTasks.slice(-5).flatMap(formatStoppedTask).join('\n');
    parts.push(details(`Stopped tasks (${record.stoppedTasks.length})`, codeBlock(text)));
  }
  const links = [
    `[Service ${escapeMarkdown(resourceName(inputs.service))}](${serviceConsoleUrl(inputs.region, inputs.cluster, inputs.service)})`,
    `[Deployments](${deploymentsConsoleUrl(inputs.region, inputs.cluster, inputs.service)})`,
  ];
  parts.push('### Console', links.map((link) => `- ${link}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}
