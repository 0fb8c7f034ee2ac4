/**
 * Reads the human plan (`terraform show -no-color <planfile>`): the per-resource blocks the comment
 * shows as diffs, and Terraform's own `Plan:` line, which tests hold the JSON counts against.
 */

export interface TextCounts {
  import: number;
  add: number;
  change: number;
  destroy: number;
  forget: number;
}

/** An address: dots and names, with `[0]` or `["quoted key"]` indexes that may hold spaces. */
const ADDRESS = String.raw`((?:[^\s[]|\[(?:"(?:[^"\\]|\\.)*"|\d+)\])+)`;

/**
 * `  # <address> will be created` and friends; a forget (`removed` block) is printed with ONE leading
 * space (` # <address> will no longer be managed by Terraform`). A deposed object keeps its own block.
 */
const BLOCK_HEADER = new RegExp(String.raw`^ {1,2}# ${ADDRESS}( \(deposed object \w+\))? (?:will|must|has|is|are)\b`);

/** A move names the old address first: the block belongs to the new one. */
const MOVED_TO = new RegExp(String.raw` has moved to ${ADDRESS}`);

/** Headers of the parts of `terraform plan` output that are not per-resource blocks. */
const SECTION_END =
  /^(?:Plan: |Changes to Outputs:|No changes\.|Warning: |Error: |─{5,}|Note: Objects have changed|Terraform detected the following changes made outside)/;

const ACTIONS_START = /^Terraform (?:will perform|planned) the following actions/;

const PLAN_LINE = /^Plan: (?:(\d+) to import, )?(\d+) to add, (\d+) to change, (\d+) to destroy(?:, (\d+) to forget)?\./m;

/** Terraform's own counts, when the text has a `Plan:` line. */
export function parsePlanLine(text: string): TextCounts | undefined {
  const match = PLAN_LINE.exec(text);
  if (!match) return undefined;
  const number = (group: string | undefined) => (group === undefined ? 0 : Number(group));
  return { import: number(match[1]), add: number(match[2]), change: number(match[3]), destroy: number(match[4]), forget: number(match[5]) };
}

/**
 * The block of text for each resource address, in plan order. Only the "will perform the following
 * actions" part is read when there is one, so drift blocks (changed outside Terraform) are not taken
 * for planned changes. A deposed object's block is keyed "<address> (deposed object <key>)".
 */
export function splitResourceBlocks(text: string): Map<string, string> {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => ACTIONS_START.test(line));
  const blocks = new Map<string, string>();
  let address: string | undefined;
  let current: string[] = [];
  const flush = () => {
    if (address !== undefined && !blocks.has(address)) blocks.set(address, trimBlankLines(current).join('\n'));
    address = undefined;
    current = [];
  };
  for (const line of lines.slice(start < 0 ? 0 : start + 1)) {
    const header = BLOCK_HEADER.exec(line);
    if (header?.[1] !== undefined) {
      flush();
      // Keyed like `instanceKey`: "<address> (deposed object <key>)" for a deposed object.
      address = `${MOVED_TO.exec(line)?.[1] ?? header[1]}${header[2] ?? ''}`;
      current = [line];
    } else if (SECTION_END.test(line)) {
      flush();
      if (start >= 0 && line.startsWith('Plan: ')) break;
    } else if (address !== undefined) {
      current.push(line);
    }
  }
  flush();
  return blocks;
}

function trimBlankLines(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && (lines[end - 1] ?? '').trim() === '') end -= 1;
  return lines.slice(0, end);
}

/** The `Changes to Outputs:` part, if any. */
export function outputsSection(text: string): string | undefined {
  const match = /^Changes to Outputs:\n((?:[ \t]+.*\n?|\n(?=[ \t]))*)/m.exec(text);
  return match?.[1]?.replace(/\n+$/, '');
}

/**
 * Puts a diff sign in column one so a ```diff block colours Terraform's markers (`~` and `<=` become
 * `!`, which diff highlighting shows as changed). Only indentation is replaced: content is untouched.
 */
export function toDiffLines(block: string): string {
  return block
    .split('\n')
    .map((line) => {
      const match = /^ (\s*)(-\/\+|\+\/-|<=|[+~-])( |$)/.exec(line);
      if (!match) return line;
      const marker = match[2] ?? '';
      const sign = marker === '~' || marker === '<=' ? '!' : marker.startsWith('-') ? '-' : '+';
      return `${sign}${line.slice(1)}`;
    })
    .join('\n');
}

/** The diagnostics of a failed run: from the first `Error:` (or `│ Error:`) to the end. */
export function errorOutput(text: string): string {
  const at = text.search(/^(?:[│╷] ?)?Error: /m);
  return (at < 0 ? text : text.slice(at)).trim();
}
