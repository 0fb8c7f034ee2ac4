/**
 * Job summaries and the plan comment are GitHub-flavoured markdown; the demo prints them as a terminal
 * would show the rendered page: headings as lines of their own, tables aligned in columns, inline
 * marks (`code`, **bold**, links) reduced to their text, HTML comments gone. What the page keeps
 * folded stays folded: a `<details>` block prints as its summary line, and a long code block (the
 * session policy JSON, a Terraform diff) as one line saying what it holds.
 */

/** Code blocks up to this many lines print in full; longer ones print folded. */
const CODE_LINES_SHOWN = 6;
/** Tables longer than this print their first and last rows around a count of those left out. */
const TABLE_ROWS_SHOWN = 12;

export interface PlainOptions {
  /** Wraps heading text (bold on a terminal). */
  heading?: (text: string) => string;
}

export function plainMarkdown(markdown: string, options: PlainOptions = {}): string[] {
  const heading = options.heading ?? ((text: string) => text);
  const lines = markdown.replace(/<!--[\s\S]*?-->/g, '').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = /^\s*```(\w*)/.exec(line);
    if (fence) {
      const end = findIndex(lines, i + 1, (l) => /^\s*```\s*$/.test(l));
      const body = lines.slice(i + 1, end);
      if (body.length <= CODE_LINES_SHOWN) out.push(...body.map((l) => `  ${l}`));
      else out.push(`▸ ${fence[1] || 'text'} (${body.length} lines, folded)`);
      i = end;
      continue;
    }
    if (/^\s*<details>/.test(line)) {
      const end = findIndex(lines, i, (l) => /<\/details>/.test(l));
      const summary = /<summary>([\s\S]*?)<\/summary>/.exec(lines.slice(i, end + 1).join('\n'))?.[1] ?? 'details';
      out.push(`▸ ${inline(stripTags(summary))}`);
      i = end;
      continue;
    }
    if (line.trimStart().startsWith('|')) {
      const end = findIndex(lines, i, (l) => !l.trimStart().startsWith('|')) - 1;
      out.push(...table(lines.slice(i, end + 1)));
      i = end;
      continue;
    }
    const title = /^#{1,6}\s+(.*)$/.exec(line);
    if (title) {
      if (out.length > 0 && out.at(-1) !== '') out.push('');
      out.push(heading(inline(title[1] ?? '')));
      continue;
    }
    const item = /^(\s*)[-*]\s+(.*)$/.exec(line);
    if (item) {
      out.push(`${item[1] ?? ''}• ${inline(item[2] ?? '')}`);
      continue;
    }
    const quote = /^>\s?(.*)$/.exec(line);
    out.push(quote ? `│ ${inline(quote[1] ?? '')}` : inline(line));
  }
  // Blank lines as the page spaces paragraphs: never two in a row, none between folded blocks, none at either end.
  const folded = (l: string | undefined) => l?.startsWith('▸ ') ?? false;
  const blank = (l: string | undefined) => l?.trim() === '';
  return out
    .filter((l, n) => !blank(l) || (n > 0 && !blank(out[n - 1]) && !(folded(out[n - 1]) && folded(out.slice(n).find((x) => !blank(x))))))
    .join('\n')
    .trim()
    .split('\n');
}

/** The first index from `start` whose line matches, else the length (an unclosed block runs to the end). */
function findIndex(lines: string[], start: number, match: (line: string) => boolean): number {
  for (let i = start; i < lines.length; i++) if (match(lines[i] ?? '')) return i;
  return lines.length;
}

function stripTags(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Inline marks to their text: links, code spans, bold and italics, backslash escapes. */
function inline(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|\s)_([^_]+)_(?=\s|$|[.,;:])/g, '$1$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>])/g, '$1');
}

/** A pipe table as aligned columns; an empty header row (a key–value table) is left out. */
function table(rows: string[]): string[] {
  const cells = rows
    .filter((row) => !/^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(row))
    .map((row) =>
      row
        .trim()
        .replace(/^\||\|$/g, '')
        .split(/(?<!\\)\|/)
        .map((cell) => inline(cell.trim())),
    );
  if (cells[0]?.every((cell) => cell === '')) cells.shift();
  const shown =
    cells.length > TABLE_ROWS_SHOWN + 1
      ? [
          ...cells.slice(0, 1 + TABLE_ROWS_SHOWN / 2),
          [`⋮ ${cells.length - 1 - TABLE_ROWS_SHOWN} rows`],
          ...cells.slice(-TABLE_ROWS_SHOWN / 2),
        ]
      : cells;
  const widths: number[] = [];
  for (const row of shown) if (row.length > 1) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return shown.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length)))
      .join('  ')
      .trimEnd(),
  );
}
