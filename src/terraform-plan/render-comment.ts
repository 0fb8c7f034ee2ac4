import { codeBlock } from '../lib/summary.js';
import { instanceKey, type PlanSummary } from './classify.js';
import { markerLine, recordLine, type CommentIdentity, type ReviewRecord } from './marker.js';
import {
  countsTable,
  diffSection,
  driftList,
  heading,
  outputList,
  resourceList,
  verdictLine,
  warnings,
  type ListStyle,
} from './render-sections.js';
import { toDiffLines } from './plan-text.js';
import { jsonResourceDiff } from './value-diff.js';

/** GitHub rejects an issue or PR comment longer than this many characters. */
export const COMMENT_LIMIT_CHARS = 65_536;

export interface SizeLimit {
  /** The most the rendering may measure. */
  limit: number;
  /** Characters for a comment, UTF-8 bytes for a step summary. */
  measure: (text: string) => number;
}

export const commentLimit: SizeLimit = { limit: COMMENT_LIMIT_CHARS, measure: (text) => text.length };

export interface PlanReport {
  identity: CommentIdentity;
  summary: PlanSummary;
  record: ReviewRecord;
  /** Scrubbed per-resource blocks of the plan text, by address; others get a diff from the JSON. */
  textBlocks: Map<string, string>;
  /** Where the full plan can be read, as markdown, e.g. "the job summary of [run 7](…)". */
  fullPlanLocation: string;
  /** Lines shown under the verdict: what was redacted and why, what an old plan format lacks. */
  notes?: string[];
}

export interface FailedReport {
  identity: CommentIdentity;
  /** The command that failed: init, workspace select, plan, show. */
  stage: string;
  /** Scrubbed error output of the failed command. */
  errorText: string;
  fullPlanLocation: string;
}

/** From the most detailed to the least: each step shortens the address lists. */
const LIST_STYLES: ListStyle[] = [
  { kind: 'bullets' },
  { kind: 'inline', limit: Number.POSITIVE_INFINITY },
  { kind: 'inline', limit: 200 },
  { kind: 'inline', limit: 20 },
  { kind: 'inline', limit: 0 },
];

/**
 * Everything above the diffs. It degrades in the order the issue of size demands: first the address
 * lists (bullets, then inline, then capped), then the record's per-resource digests; if even that
 * does not fit, the verdict and the counts alone, which always do.
 */
function head(report: PlanReport, size: SizeLimit, footerRoom: number): string {
  const { summary } = report;
  const notes = (report.notes ?? []).filter((note) => note !== '').join('\n\n');
  const top = (record: ReviewRecord) => [markerLine(report.identity), recordLine(record), heading(report.identity)].join('\n');
  const slim: ReviewRecord = { checksum: report.record.checksum, counts: report.record.counts };
  const verdict = verdictLine(summary);
  if (!summary.hasChanges && summary.drift.length === 0) {
    const plain = [top(report.record), verdict, notes].filter((part) => part !== '').join('\n\n');
    return size.measure(plain) + footerRoom <= size.limit ? plain : [top(slim), verdict].join('\n\n');
  }
  for (const record of [report.record, slim]) {
    for (const style of LIST_STYLES) {
      const parts = [
        top(record),
        `${verdict}\n\n${countsTable(summary.counts)}`,
        notes,
        warnings(summary, style),
        resourceList(summary, style),
        outputList(summary, style),
        driftList(summary, style),
      ];
      const candidate = parts.filter((part) => part !== '').join('\n\n');
      if (size.measure(candidate) + footerRoom <= size.limit) return candidate;
    }
  }
  return [top(slim), `${verdict}\n\n${countsTable(summary.counts)}`].join('\n\n');
}

function diffFor(report: PlanReport, resource: PlanSummary['resources'][number]): string {
  const block = report.summary.planCount === 1 ? report.textBlocks.get(instanceKey(resource)) : undefined;
  return toDiffLines(block ?? jsonResourceDiff(resource));
}

/**
 * The PR comment (or step summary) for a plan. When the whole rendering does not fit the limit, the
 * verdict, counts and resource list stay, and the diffs stop at a resource boundary with a note
 * saying where the full plan is. Each diff section is whole or absent, so no fence is ever cut.
 */
export function renderPlan(report: PlanReport, size: SizeLimit = commentLimit): string {
  const { summary } = report;
  const total = summary.resources.length;
  const fullFooter = `_Full plan: ${report.fullPlanLocation}._`;
  const cutFooter = (shown: number) =>
    shown === 0
      ? `_Diffs left out to fit the size limit. Full plan: ${report.fullPlanLocation}._`
      : `_Diffs cut after ${shown} of ${total} resources to fit the size limit. Full plan: ${report.fullPlanLocation}._`;
  const diffHeading = '#### Diff';
  // Room for the separators, the diff heading and the longest footer.
  const footerRoom = size.measure(cutFooter(total)) + size.measure(diffHeading) + 6;
  const top = head(report, size, footerRoom);
  if (!summary.hasChanges) return summary.drift.length > 0 ? `${top}\n\n${fullFooter}` : top;
  const sections: string[] = [];
  let used = size.measure(top) + 2 + footerRoom;
  for (const resource of summary.resources) {
    const section = diffSection(resource, summary.planCount, diffFor(report, resource));
    const cost = size.measure(section) + 2;
    if (used + cost > size.limit) break;
    sections.push(section);
    used += cost;
  }
  const assemble = () => {
    const footer = sections.length === total ? fullFooter : cutFooter(sections.length);
    return [top, sections.length > 0 ? diffHeading : '', ...sections, footer].filter((part) => part !== '').join('\n\n');
  };
  let rendered = assemble();
  // Belt and braces: should the estimate above be off, drop whole sections until it fits.
  while (size.measure(rendered) > size.limit && sections.length > 0) {
    sections.pop();
    rendered = assemble();
  }
  return rendered;
}

const FAILED_STAGE: Record<string, string> = {
  init: '❌ **`terraform init` failed**, so there is no plan.',
  'workspace select': '❌ **Selecting the workspace failed**, so there is no plan.',
  plan: '❌ **The plan failed.**',
  show: '❌ **`terraform show` could not read the plan.**',
  'show -json': '❌ **`terraform show -json` could not read the plan.**',
};

/** A failed run: its error output, cut at a line so that the fence stays closed. */
export function renderFailure(report: FailedReport, size: SizeLimit = commentLimit): string {
  const headline = `${FAILED_STAGE[report.stage] ?? `❌ **\`terraform ${report.stage}\` failed.**`} Terraform said:`;
  const top = [markerLine(report.identity), heading(report.identity), headline].join('\n');
  const footer = `_Full output: ${report.fullPlanLocation}._`;
  let text = report.errorText === '' ? '(no error output)' : report.errorText;
  let block = codeBlock(text);
  const room = size.limit - size.measure(`${top}\n\n\n\n${footer}`) - 64;
  while (size.measure(block) > room && text.length > 0) {
    const lines = text.split('\n');
    text = lines.slice(0, Math.max(0, Math.floor(lines.length * 0.8))).join('\n');
    block = codeBlock(`${text}\n… (cut)`);
  }
  return `${top}\n\n${block}\n\n${footer}`;
}
