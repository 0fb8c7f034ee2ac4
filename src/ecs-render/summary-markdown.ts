import { escapeMarkdown, inlineCode, markdownTable } from '../lib/summary.js';
import type { Changes, ContainerChange, NameChanges } from './apply-overrides.js';

export interface RenderReport {
  family: string;
  /** Where the definition came from, as the user named it (a file path, an ARN, family[:revision]). */
  source: string;
  changes: Changes;
  strippedFields: string[];
  unknownKeys: string[];
}

/**
 * The job summary: per container the image (old → new) and the NAMES of environment variables and
 * secrets added, changed or removed. Values are never shown: env values can be sensitive too.
 */
export function renderSummary(report: RenderReport): string {
  const lines = [`### ecs-render: ${escapeMarkdown(report.family)}`, '', `Rendered from ${inlineCode(report.source)}.`, ''];
  const containers = report.changes.containers;
  if (containers.length === 0) lines.push('No container was changed.');
  else {
    lines.push(
      markdownTable(
        ['container', 'image', 'environment', 'secrets', 'also set'],
        containers.map((change) => [
          escapeMarkdown(change.container),
          imageCell(change),
          namesCell(change.environment),
          namesCell(change.secrets),
          change.fields.map((field) => inlineCode(field)).join(', ') || '—',
        ]),
      ),
    );
  }
  if (report.changes.fields.length > 0)
    lines.push('', `Task level: set ${report.changes.fields.map((field) => inlineCode(field)).join(', ')}.`);
  if (report.strippedFields.length > 0) {
    lines.push('', `Removed describe-only fields: ${report.strippedFields.map((field) => inlineCode(field)).join(', ')}.`);
  }
  if (report.unknownKeys.length > 0) {
    lines.push(
      '',
      `⚠️ Keys RegisterTaskDefinition does not know (the AWS SDK would drop them): ${report.unknownKeys.map((key) => escapeMarkdown(key)).join(', ')}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function imageCell(change: ContainerChange): string {
  if (!change.image) return 'unchanged';
  const { from, to } = change.image;
  if (from === to) return `${inlineCode(to)} (unchanged)`;
  return `${from === undefined ? '(none)' : inlineCode(from)} → ${inlineCode(to)}`;
}

function namesCell(changes: NameChanges): string {
  const parts = (
    [
      ['added', changes.added],
      ['changed', changes.changed],
      ['removed', changes.removed],
    ] as const
  )
    .filter(([, names]) => names.length > 0)
    .map(([label, names]) => `${label}: ${names.map((name) => inlineCode(name)).join(', ')}`);
  return parts.join('; ') || '—';
}
