import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/lib/errors.js';
import { fileRoots, readInputFile, resolveInputPath } from '../../../src/lib/input-files.js';

const SECRET = 'CANARYoutside-content';
let root: string;
let workspace: string;
let runnerTemp: string;
let outside: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'input-files-'));
  workspace = join(root, 'workspace');
  runnerTemp = join(root, 'temp');
  outside = join(root, 'outside');
  for (const dir of [workspace, runnerTemp, outside, join(workspace, 'dir')]) mkdirSync(dir);
  writeFileSync(join(workspace, 'policy.json'), '{}');
  writeFileSync(join(runnerTemp, 'rendered.json'), '{"rendered": true}');
  writeFileSync(join(outside, 'secret.json'), SECRET);
  symlinkSync(join(outside, 'secret.json'), join(workspace, 'link.json'));
  symlinkSync(outside, join(workspace, 'linked-dir'));
  symlinkSync(join(workspace, 'policy.json'), join(workspace, 'inner-link.json'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    expect(error.input).toBe('policy');
    expect(error.message).not.toContain(SECRET);
    return error.message;
  }
  throw new Error('expected an InputError');
}

describe('resolveInputPath', () => {
  const roots = () => ({ baseDir: workspace, runnerTemp });

  it('accepts files in the workspace (relative, absolute, through an inner symlink) and under RUNNER_TEMP', () => {
    expect(readInputFile('policy', 'policy.json', roots())).toBe('{}');
    expect(readInputFile('policy', join(workspace, 'policy.json'), roots())).toBe('{}');
    expect(readInputFile('policy', 'inner-link.json', roots())).toBe('{}');
    expect(readInputFile('policy', join(runnerTemp, 'rendered.json'), roots())).toBe('{"rendered": true}');
    expect(resolveInputPath('policy', 'dir', { ...roots(), kind: 'directory' })).toMatch(/dir$/);
  });

  const refused: [string, string, RegExp][] = [
    ['a traversal', '../outside/secret.json', /'\.\.\/outside\/secret\.json' lies outside the workspace/],
    ['a deep traversal', '../../../../../../etc/passwd', /lies outside the workspace/],
    ['an absolute path elsewhere', '/etc/passwd', /lies outside the workspace/],
    ['a traversal to a file that does not exist', '../outside/none.json', /lies outside the workspace/],
    ['a symlink to a file outside', 'link.json', /'link\.json' is a symbolic link to a path outside the workspace/],
    ['a path through a symlinked directory', 'linked-dir/secret.json', /symbolic link to a path outside the workspace/],
    ['a directory', 'dir', /'dir' is a directory/],
    ['a missing file', 'none.json', /file 'none\.json' does not exist/],
  ];
  it.each(refused)('refuses %s, naming the input', (_name, value, message) => {
    expect(failure(() => readInputFile('policy', value, roots()))).toMatch(message);
  });

  it('allows RUNNER_TEMP only when it is given', () => {
    expect(failure(() => readInputFile('policy', join(runnerTemp, 'rendered.json'), { baseDir: workspace }))).toMatch(/outside/);
  });

  it('refuses a file where a directory goes', () => {
    expect(failure(() => resolveInputPath('policy', 'policy.json', { ...roots(), kind: 'directory' }))).toMatch(/is not a directory/);
  });

  it('reads the roots from the runner variables', () => {
    expect(fileRoots({ GITHUB_WORKSPACE: '/w', RUNNER_TEMP: '/t' })).toEqual({ baseDir: '/w', runnerTemp: '/t' });
    expect(fileRoots({})).toEqual({});
  });
});
