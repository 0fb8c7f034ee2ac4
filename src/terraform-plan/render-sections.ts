import { codeBlock, inlineCode, markdownTable } from '../lib/summary.js';
import { instanceKey, type ClassifiedResource, type PlanCounts, type PlanSummary } from './classify.js';
import type { CommentIdentity } from './marker.js';
import { SENSITIVE_PLACEHOLDER, redactValue } from './sensitive.js';

/** The building blocks of the comment, each a self-contained piece of markdown. */

/** Text for HTML context (the `<summary>` of a collapsible section). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r?\n/g, ' ');
}

/** Headings stay short whatever the directory is called, so the comment's fixed part always fits. */
const MAX_HEADING_PATH = 200;

export function heading(identity: CommentIdentity): string {
  const path =
    identity.workingDirectory.length > MAX_HEADING_PATH
      ? `…${identity.workingDirectory.slice(-MAX_HEADING_PATH)}`
      : identity.workingDirectory;
  const parts = [`### Terraform plan: ${inlineCode(path)}`, `workspace ${inlineCode(identity.workspace)}`];
  if (identity.commentKey !== '') parts.push(`key ${inlineCode(identity.commentKey)}`);
  return parts.join(' · ');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** One line that says what the plan does; Terraform's own `Plan:` wording first. */
export function verdictLine(summary: PlanSummary): string {
  const { counts } = summary;
  if (summary.errored) return '❌ **The plan errored**: it is incomplete and cannot be applied. The errors are in the job log.';
  if (!summary.hasChanges) return '✅ **No changes.** The infrastructure matches the configuration.';
  // Terraform prints no `Plan:` line when only outputs change; neither does the comment.
  if (summary.resources.length === 0)
    return `📝 **No resource changes; ${plural(counts.outputs, 'output')} changed.** Applying saves the new output values to the state, without changing any real infrastructure.`;
  const extras = [
    counts.replace > 0 ? `${counts.replace} replaced` : '',
    counts.import > 0 ? `${counts.import} to import` : '',
    counts.move > 0 ? `${counts.move} moved` : '',
    counts.forget > 0 ? `${counts.forget} to forget` : '',
    counts.read > 0 ? `${counts.read} to read` : '',
    counts.outputs > 0 ? `${plural(counts.outputs, 'output')} changed` : '',
  ].filter((part) => part !== '');
  const icon = counts.destroy > 0 ? '⚠️' : '📝';
  const notes = [
    !summary.complete ? ' The plan is incomplete (deferred changes): apply, then plan again.' : '',
    !summary.applyable ? ' Terraform marked this plan as not applyable.' : '',
  ].join('');
  return `${icon} **Plan: ${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy.**${extras.length > 0 ? ` (${extras.join(', ')})` : ''}${notes}`;
}

export function countsTable(counts: PlanCounts): string {
  const columns: [string, number][] = [
    ['Add', counts.add],
    ['Change', counts.change],
    ['Destroy', counts.destroy],
    ['Replace', counts.replace],
    ['Import', counts.import],
    ['Move', counts.move],
    ['Forget', counts.forget],
    ['Read', counts.read],
    ['Outputs', counts.outputs],
    ['Drift', counts.drift],
  ];
  return markdownTable(
    columns.map(([name]) => name),
    [columns.map(([, count]) => String(count))],
  );
}

/** How an address is named in lists: with its plan number when several plans were read. */
export function label(resource: ClassifiedResource, planCount: number): string {
  return `${planCount > 1 ? `plan ${resource.plan + 1}: ` : ''}${resource.address}`;
}

function tags(resource: ClassifiedResource): string {
  const parts: string[] = [];
  if (resource.replaceOrder) parts.push(resource.replaceOrder === 'create-first' ? 'create before destroy' : 'destroy before create');
  if (resource.importing) parts.push('import');
  if (resource.movedFrom !== undefined) parts.push(`moved from ${inlineCode(resource.movedFrom)}`);
  if (resource.resource.deposed !== undefined) parts.push(`deposed object ${inlineCode(resource.resource.deposed)}`);
  if (resource.reason !== undefined) parts.push(inlineCode(resource.reason));
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

export interface ResourceGroup {
  title: string;
  resources: ClassifiedResource[];
}

const GROUPS: [ClassifiedResource['kind'], string][] = [
  ['replace', 'Replace'],
  ['delete', 'Destroy'],
  ['create', 'Create'],
  ['update', 'Update in place'],
  ['forget', 'Forget (remove from state, keep the object)'],
  ['read', 'Read (data sources)'],
];

/** Resources by action; imports and moves that change nothing get groups of their own. */
export function groupResources(resources: ClassifiedResource[]): ResourceGroup[] {
  const groups = GROUPS.map(([kind, title]) => ({ title, resources: resources.filter((resource) => resource.kind === kind) }));
  const noOps = resources.filter((resource) => resource.kind === 'no-op');
  groups.push({ title: 'Import (no changes)', resources: noOps.filter((resource) => resource.importing) });
  groups.push({ title: 'Move (no changes)', resources: noOps.filter((resource) => !resource.importing) });
  return groups.filter((group) => group.resources.length > 0);
}

/** `limit` caps how many addresses each list shows; the rest are counted. */
export type ListStyle = { kind: 'bullets' } | { kind: 'inline'; limit: number };

function addressList(resources: ClassifiedResource[], planCount: number, style: ListStyle): string {
  if (style.kind === 'bullets')
    return resources.map((resource) => `- ${inlineCode(label(resource, planCount))}${tags(resource)}`).join('\n');
  const shown = resources.slice(0, style.limit).map((resource) => inlineCode(label(resource, planCount)));
  const rest = resources.length - shown.length;
  return `${shown.join(', ')}${rest > 0 ? `${shown.length > 0 ? ', ' : ''}… and ${rest} more (see the full plan)` : ''}`;
}

/** Destroys and replacements, at the top, as a GitHub alert. */
export function warnings(summary: PlanSummary, style: ListStyle): string {
  const destroys = summary.resources.filter((resource) => resource.kind === 'delete');
  const replaces = summary.resources.filter((resource) => resource.kind === 'replace');
  if (destroys.length === 0 && replaces.length === 0) return '';
  const lines = ['> [!CAUTION]'];
  for (const [list, what] of [
    [destroys, 'will be destroyed'],
    [replaces, 'will be replaced (destroyed and created again)'],
  ] as const) {
    if (list.length === 0) continue;
    // A blank quoted line ends the previous list, so the next title does not run into it.
    if (lines.length > 1) lines.push('>');
    lines.push(`> **${plural(list.length, 'resource')} ${what}:**`, '>');
    lines.push(
      ...addressList(list, summary.planCount, style)
        .split('\n')
        .map((line) => `> ${line}`),
    );
  }
  return lines.join('\n');
}

export function resourceList(summary: PlanSummary, style: ListStyle): string {
  return groupResources(summary.resources)
    .map(
      (group) =>
        `**${group.title} (${group.resources.length})**\n${style.kind === 'bullets' ? '\n' : ''}${addressList(group.resources, summary.planCount, style)}`,
    )
    .join('\n\n');
}

export function outputList(summary: PlanSummary, style: ListStyle): string {
  if (summary.outputs.length === 0) return '';
  const limit = style.kind === 'bullets' ? Number.POSITIVE_INFINITY : style.limit;
  const lines = summary.outputs.slice(0, limit).map((output) => {
    const value =
      output.change.afterSensitive === true
        ? SENSITIVE_PLACEHOLDER
        : (JSON.stringify(redactValue(output.change.after, output.change.afterSensitive)) ?? 'null');
    const shown = output.change.afterUnknown === true ? '(known after apply)' : value.length > 200 ? `${value.slice(0, 200)}…` : value;
    return `- ${inlineCode(output.name)}: ${output.kind}${output.kind === 'delete' ? '' : ` → ${inlineCode(shown)}`}`;
  });
  const rest = summary.outputs.length - lines.length;
  if (rest > 0) lines.push(`- … and ${rest} more (see the full plan)`);
  return `**Output changes (${summary.outputs.length})**\n\n${lines.join('\n')}`;
}

export function driftList(summary: PlanSummary, style: ListStyle): string {
  if (summary.drift.length === 0) return '';
  const items =
    style.kind === 'bullets'
      ? summary.drift
          .map(
            (resource) =>
              `- ${inlineCode(label(resource, summary.planCount))}: ${resource.kind === 'delete' ? 'deleted' : 'changed'} outside Terraform`,
          )
          .join('\n')
      : addressList(summary.drift, summary.planCount, style);
  return `**Changed outside Terraform (${summary.drift.length})**\n\n${items}`;
}

/** One resource's diff, collapsed. Self-contained: cutting between two of these never splits a fence. */
export function diffSection(resource: ClassifiedResource, planCount: number, diff: string): string {
  const name = `${planCount > 1 ? `plan ${resource.plan + 1}: ` : ''}${instanceKey(resource)}`;
  const title = `<code>${escapeHtml(name)}</code> · ${escapeHtml(resource.kind)}`;
  return `<details><summary>${title}</summary>\n\n${codeBlock(diff, 'diff')}\n\n</details>`;
}
