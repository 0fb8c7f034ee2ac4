import { analyzePlan } from '../../../src/terraform-plan/analyze.js';
import { parsePlanLine } from '../../../src/terraform-plan/plan-text.js';
import { renderPlan } from '../../../src/terraform-plan/render-comment.js';
import { PLAN_FIXTURES, bytes, rawDocuments } from './fixture-files.js';

/** Terraform's counting rules, written independently from the raw JSON: the oracle for every fixture. */
function oracle(documents: Record<string, unknown>[]) {
  const counts = { add: 0, change: 0, destroy: 0, import: 0, forget: 0, replace: 0 };
  for (const document of documents) {
    for (const entry of (document.resource_changes ?? []) as { mode: string; change: { actions: string[]; importing?: unknown } }[]) {
      const actions = entry.change.actions.join(',');
      if (entry.change.importing) counts.import += 1;
      if (actions === 'create') counts.add += 1;
      if (actions === 'update') counts.change += 1;
      if (actions === 'delete' && entry.mode === 'managed') counts.destroy += 1;
      if (actions === 'forget') counts.forget += 1;
      if (actions === 'delete,create' || actions === 'create,delete') {
        counts.add += 1;
        counts.destroy += 1;
        counts.replace += 1;
      }
    }
  }
  return counts;
}

describe.each(PLAN_FIXTURES)('fixture $name', (fixture) => {
  const analyzed = analyzePlan(bytes(fixture.json), fixture.text === undefined ? undefined : bytes(fixture.text));

  test('counts match the JSON', () => {
    const expected = oracle(rawDocuments(fixture.json));
    const { counts } = analyzed.summary;
    expect({
      add: counts.add,
      change: counts.change,
      destroy: counts.destroy,
      import: counts.import,
      forget: counts.forget,
      replace: counts.replace,
    }).toEqual(expected);
  });

  // Only fixtures with a text twin have text checks; the others are not skipped, they have none.
  const textTest = (name: string, body: () => void) => {
    if (fixture.text !== undefined) test(name, body);
  };
  textTest("counts match the text's own Plan: line", () => {
    const line = parsePlanLine(analyzed.text ?? '');
    expect(line).toBeDefined();
    const { counts } = analyzed.summary;
    expect(line).toEqual({ import: counts.import, add: counts.add, change: counts.change, destroy: counts.destroy, forget: counts.forget });
  });

  textTest('every changing resource has its own text block', () => {
    for (const resource of analyzed.summary.resources) expect(analyzed.textBlocks.has(resource.address)).toBe(true);
  });

  test('renders a comment within the limit', () => {
    const comment = renderPlan({
      identity: { workflow: 'plan', workingDirectory: 'infra', workspace: 'default', commentKey: '' },
      summary: analyzed.summary,
      record: { checksum: analyzed.checksum, counts: analyzed.summary.counts, digests: analyzed.digests },
      textBlocks: analyzed.textBlocks,
      fullPlanLocation: 'the job summary',
    });
    expect(comment.length).toBeLessThanOrEqual(65_536);
    expect(comment).toContain(analyzed.summary.hasChanges ? '**Plan:' : '**No changes.**');
  });
});
