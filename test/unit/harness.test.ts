import { parseKeyValueFile, parseWorkflowCommands, runnerLog } from '../../sandbox/runner/workflow-commands.js';

describe('runner file and command formats', () => {
  it('parses heredoc and plain lines in GITHUB_OUTPUT', () => {
    const text = 'a=1\nmulti<<ghadelimiter_1\nline 1\nline 2\nghadelimiter_1\nb=x=y\n';
    expect(parseKeyValueFile(text)).toEqual({ a: '1', multi: 'line 1\nline 2', b: 'x=y' });
    expect(() => parseKeyValueFile('x<<EOF\nnever closed\n')).toThrow('unterminated heredoc');
  });

  it('decodes workflow commands and their properties', () => {
    const commands = parseWorkflowCommands('hello\n::error title=A%3AB::line1%0Aline2 100%25\n::add-mask::s3cret\n');
    expect(commands).toEqual([
      { command: 'error', properties: { title: 'A:B' }, message: 'line1\nline2 100%' },
      { command: 'add-mask', properties: {}, message: 's3cret' },
    ]);
  });

  it('shows the log as the runner does: masks applied, mask commands hidden', () => {
    expect(runnerLog('::add-mask::s3cret\nvalue is s3cret\n', ['s3cret'])).toBe('value is ***\n');
  });
});
