import { parseCommand } from '../../../src/ecs-render/command.js';
import { cpuRangeProblem, fargateSizeProblem, parseCpuUnits, parseMemoryMib } from '../../../src/lib/task-definition/fargate-sizes.js';

describe('parseCommand', () => {
  it.each([
    ['bundle exec rails db:migrate', ['bundle', 'exec', 'rails', 'db:migrate']],
    ['  spaced   out\twords ', ['spaced', 'out', 'words']],
    [`sh -c 'echo "$HOME" && exit 0'`, ['sh', '-c', 'echo "$HOME" && exit 0']],
    [`echo "a \\"quoted\\" \\$word" plain`, ['echo', 'a "quoted" $word', 'plain']],
    [`echo "\\n stays"`, ['echo', '\\n stays']],
    ['echo ${ECS_CLUSTER}', ['echo', '${ECS_CLUSTER}']],
    [`a\\ b c`, ['a b', 'c']],
    [`empty '' ""`, ['empty', '', '']],
    [`con"cat"'ed'`, ['concated']],
    ['line \\\ncontinued', ['line', 'continued']],
    ['["python", "-m", "app"]', ['python', '-m', 'app']],
    ['["sh", "-c", "echo $X"]', ['sh', '-c', 'echo $X']],
  ])('%s', (text, words) => {
    expect(parseCommand(text)).toEqual({ ok: true, words });
  });

  it.each([
    [`echo 'open`, /unterminated single quote/],
    [`echo "open`, /unterminated double quote/],
    ['trailing \\', /lone backslash/],
    ['["a", 1]', /non-empty JSON array of strings/],
    ['[]', /non-empty JSON array of strings/],
    ['["a",', /not a JSON array/],
  ])('rejects %s', (text, problem) => {
    const parsed = parseCommand(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });
});

describe('cpu and memory sizes', () => {
  it.each([
    ['256', 256],
    ['0.25 vCPU', 256],
    ['.5vcpu', 512],
    ['2 vCPU', 2048],
    ['0.1 vCPU', undefined],
    ['1.5', undefined],
    ['lots', undefined],
  ])('cpu %s → %s units', (text, units) => {
    expect(parseCpuUnits(text)).toBe(units);
  });

  it.each([
    ['512', 512],
    ['1GB', 1024],
    ['0.5 GB', 512],
    ['2 gb', 2048],
    ['1.3 GB', undefined],
    ['512MiB', undefined],
  ])('memory %s → %s MiB', (text, mib) => {
    expect(parseMemoryMib(text)).toBe(mib);
  });

  it('keeps EC2 cpu within 0.125 and 192 vCPU', () => {
    expect(cpuRangeProblem(128)).toBeUndefined();
    expect(cpuRangeProblem(196_608)).toBeUndefined();
    expect(cpuRangeProblem(64)).toMatch(/outside/);
    expect(cpuRangeProblem(200_000)).toMatch(/outside/);
  });

  // AWS's documented table: cpu → the memory values it allows.
  it.each([
    [256, [512, 1024, 2048], [256, 1536, 3072, 4096]],
    [512, [1024, 2048, 3072, 4096], [512, 5120, 1536]],
    [1024, [2048, 5120, 8192], [1024, 9216, 2560]],
    [2048, [4096, 9216, 16384], [3072, 17408]],
    [4096, [8192, 20480, 30720], [7168, 31744]],
    [8192, [16384, 20480, 61440], [17408, 65536, 12288]],
    [16384, [32768, 40960, 122880], [36864, 131072, 30720]],
  ])('Fargate %i CPU units', (cpu, allowed, refused) => {
    for (const memory of allowed) expect(fargateSizeProblem(cpu, memory, false)).toBeUndefined();
    for (const memory of refused) expect(fargateSizeProblem(cpu, memory, false)).toMatch(`Fargate with ${cpu} CPU units takes`);
  });

  it('refuses cpu sizes Fargate does not have, and sub-vCPU Windows tasks', () => {
    expect(fargateSizeProblem(384, 1024, false)).toMatch(/Fargate has no 384 CPU size/);
    expect(fargateSizeProblem(512, 1024, true)).toMatch(/Windows containers on Fargate need at least 1024/);
    expect(fargateSizeProblem(1024, 2048, true)).toBeUndefined();
  });
});
