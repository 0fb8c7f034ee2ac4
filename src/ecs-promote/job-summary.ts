import { summaryHead, summaryTail, taskDefinitionCell } from '../lib/ecs-run-summary.js';
import { inlineCode, markdownTable } from '../lib/summary.js';
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
  const parts = summaryHead('ecs-promote', HEADLINE[record.status], inputs, record.failure);
  const facts: string[][] = [
    ['decision', inlineCode(inputs.decision)],
    ['status', inlineCode(record.status)],
    ['deployment', record.deploymentId ? inlineCode(record.deploymentId) : '—'],
    ['PAUSE hook', record.hookId ? `${inlineCode(record.hookId)}${record.stage ? ` at ${inlineCode(record.stage)}` : ''}` : '—'],
    ['from', taskDefinitionCell(record.sourceTaskDefinitionArn)],
    ['to', taskDefinitionCell(record.targetTaskDefinitionArn)],
    ['runs now', taskDefinitionCell(record.runningTaskDefinitionArn)],
  ];
  if (record.nextHookId) facts.push(['next PAUSE hook', inlineCode(record.nextHookId)]);
  parts.push(markdownTable(['', ''], facts), ...summaryTail(record, inputs));
  return `${parts.join('\n\n')}\n`;
}
