import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// runStep is exercised in a child process: it sets process.exitCode and writes workflow commands.
const root = fileURLToPath(new URL('../../..', import.meta.url));

function runScript(body: string, env: Record<string, string> = {}) {
  const script = `import { runStep } from './src/lib/run.ts'; import { maskSecret } from './src/lib/secrets.ts'; ${body}`;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
}

describe('runStep', () => {
  it('turns a failure into one ::error:: line and exit code 1, without a stack', () => {
    const result = runScript(`await runStep(async () => { throw new Error('first line\\nsecond line'); });`);
    expect(result.status).toBe(1);
    expect(result.stdout.trim().split('\n')).toEqual(['::error::first line%0Asecond line']);
  });

  it('prints one line per failure of an AggregateError', () => {
    const result = runScript(`await runStep(async () => { throw new AggregateError([new Error('a'), new Error('b')], 'both'); });`);
    expect(result.stdout.trim().split('\n')).toEqual(['::error::a', '::error::b']);
  });

  it('prints the stack only with RUNNER_DEBUG=1', () => {
    const result = runScript(`await runStep(async () => { throw new Error('boom'); });`, { RUNNER_DEBUG: '1' });
    expect(result.stdout).toMatch(/::error::boom\nError: boom\n\s+at /);
  });

  it('scrubs masked values from the error text', () => {
    const result = runScript(`await runStep(async () => { maskSecret('s3cr3t-value'); throw new Error('token s3cr3t-value rejected'); });`);
    expect(result.stdout).toContain('::add-mask::s3cr3t-value');
    expect(result.stdout).toContain('::error::token *** rejected');
  });

  it('exits 0 when the step succeeds', () => {
    expect(runScript(`await runStep(async () => {});`).status).toBe(0);
  });
});
