/**
 * Reads what an action wrote the way the runner reads it: `::command::` lines on stdout and the
 * GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE files (`name=value` or `name<<DELIMITER` heredocs).
 * Formats: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

const COMMAND_LINE = /^::([a-zA-Z-]+)(?: ([^:]*))?::(.*)$/;

function unescapeData(value: string): string {
  return value.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

function unescapeProperty(value: string): string {
  return unescapeData(value).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = COMMAND_LINE.exec(line);
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const at = pair.indexOf('=');
      if (at > 0) properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1));
    }
    commands.push({ command: match[1] ?? '', properties, message: unescapeData(match[3] ?? '') });
  }
  return commands;
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

/** What the runner shows in the log: command lines hidden, masked values replaced with `***`. */
export function runnerLog(stdout: string, masked: string[]): string {
  const visible = stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return [...masked].sort((a, b) => b.length - a.length).reduce((log, secret) => log.split(secret).join('***'), visible);
}
