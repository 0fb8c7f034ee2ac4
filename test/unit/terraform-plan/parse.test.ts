import { PlanFormatError, parsePlanDocuments } from '../../../src/terraform-plan/plan-parse.js';
import { summarizePlans } from '../../../src/terraform-plan/classify.js';

const plan = (extra: Record<string, unknown> = {}) => JSON.stringify({ format_version: '1.2', ...extra });
const change = (actions: unknown, more: Record<string, unknown> = {}) => ({
  address: 'a.b',
  mode: 'managed',
  type: 'a',
  name: 'b',
  change: { actions, before: null, after: null, ...more },
});

test.each([
  ['an unsupported major format', JSON.stringify({ format_version: '2.0' }), /format_version 2\.0 is not supported/],
  ['a state file', JSON.stringify({ format_version: '1.0', values: {} }), /state file, not a plan/],
  ['an unknown action', plan({ resource_changes: [change(['explode'])] }), /resource_changes\[0\]\.change\.actions holds 'explode'/],
  ['no actions', plan({ resource_changes: [change([])] }), /actions is not a list/],
  ['a bad mask', plan({ resource_changes: [change(['create'], { after_sensitive: 'yes' })] }), /after_sensitive is not a sensitivity/],
  ['a bad mode', plan({ resource_changes: [{ ...change(['create']), mode: 'odd' }] }), /mode is 'odd'/],
  ['empty input', '  ', /empty/],
  ['an array', '[]', /not a JSON object/],
])('rejects %s', (_name, text, message) => {
  expect(() => parsePlanDocuments(text)).toThrow(PlanFormatError);
  expect(() => parsePlanDocuments(text)).toThrow(message);
});

test('a broken NDJSON line is reported by number, without echoing its text (it may hold a secret)', () => {
  const text = `${plan()}\n{"format_version": "1.2", "x": "hunter2-secret`;
  expect(() => parsePlanDocuments(text)).toThrow('line 2 is not JSON');
  try {
    parsePlanDocuments(text);
  } catch (error: unknown) {
    expect(String(error)).not.toContain('hunter2');
  }
});

test('errored, applyable and complete are honoured; absent flags get pre-1.6 meanings', () => {
  const errored = summarizePlans(
    parsePlanDocuments(plan({ errored: true, applyable: false, complete: false, resource_changes: [change(['create'])] })),
  );
  expect(errored).toMatchObject({ errored: true, applyable: false, complete: false, hasChanges: true });
  const old = summarizePlans(parsePlanDocuments(JSON.stringify({ format_version: '1.0', resource_changes: [change(['update'])] })));
  expect(old).toMatchObject({ errored: false, applyable: true, complete: true });
});

test('replacement orders, data-source deletes and no-op moves are classified as Terraform shows them', () => {
  const summary = summarizePlans(
    parsePlanDocuments(
      plan({
        resource_changes: [
          change(['create', 'delete']),
          { ...change(['delete', 'create']), address: 'a.c' },
          { ...change(['delete']), address: 'data.x.y', mode: 'data' },
          { ...change(['no-op']), address: 'a.moved', previous_address: 'a.old' },
          { ...change(['no-op']), address: 'a.same' },
        ],
      }),
    ),
  );
  expect(summary.resources.map((resource) => [resource.address, resource.kind, resource.replaceOrder, resource.movedFrom])).toEqual([
    ['a.b', 'replace', 'create-first', undefined],
    ['a.c', 'replace', 'delete-first', undefined],
    ['a.moved', 'no-op', undefined, 'a.old'],
  ]);
  expect(summary.counts).toMatchObject({ add: 2, destroy: 2, replace: 2, move: 1 });
});
