import { analyzePlan } from '../../../src/terraform-plan/analyze.js';
import { renderFailure, renderPlan, type PlanReport } from '../../../src/terraform-plan/render-comment.js';
import { PLAN_FIXTURES, bytes } from './fixture-files.js';

const fixture = (name: string) => {
  const found = PLAN_FIXTURES.find((entry) => entry.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
};

function report(name: string, withText = true): PlanReport {
  const { json, text } = fixture(name);
  const analyzed = analyzePlan(bytes(json), withText && text ? bytes(text) : undefined);
  return {
    identity: { workflow: 'plan', workingDirectory: 'infra/prod', workspace: 'default', commentKey: '' },
    summary: analyzed.summary,
    record: { checksum: analyzed.checksum, counts: analyzed.summary.counts, digests: analyzed.digests },
    textBlocks: analyzed.textBlocks,
    fullPlanLocation: 'the job summary of run 7',
  };
}

/**
 * Walks the markdown as GitHub does: fences open and close, and <details> pair up outside fences.
 * Only a tag at the start of a line opens an HTML block; inside a code span it is text.
 */
function structure(markdown: string): { openFence: boolean; details: number; foreignHtml: string[] } {
  let fence: string | undefined;
  let details = 0;
  const foreignHtml: string[] = [];
  for (const line of markdown.split('\n')) {
    const run = /^(`{3,})/.exec(line)?.[1];
    if (fence === undefined && run) fence = run;
    else if (fence !== undefined && run !== undefined && run.length >= fence.length && line.trim() === run) fence = undefined;
    else if (fence === undefined) {
      details += (/^<details>/.test(line) ? 1 : 0) - (/^<\/details>/.test(line) ? 1 : 0);
      // Only our own tags may start an HTML block.
      if (/^\s{0,3}</.test(line) && !/^(?:<!-- ecs-delivery:|<details><summary>|<\/details>$)/.test(line)) foreignHtml.push(line);
    }
  }
  return { openFence: fence !== undefined, details, foreignHtml };
}

test('verdict and counts come first, then warnings, then resources by action, then diffs', () => {
  const comment = renderPlan(report('planted secrets'));
  const at = (text: string) => comment.indexOf(text);
  expect(at('**Plan: 4 to add, 2 to change, 3 to destroy.**')).toBeGreaterThan(0);
  expect(at('| Add | Change | Destroy | Replace | Import | Move | Forget | Read | Outputs | Drift |')).toBeGreaterThan(at('**Plan:'));
  expect(at('> [!CAUTION]')).toBeGreaterThan(at('| Add'));
  expect(at('**Replace (2)**')).toBeGreaterThan(at('> [!CAUTION]'));
  expect(at('**Destroy (1)**')).toBeGreaterThan(at('**Replace (2)**'));
  expect(at('#### Diff')).toBeGreaterThan(at('**Changed outside Terraform (1)**'));
  expect(comment).toContain('(create before destroy, `replace_because_cannot_update`)');
  expect(comment).toContain('(destroy before create, `replace_because_tainted`)');
  expect(comment).toContain('`aws_sqs_queue.renamed` (moved from `aws_sqs_queue.jobs`)');
  expect(comment).toContain('**Import (no changes) (1)**');
  expect(comment).toContain('**Forget (remove from state, keep the object) (1)**');
});

test('values cannot break the markdown: fences, HTML and backticks stay inert', () => {
  for (const name of ['planted secrets', 'code fence values']) {
    for (const withText of [true, false]) {
      const comment = renderPlan(report(name, withText));
      expect(structure(comment)).toEqual({ openFence: false, details: 0, foreignHtml: [] });
    }
  }
  const comment = renderPlan(report('planted secrets'));
  expect(comment).toContain(
    '<code>module.app[&quot;```\\n&lt;/details&gt;&lt;script&gt;x&lt;/script&gt;&quot;].aws_ssm_parameter.token</code>',
  );
  expect(comment).toContain('````diff');
});

test('a plan over the limit keeps verdict, counts and every address, and cuts diffs at a resource boundary', () => {
  const full = renderPlan(report('300 creates'), { limit: 10_000_000, measure: (text) => text.length });
  expect(full.length).toBeGreaterThan(65_536);
  const comment = renderPlan(report('300 creates'));
  expect(comment.length).toBeLessThanOrEqual(65_536);
  expect(comment).toContain('**Plan: 300 to add, 0 to change, 0 to destroy.**');
  for (let index = 0; index < 300; index += 1) expect(comment).toContain(`- \`local_file.test["${index}"]\``);
  expect(comment).toMatch(/_Diffs cut after \d+ of 300 resources to fit the size limit\. Full plan: the job summary of run 7\._$/);
  expect(structure(comment)).toEqual({ openFence: false, details: 0, foreignHtml: [] });
  expect(comment.trimEnd().split('\n').at(-3)).toBe('</details>');
});

test('5,000 resources: the list degrades to inline, then capped lists, but the comment fits', () => {
  const comment = renderPlan(report('5000 creates'));
  expect(comment.length).toBeLessThanOrEqual(65_536);
  expect(comment).toContain('**Create (5000)**');
  expect(structure(comment)).toEqual({ openFence: false, details: 0, foreignHtml: [] });
});

test('no changes is one line under the heading', () => {
  const comment = renderPlan(report('empty'));
  expect(comment.split('\n').filter((line) => !line.startsWith('<!--') && line !== '')).toEqual([
    '### Terraform plan: `infra/prod` · workspace `default`',
    '✅ **No changes.** The infrastructure matches the configuration.',
  ]);
});

test('an errored plan says so instead of a Plan: line', () => {
  const base = report('tainted replace');
  const comment = renderPlan({ ...base, summary: { ...base.summary, errored: true, applyable: false } });
  expect(comment).toContain('❌ **The plan errored**');
  expect(comment).not.toContain('**Plan:');
});

test('a failed plan shows its error output in a fence that stays closed when cut', () => {
  const identity = { workflow: 'plan', workingDirectory: 'infra', workspace: 'default', commentKey: 'k' };
  const small = renderFailure({
    identity,
    stage: 'plan',
    errorText: 'Error: Unsupported argument\n\n  on main.tf line 3:\n   3:   bogus = ```x```',
    fullPlanLocation: 'the job log',
  });
  expect(small).toContain('❌ **The plan failed.**');
  expect(small).toContain('Error: Unsupported argument');
  expect(small).toContain('key `k`');
  expect(structure(small)).toEqual({ openFence: false, details: 0, foreignHtml: [] });
  const huge = renderFailure({
    identity,
    stage: 'plan',
    errorText: Array.from({ length: 20_000 }, (_, index) => `Error: line ${index}`).join('\n'),
    fullPlanLocation: 'the job log',
  });
  expect(huge.length).toBeLessThanOrEqual(65_536);
  expect(huge).toContain('… (cut)');
  expect(structure(huge)).toEqual({ openFence: false, details: 0, foreignHtml: [] });
});

test('several plans (NDJSON) are numbered in lists', () => {
  const comment = renderPlan(report('terragrunt NDJSON'));
  expect(comment).toContain('`plan 1: local_file.cache`');
  expect(comment).toContain('`plan 3: local_file.server`');
});
