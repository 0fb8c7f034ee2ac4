/**
 * Text from outside (container log lines, service events, stopped reasons, the `reason` input,
 * Terraform output, task-definition values) printed so that the runner cannot read a workflow
 * command in it.
 *
 * How the runner reads commands (actions/runner, src/Runner.Common/ActionCommand.cs and
 * src/Runner.Worker/ActionCommandManager.cs): it reads stdout line by line, a line ending at CR,
 * LF or CRLF; then
 * - `TryParseV2`: a line whose start, after .NET `TrimStart()` (every Unicode white space, U+0085
 *   and the line/paragraph separators included), is `::name …::data` is a command;
 * - `TryParse`, the old form: `##[name …]data` ANYWHERE in the line is a command.
 * So every line break the runner splits on starts a line of its own here, and in every line a
 * leading `::` and every `##[` get a ZERO WIDTH SPACE after their first character. U+200B is a
 * format character, not white space, so `TrimStart` keeps it and neither form matches, while the
 * line reads exactly as the application wrote it. ANSI escape sequences, other control characters
 * and bidirectional overrides (which can make a log line read differently from what it holds) are
 * removed.
 *
 * Why not `::stop-commands::<token>` around raw output: while commands are stopped, the runner
 * also ignores ours, so a secret masked meanwhile (`::add-mask::`, e.g. renewed credentials) would
 * be printed in clear, and a step that fails before the closing token leaves commands off for
 * the rest of the step, including its one `::error::` line. Escaping each line is stateless and
 * cannot be undone by anything the text contains.
 */

const ZERO_WIDTH_SPACE = '\u200B';

/** Every line break: the runner splits on CR and LF; viewers and terminals also on these. */
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;

/** ANSI CSI (colours, cursor moves) and OSC (titles, hyperlinks) sequences, removed whole. */
const ANSI_SEQUENCE = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)?/g;

/** C0/C1 controls except tab, DEL, and the bidirectional embedding/override/isolate marks. */
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** What .NET's TrimStart removes (char.IsWhiteSpace) before the runner looks for `::`. */
const LEADING_COMMAND = /^([\s\u0085]*):(?=:)/;

/** One line made harmless: no command of either form, no controls. */
export function safeLine(line: string): string {
  return line
    .replace(ANSI_SEQUENCE, '')
    .replace(CONTROL, '')
    .replace(LEADING_COMMAND, `$1:${ZERO_WIDTH_SPACE}`)
    .replace(/##\[/g, `#${ZERO_WIDTH_SPACE}#[`);
}

/** The lines of outside text, each made harmless. */
export function safeLines(text: string): string[] {
  return text.split(LINE_BREAK).map(safeLine);
}

/** Outside text ready for `core.info`: every line made harmless, joined with LF. */
export function safeText(text: string): string {
  return safeLines(text).join('\n');
}

/** Outside text on one line (line breaks shown as ` ⏎ `), for embedding in a message of our own. */
export function oneLine(text: string): string {
  return safeLines(text).join(' ⏎ ');
}

/** Longest quoted value an error line shows; longer ones are cut, with their full length said. */
export const QUOTE_LIMIT = 100;

/**
 * A value as an error line quotes it: on one line and at most `limit` characters, with an
 * ellipsis and the total length when cut (an error line that repeats a 100 KB input is unreadable).
 */
export function quoteValue(value: string, limit = QUOTE_LIMIT): string {
  const line = oneLine(value);
  if (line.length <= limit) return line;
  return `${[...line].slice(0, limit).join('')}… (${value.length} characters)`;
}
