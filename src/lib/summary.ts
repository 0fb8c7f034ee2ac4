/** Every line break CommonMark or a browser honours: a lone CR ends a table row too. */
const LINE_BREAKS = /\r\n|[\n\r\u2028\u2029]/g;

/** GitHub rejects a step summary larger than 1 MiB. */
export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** Escapes text so it shows literally in markdown and cannot open HTML, links or code spans. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(LINE_BREAKS, ' ');
}

/** Inline code that survives backticks inside the value. */
export function inlineCode(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(LINE_BREAKS, ' ')}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function codeBlock(text: string, language = ''): string {
  const longestRun = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}

/**
 * A markdown table. Whatever a cell holds, it cannot end its row or the table (`|` and every line
 * break are escaped) nor open HTML (`<` outside code spans; a code span shows `&lt;` literally,
 * and cannot open HTML anyway). Cells should still be escaped or `inlineCode`-formatted first.
 */
export function markdownTable(headers: string[], rows: string[][]): string {
  const cell = (text: string) => {
    const flat = text.replace(/\|/g, '\\|').replace(LINE_BREAKS, ' ');
    return flat.includes('`') ? flat : flat.replace(/</g, '&lt;');
  };
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** A collapsible section. */
export function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** Cuts markdown to `limitBytes` (UTF-8) at a line boundary, saying that it was cut. */
export function fitToBytes(markdown: string, limitBytes: number, notice = '\n\n_… cut to fit the size limit._\n'): string {
  if (Buffer.byteLength(markdown, 'utf8') <= limitBytes) return markdown;
  const budget = limitBytes - Buffer.byteLength(notice, 'utf8');
  let cut = Buffer.from(markdown, 'utf8').subarray(0, Math.max(0, budget)).toString('utf8');
  cut = cut.replace(/\uFFFD$/, '');
  const lastNewline = cut.lastIndexOf('\n');
  return `${lastNewline > 0 ? cut.slice(0, lastNewline) : cut}${notice}`;
}
