import type { CallerJobRecord } from '../../sandbox/runner/caller-workflow.js';
import type { StepRecord } from '../../sandbox/runner/workflow-steps.js';
import { plainMarkdown } from './plain-markdown.js';

/**
 * The demo's output, laid out as the Actions UI lays out a run: a header per workflow run, a block per
 * job (`<caller job> / <called job>`, as GitHub names the jobs of a reusable workflow) with ✓/✗ and its
 * time, the job's steps under it, each step's log indented beneath it and trimmed to what matters,
 * then the job summary rendered as the summary page shows it. Jobs print as they end, so the demo
 * reads as a live log. Every caller job also goes into the closing table.
 */

const tty = process.stdout.isTTY;
export const bold = (text: string) => (tty ? `\x1b[1m${text}\x1b[0m` : text);
const dim = (text: string) => (tty ? `\x1b[2m${text}\x1b[0m` : text);
const MARK: Record<string, string> = { success: '✓', failure: '✗', skipped: '⊘' };
const WIDTH = 78;

/** A step log longer than this keeps its first lines, the lines that say what happened, and its last lines. */
const LOG_LINES_SHOWN = 12;
/** Lines of a long log that are kept wherever they are: annotations and the verdicts of each action. */
const TELLING =
  /^(Error|Warning|Notice): |matches the one reviewed|Rolled back|Rollback finished|succeeded:|failed:|^Plan|Apply complete|No changes|stand-in|comment (created|updated)/;

/**
 * How much of a run to print: everything; logs but no job summary (the plan run, whose summary is the
 * comment printed after it); or jobs and steps only (a repeat of a run already shown).
 */
export type Detail = 'full' | 'logs' | 'brief';

export interface TableRow {
  /** What started the run, shortly (`PR #2`, `merge #2`, `dispatch`). */
  run: string;
  workflow: string;
  job: string;
  result: string;
  durationMs: number;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export class ActionsView {
  readonly rows: TableRow[] = [];
  private workflow = '';
  private detail: Detail = 'full';
  private jobStarted = Date.now();
  private run = '';
  /** The first heading of every summary and comment printed so far: a later one with the same heading prints folded. */
  private readonly shown = new Set<string>();

  /** A workflow run starts: its header, then its jobs as they end (jobEnded). */
  runStarted(run: string, workflow: string, trigger: string, detail: Detail): void {
    this.run = run;
    this.workflow = workflow;
    this.detail = detail;
    this.jobStarted = Date.now();
    console.log(
      `\n${bold(`━━ ${workflow} `)}${dim(`· ${trigger} `)}${bold('━'.repeat(Math.max(3, WIDTH - workflow.length - trigger.length - 6)))}`,
    );
  }

  /** A caller job ended: the jobs of the workflow it called, with their steps, logs and summary. */
  jobEnded(job: CallerJobRecord): void {
    const durationMs = Date.now() - this.jobStarted;
    this.jobStarted = Date.now();
    const file = job.uses.replace(/^.*\/(.*?)@.*$/, '$1');
    this.rows.push({ run: this.run, workflow: this.workflow, job: job.id, result: job.result, durationMs });
    if (!job.run) {
      console.log(`\n${MARK.skipped} ${bold(job.id)} ${dim(`(${file}) skipped: a job it needs did not succeed`)}`);
      return;
    }
    for (const called of Object.values(job.run.jobs)) {
      const where = called.environment ? ` · environment ${called.environment}` : '';
      const jobMs = called.steps.reduce((sum, step) => sum + (step.durationMs ?? 0), 0);
      console.log(
        `\n${MARK[called.result]} ${bold(`${job.id} / ${called.id}`)} ${dim(`(${file}${where})`)}${pad(`${job.id} / ${called.id} (${file}${where})`, 2)}${seconds(jobMs)}`,
      );
      if (called.review) console.log(`    required reviewers: ${called.review}`);
      for (const step of called.steps) this.step(step);
      const summaries = called.steps.map((step) => step.result?.summary.trim() ?? '').filter(Boolean);
      if (this.detail === 'logs' && summaries.length > 0)
        console.log(dim(`\n    Summary of ${job.id} / ${called.id}: as the comment below`));
      if (this.detail === 'full' && summaries.length > 0) {
        console.log(`\n    ${bold(`Summary of ${job.id} / ${called.id}`)}`);
        for (const summary of summaries) this.markdown(summary, '    │ ');
      }
    }
  }

  /**
   * Markdown as the page renders it, each line behind `prefix`. A summary whose heading was printed
   * before (every job's AWS credentials, the apply's plan after the comment) prints as that heading only.
   */
  markdown(markdown: string, prefix: string): void {
    const lines = plainMarkdown(markdown, { heading: bold }).map(shorten);
    const heading = /^#{1,6}\s+(.*)$/m.exec(markdown.replace(/<!--[\s\S]*?-->/g, ''))?.[1];
    const title = heading === undefined ? undefined : plainMarkdown(heading)[0];
    if (title !== undefined && this.shown.has(title)) {
      console.log(`${prefix}${dim(`▸ ${title} (as shown above)`)}`);
      return;
    }
    if (title !== undefined) this.shown.add(title);
    for (const line of lines) console.log(`${prefix}${line}`.trimEnd());
    console.log(prefix.trimEnd());
  }

  private step(step: StepRecord): void {
    // Actions from outside the suite (checkout, setup-terraform) are no-ops here: the checkout is a copy of the example.
    const noOp = step.kind === 'stand-in' && !step.uses?.startsWith('$/');
    const title = `${MARK[step.outcome]} ${step.name}`;
    const time = step.outcome === 'skipped' ? '' : seconds(step.durationMs ?? 0);
    const shownTitle = step.outcome === 'skipped' ? dim(title) : noOp ? `${title} ${dim('(no-op here)')}` : title;
    console.log(`  ${shownTitle}${pad(noOp ? `${title} (no-op here)` : title, 4)}${time}`.trimEnd());
    if (step.outcome === 'skipped' || noOp) return;
    const log = trimmedLog(step.log).map(shorten);
    // A brief run still shows why a step failed.
    const shown = this.detail !== 'brief' ? log : log.filter((line) => /^Error: /.test(line));
    for (const line of shown) console.log(`      ${line}`);
  }

  /** A line of narration under a run: what it showed. */
  note(text: string): void {
    console.log(`\n  ${bold('→')} ${text}`);
  }

  /** The closing table: every caller job of every run, in order. */
  printTable(): void {
    const header = ['run', 'workflow', 'job', 'outcome', 'duration'];
    const rows = this.rows.map((r) => [
      r.run,
      r.workflow,
      r.job,
      `${MARK[r.result]} ${r.result}`,
      r.result === 'skipped' ? '—' : seconds(r.durationMs),
    ]);
    const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
    const line = (cells: string[]) =>
      `  ${cells.map((cell, i) => (i === cells.length - 1 ? cell.padStart(widths[i] ?? 0) : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length))).join('  ')}`;
    console.log(bold(line(header)));
    for (const row of rows) console.log(line(row));
  }
}

/** Digests to their first 12 hex digits, as the UI's narrow columns show them: the records keep them whole. */
function shorten(line: string): string {
  return line.replace(/sha256:([0-9a-f]{12})[0-9a-f]{52}/g, 'sha256:$1…');
}

/** Spaces that put the duration at the right edge after `text` (printed with `indent` spaces before it). */
function pad(text: string, indent: number): string {
  return ' '.repeat(Math.max(2, WIDTH - indent - [...text].length - 7));
}

/**
 * The log as the Actions UI shows it (annotations as "Error:"/"Warning:", debug lines hidden), without
 * Node's SDK support notice and blank lines; of a long log, only its first lines, its telling lines
 * and its last lines, with a count of those left out.
 */
export function trimmedLog(log: string): string[] {
  const lines: string[] = [];
  let inNodeWarning = false;
  for (const raw of log.split('\n')) {
    if (/^\(node:\d+\) Warning:/.test(raw)) inNodeWarning = true;
    if (inNodeWarning) {
      if (/^\(Use `node --trace-warnings/.test(raw)) inNodeWarning = false;
      continue;
    }
    if (raw.trim() === '' || raw.startsWith('::debug::') || /^::(group|endgroup)::/.test(raw)) continue;
    lines.push(
      raw
        .replace(/^::error::/, 'Error: ')
        .replace(/^::warning::/, 'Warning: ')
        .replace(/^::notice::/, 'Notice: '),
    );
  }
  if (lines.length <= LOG_LINES_SHOWN) return lines;
  // Indented lines are detail (Terraform's diff, a stopped task's last lines, which the summary lists).
  const outline = lines.flatMap((line, i) => (/^\s/.test(line) || /^[\]}),]+$/.test(line) ? [] : [i]));
  const keep = new Set(outline.filter((i, n) => n < 3 || n >= outline.length - 4 || TELLING.test(lines[i] ?? '')));
  const shown: string[] = [];
  let skipped = 0;
  lines.forEach((line, i) => {
    if (!keep.has(i)) return void skipped++;
    if (skipped > 0) shown.push(dim(`⋮ ${skipped} more line${skipped === 1 ? '' : 's'}`));
    skipped = 0;
    shown.push(line);
  });
  if (skipped > 0) shown.push(dim(`⋮ ${skipped} more line${skipped === 1 ? '' : 's'}`));
  return shown;
}
