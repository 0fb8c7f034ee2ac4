import { SecretMasker } from './secret-masker.js';

/**
 * Reads what an action wrote the way the runner reads it: `::command::` lines on stdout and stderr,
 * and the GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE files (`name=value` or `name<<DELIMITER` heredocs).
 * Formats: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 * Command parsing follows actions/runner: `src/Runner.Common/ActionCommand.cs` (`TryParseV2` for
 * `::name props::data`, the legacy `TryParse` for `##[name props]data`, their unescaping, which is
 * case-sensitive) and `src/Runner.Worker/ActionCommandManager.cs` (registered names, matched
 * case-insensitively; `stop-commands` pauses processing until its token comes back).
 * `src/Runner.Worker/Handlers/NodeScriptActionHandler.cs` feeds stdout and stderr through the same
 * command manager, and `OutputManager.cs` writes every line that is not a command to the log.
 */

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export type OutputStream = 'stdout' | 'stderr';

/** One line a step wrote, in the order the lines arrived. */
export interface OutputLine {
  stream: OutputStream;
  text: string;
}

/** What the log of one step shows, and the commands the runner processed in it. */
export interface StepView {
  log: string;
  commands: WorkflowCommand[];
}

// The commands the runner registers (ActionCommandManager's extensions, plus stop-commands).
const REGISTERED: ReadonlySet<string> = new Set([
  ...['add-mask', 'add-path', 'set-env', 'set-output', 'save-state', 'add-matcher', 'remove-matcher'],
  ...['debug', 'notice', 'warning', 'error', 'group', 'endgroup', 'echo', 'stop-commands'],
]);

const DATA_ESCAPES: [string, string][] = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%'],
];
const PROPERTY_ESCAPES: [string, string][] = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%3A', ':'],
  ['%2C', ','],
  ['%25', '%'],
];
const LEGACY_ESCAPES: [string, string][] = [
  ['%3B', ';'],
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%5D', ']'],
  ['%25', '%'],
];

function unescape(value: string, escapes: [string, string][]): string {
  return escapes.reduce((text, [escaped, plain]) => text.split(escaped).join(plain), value);
}

function properties(text: string, separator: string, escapes: [string, string][]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of text.split(separator).filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at > 0 && at < pair.length - 1) result[pair.slice(0, at)] = unescape(pair.slice(at + 1), escapes);
  }
  return result;
}

/** One line as a command, or undefined when the runner would show it as output. */
function parseCommand(line: string, registered: ReadonlySet<string>): WorkflowCommand | undefined {
  const message = line.trimStart();
  if (message.startsWith('::')) {
    const end = message.indexOf('::', 2);
    if (end < 0) return undefined;
    const info = message.slice(2, end);
    const space = info.indexOf(' ');
    const name = space < 0 ? info : info.slice(0, space);
    if (!registered.has(name.toLowerCase())) return undefined;
    const props = space < 0 ? {} : properties(info.slice(space + 1).trim(), ',', PROPERTY_ESCAPES);
    return { command: name.toLowerCase(), properties: props, message: unescape(message.slice(end + 2), DATA_ESCAPES) };
  }
  const prefix = line.indexOf('##[');
  const close = prefix < 0 ? -1 : line.indexOf(']', prefix);
  if (close < 0) return undefined;
  const info = line.slice(prefix + 3, close);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!registered.has(name.toLowerCase())) return undefined;
  const props = space < 0 ? {} : properties(info.slice(space + 1), ';', LEGACY_ESCAPES);
  return { command: name.toLowerCase(), properties: props, message: unescape(line.slice(close + 1), LEGACY_ESCAPES) };
}

/**
 * Replays a step's output through the runner: commands are processed in order, `::add-mask::` adds
 * to `masker` (which outlives the step, as the job's does), and every other line is written to the
 * log masked with the values registered *so far* — a value printed before its mask line shows.
 * Other command lines stay in the log verbatim (masked): the runner renders them as annotations,
 * groups or debug lines, and they are where the tests look for them.
 */
export function replayOutput(lines: readonly OutputLine[], masker: SecretMasker): StepView {
  const registered = new Set(REGISTERED);
  const commands: WorkflowCommand[] = [];
  let log = '';
  let stopToken: string | undefined;
  for (const { text } of lines) {
    const command = parseCommand(text, registered);
    if (command && stopToken !== undefined) {
      if (command.command === stopToken.toLowerCase()) {
        registered.delete(stopToken.toLowerCase());
        stopToken = undefined;
      }
    } else if (command?.command === 'stop-commands') {
      stopToken = command.message;
      registered.add(stopToken.toLowerCase());
    } else if (command) {
      commands.push(command);
      if (command.command === 'add-mask') {
        masker.addMask(command.message);
        continue;
      }
    }
    log += `${masker.mask(text)}\n`;
  }
  return { log, commands };
}

/** Splits one stream into lines as the runner's reader does (`\r\n`, `\n` or a lone `\r` ends a line). */
export function outputLines(text: string, stream: OutputStream = 'stdout'): OutputLine[] {
  const recorder = new OutputRecorder();
  recorder.write(stream, text);
  return recorder.end();
}

/** Collects a child's stdout and stderr line by line, in arrival order across the two streams. */
export class OutputRecorder {
  private readonly lines: OutputLine[] = [];
  private readonly pending: Record<OutputStream, string> = { stdout: '', stderr: '' };

  write(stream: OutputStream, chunk: string): void {
    let text = this.pending[stream] + chunk;
    // A trailing \r may be the first half of \r\n: wait for the next chunk.
    for (let match = /\r\n|\n|\r(?!$)/.exec(text); match; match = /\r\n|\n|\r(?!$)/.exec(text)) {
      this.lines.push({ stream, text: text.slice(0, match.index) });
      text = text.slice(match.index + match[0].length);
    }
    this.pending[stream] = text;
  }

  /** The lines, once the streams have closed (an unterminated last line counts as a line). */
  end(): OutputLine[] {
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.pending[stream].replace(/\r$/, '');
      if (this.pending[stream] !== '') this.lines.push({ stream, text: rest });
      this.pending[stream] = '';
    }
    return this.lines;
  }
}

/** The commands in one stream of output (no masks involved). */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  return replayOutput(outputLines(stdout), new SecretMasker()).commands;
}

/** What the runner shows for one stream of output, with masks already registered in `masker`. */
export function runnerLog(stdout: string, masker = new SecretMasker()): string {
  return replayOutput(outputLines(stdout), masker).log;
}

/** Parses a GITHUB_OUTPUT/GITHUB_ENV/GITHUB_STATE file. Later values win, as on the runner. */
export function parseKeyValueFile(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc;
      const value: string[] = [];
      index++;
      while (index < lines.length && lines[index] !== delimiter) value.push(lines[index++] ?? '');
      if (index >= lines.length) throw new Error(`unterminated heredoc for '${name}' (delimiter ${delimiter})`);
      result[name] = value.join('\n');
      continue;
    }
    const at = line.indexOf('=');
    if (at <= 0) throw new Error(`malformed line in file command: '${line}'`);
    result[line.slice(0, at)] = line.slice(at + 1);
  }
  return result;
}

/**
 * The lines of a step's raw stdout and stderr, other than `::add-mask::` commands, that contain
 * `secret`. Stricter than the log: a value printed before its mask line shows on a runner, and one
 * printed after it is hidden only by the runner's masker, so a leak check should find neither.
 */
export function linesShowing(step: { stdout: string; stderr: string }, secret: string): string[] {
  return [...outputLines(step.stdout), ...outputLines(step.stderr, 'stderr')]
    .filter(({ text }) => text.includes(secret) && parseCommand(text, REGISTERED)?.command !== 'add-mask')
    .map(({ stream, text }) => `${stream}: ${text}`);
}
