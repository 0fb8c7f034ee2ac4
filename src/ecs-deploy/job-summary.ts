import { deploymentsConsoleUrl, resourceName, serviceConsoleUrl, taskDefinitionConsoleUrl } from '../lib/ecs/console-links.js';
import { formatStoppedTask } from '../lib/ecs/stopped-tasks.js';
import { codeBlock, details, escapeMarkdown, inlineCode, markdownTable } from '../lib/summary.js';
import type { DeployRecord, DeployStatus } from './deploy-record.js';
import type { EcsDeployInputs } from './inputs.js';
import { shortTaskDefinition } from '../lib/arn.js';
import { timelineMarkdown } from '../lib/ecs/timeline.js';

/** The job summary: the result first, then what changed, the rollback, when things happened, and where to look. */

const HEADLINE: Record<DeployStatus, string> = {
  succeeded: '✅ Deployed',
  'rolled-back': '↩️ Failed and rolled back',
  failed: '❌ Failed',
  'timed-out': '⏱️ Timed out',
  superseded: '⏭️ Superseded by another deployment',
  'traffic-shifted': '✅ Production traffic on the new revision (bake time goes on)',
  paused: '⏸️ Paused at a lifecycle hook',
};

export function deploySummary(inputs: EcsDeployInputs, record: DeployRecord): string {
  const target = inputs.service
    ? `${resourceName(inputs.service)} in ${resourceName(inputs.cluster)}`
    : `cluster ${resourceName(inputs.cluster)}`;
  const parts = [`## ecs-deploy: ${HEADLINE[record.status]} — ${escapeMarkdown(target)}`];
  if (record.status === 'succeeded' && !record.waited) parts.push('_Not waited for: wait-for-service-stability is false._');
  if (record.reason) parts.push(`> ${escapeMarkdown(record.reason)}`);

  const facts: string[][] = [['status', inlineCode(record.status)]];
  if (record.taskDefinitionArn)
    facts.push([
      'task definition',
      `${inlineCode(shortTaskDefinition(record.taskDefinitionArn))}${record.registered ? ' (registered now)' : ' (existing revision)'}`,
    ]);
  if (record.previousTaskDefinitionArn)
    facts.push(['previous revision', inlineCode(shortTaskDefinition(record.previousTaskDefinitionArn))]);
  if (record.deploymentId) facts.push(['deployment', inlineCode(record.deploymentId)]);
  if (record.hookId) facts.push(['paused at hook', inlineCode(record.hookId)]);
  if (record.runTaskArn) facts.push(['one-off task', inlineCode(record.runTaskArn.replace(/^.*\//, ''))]);
  if (record.rollbackMethod) facts.push(['rollback', escapeMarkdown(record.rollbackMethod)]);
  if (record.rollbackTaskDefinitionArn) facts.push(['rolled back to', inlineCode(shortTaskDefinition(record.rollbackTaskDefinitionArn))]);
  parts.push(markdownTable(['', ''], facts));

  const images = imageRows(record);
  if (images.length > 0) parts.push('### Images', markdownTable(['container', 'before', 'after', 'running digest'], images));

  const timeline = timelineMarkdown(record.timeline, record.startedAt);
  if (timeline) parts.push(timeline);

  if (record.stoppedTasks.length > 0) {
    const text = record.stoppedTasks.slice(-5).flatMap(formatStoppedTask).join('\n');
    parts.push(details(`Stopped tasks (${record.stoppedTasks.length})`, codeBlock(text)));
  }
  const links = consoleLinks(inputs, record);
  if (links.length > 0) parts.push('### Console', links.map((link) => `- ${link}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}

function imageRows(record: DeployRecord): string[][] {
  const names = [...new Set([...Object.keys(record.previousImages), ...Object.keys(record.newImages)])];
  return names.map((name) => {
    const before = record.previousImages[name];
    const after = record.newImages[name];
    const digest = record.images[name]?.replace(/^.*@/, '');
    return [inlineCode(name), before ? inlineCode(before) : '—', after ? inlineCode(after) : '—', digest ? inlineCode(digest) : '—'];
  });
}

function consoleLinks(inputs: EcsDeployInputs, record: DeployRecord): string[] {
  const links: string[] = [];
  if (inputs.service) {
    links.push(
      `[Service ${escapeMarkdown(resourceName(inputs.service))}](${serviceConsoleUrl(inputs.region, inputs.cluster, inputs.service)})`,
    );
    if (record.deploymentId) links.push(`[Deployments](${deploymentsConsoleUrl(inputs.region, inputs.cluster, inputs.service)})`);
  }
  if (record.taskDefinitionArn)
    links.push(
      `[Task definition ${escapeMarkdown(shortTaskDefinition(record.taskDefinitionArn))}](${taskDefinitionConsoleUrl(inputs.region, record.taskDefinitionArn)})`,
    );
  return links;
}
