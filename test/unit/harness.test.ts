import { rmSync } from 'node:fs';
import { runAction } from '../../sandbox/runner/run-action.js';
import { SecretMasker } from '../../sandbox/runner/secret-masker.js';
import {
  OutputRecorder,
  linesShowing,
  outputLines,
  parseKeyValueFile,
  parseWorkflowCommands,
  replayOutput,
  runnerLog,
} from '../../sandbox/runner/workflow-commands.js';

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

  it('parses as the runner does: leading blanks, any case, the legacy ##[ form, unregistered names as text', () => {
    expect(parseWorkflowCommands('  ::Add-Mask::a%0ab\n##[warning]x%5Dy\n::no-such-command::z\n')).toEqual([
      // The runner's unescaping is case-sensitive: %0a stays as it is.
      { command: 'add-mask', properties: {}, message: 'a%0ab' },
      { command: 'warning', properties: {}, message: 'x]y' },
    ]);
  });
});

describe('masking as the runner does it', () => {
  it('shows a value printed before its mask line and masks it from that line on', () => {
    expect(runnerLog('early s3cret-value\n::add-mask::s3cret-value\nlate s3cret-value\n')).toBe('early s3cret-value\nlate ***\n');
  });

  it('masks each line of a multi-line value on its own, trimmed', () => {
    const log = runnerLog('::add-mask::first-line-x%0A  second-line-y  %0A\ngot first-line-x\ngot second-line-y, not  \n');
    expect(log).toBe('got ***\ngot ***, not  \n');
  });

  it('masks the encodings the runner registers (base64, JSON, URI) and merges overlapping values', () => {
    const masker = new SecretMasker();
    masker.addMask('p@ss w"rd!');
    expect(masker.mask(`b64 ${Buffer.from('p@ss w"rd!').toString('base64')}`)).toBe('b64 ***');
    expect(masker.mask('json p@ss w\\"rd! uri p%40ss%20w%22rd%21')).toBe('json *** uri ***');
    masker.addMask('abcdef');
    masker.addMask('defghi');
    expect(masker.mask('xabcdefghix')).toBe('x***x');
  });

  it('ignores a blank mask, as the runner does (it only warns)', () => {
    const masker = new SecretMasker();
    expect(masker.addMask('  ')).toBe(false);
    expect(masker.mask('a  b')).toBe('a  b');
  });

  it('does not process an add-mask while commands are stopped', () => {
    const log = runnerLog(
      '::stop-commands::tok\n::add-mask::hidden-value\nsay hidden-value\n::tok::\n::add-mask::hidden-value\nsay hidden-value\n',
    );
    expect(log).toBe('::stop-commands::tok\n::add-mask::hidden-value\nsay hidden-value\n::tok::\nsay ***\n');
  });

  it('keeps masks for the next step of the job (main, then post)', () => {
    const masker = new SecretMasker();
    replayOutput(outputLines('::add-mask::job-long-secret\n'), masker);
    expect(replayOutput(outputLines('post sees job-long-secret\n'), masker).log).toBe('post sees ***\n');
  });

  it('reads stderr too, in arrival order: commands on it count, and its lines are masked like stdout', () => {
    const recorder = new OutputRecorder();
    recorder.write('stderr', 'err before other-secret\n');
    recorder.write('stdout', '::add-mask::other-secret\r');
    recorder.write('stdout', '\nout after other-secret');
    recorder.write('stderr', '::add-mask::err-masked\nerr after other-secret err-masked\n');
    const { log, commands } = replayOutput(recorder.end(), new SecretMasker());
    expect(commands.map((command) => command.message)).toEqual(['other-secret', 'err-masked']);
    expect(log).toBe('err before other-secret\nerr after *** ***\nout after ***\n');
  });

  it('finds a secret in raw output outside its own mask line', () => {
    const step = { stdout: '::add-mask::raw-secret\nfine\n', stderr: 'oops raw-secret\n' };
    expect(linesShowing(step, 'raw-secret')).toEqual(['stderr: oops raw-secret']);
    expect(linesShowing({ ...step, stderr: '' }, 'raw-secret')).toEqual([]);
  });
});

describe('runAction masks like a runner', () => {
  it('shows what main printed before the mask, hides what it printed after on both streams, and keeps the mask for post', async () => {
    // An action of our own under test/fixtures (runAction looks under actions/, hence the relative name).
    const result = await runAction('../test/fixtures/runner-masking', {
      inputs: { secret: 'probe-secret-1\nprobe-secret-2' },
      timeoutMs: 20_000,
    });
    try {
      expect(result.exitCode).toBe(0);
      expect(result.log).toBe('before the mask: probe-secret-1\nafter the mask: ***\nafter the mask: ***\non stderr: ***\n');
      expect(result.post?.log).toBe('post step: ***\n');
      expect(linesShowing(result, 'probe-secret-1')).toEqual([
        'stdout: before the mask: probe-secret-1',
        'stdout: after the mask: probe-secret-1',
      ]);
    } finally {
      for (const path of [result.workspace, result.runnerTemp]) rmSync(path, { recursive: true, force: true });
    }
  });
});
