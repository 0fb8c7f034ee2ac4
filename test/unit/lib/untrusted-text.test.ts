import { parseWorkflowCommands } from '../../../sandbox/runner/workflow-commands.js';
import { oneLine, quoteValue, safeLine, safeLines, safeText } from '../../../src/lib/untrusted-text.js';

/**
 * The runner's two command forms (actions/runner ActionCommand.TryParseV2 and TryParse): a line
 * that starts with `::name::` after .NET TrimStart, or holds `##[name]` anywhere. Lines end at CR or LF.
 */
function runnerCommands(stdout: string): string[] {
  const commands: string[] = [];
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    const v2 = /^[\s\u0085]*::([A-Za-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
    if (v2) commands.push(`${v2[1]}:${v2[2]}`);
    const legacy = /##\[([A-Za-z-]+)[^\]]*\](.*)$/.exec(line);
    if (legacy) commands.push(`${legacy[1]}:${legacy[2]}`);
  }
  return commands;
}

describe('safeText', () => {
  /** [what, text, whether the runner would run a command in it as it is]. */
  const attacks: [string, string, boolean][] = [
    ['LF then ::error::', 'started\n::error::pwned', true],
    ['CR then ::add-mask::', 'started\r::add-mask::x', true],
    ['CRLF then a command', 'a\r\n::warning file=a.ts::pwned', true],
    ['a line that starts with ::', '::error title=x::pwned', true],
    ['leading spaces and tabs', ' \t ::error::pwned', true],
    ['leading Unicode white space', '\u00A0\u2003\u3000::error::pwned', true],
    ['the old form mid-line', 'GET /?q=##[error]pwned', true],
    ['the old form after a CR', 'x\r##[add-mask]x', true],
    ['stop-commands', '::stop-commands::abc', true],
    // Not commands for today's runner; split or stripped all the same, as terminals and viewers break there.
    ['NEL then a command', 'a\u0085::error::pwned', false],
    ['line separator then a command', 'a\u2028::error::pwned', false],
    ['a control character before ::', '\u0007::error::pwned', false],
    ['an ANSI colour before ::', '\u001B[31m::error::pwned', false],
  ];

  it.each(attacks)('leaves no command in %s', (_name, text, live) => {
    // The check would see the attack: raw, the runner would run a command.
    if (live) expect(runnerCommands(`${text}\n`)).not.toEqual([]);
    expect(runnerCommands(`${safeText(text)}\n`)).toEqual([]);
    // So does the harness, which reads output as the runner does.
    expect(parseWorkflowCommands(`${safeText(text)}\nafter\n::error::ours\n`)).toEqual([
      { command: 'error', properties: {}, message: 'ours' },
    ]);
    // The text itself is still shown.
    expect(safeText(text).replace(/\u200B/g, '')).toContain(text.slice(-3));
  });

  it('keeps ordinary lines as they are', () => {
    const text = 'GET /health 200 0.4ms\n{"level":"info","msg":"ready: a::b"}\ttab kept';
    expect(safeText(text)).toBe(text);
  });

  it('removes ANSI sequences, controls and bidirectional overrides', () => {
    expect(safeLine('\u001B[1;31mred\u001B[0m \u202Eevil\u202C\u0000!')).toBe('red evil!');
  });

  it('splits on every line break kind', () => {
    expect(safeLines('a\r\nb\rc\nd\u2028e')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(oneLine('a\nb')).toBe('a ⏎ b');
  });
});

describe('quoteValue', () => {
  it('keeps short values and cuts long ones, saying their length', () => {
    expect(quoteValue('short')).toBe('short');
    const long = 'x'.repeat(100_000);
    const quoted = quoteValue(long);
    expect(quoted.length).toBeLessThan(140);
    expect(quoted).toMatch(/^x{100}… \(100000 characters\)$/);
  });
});
