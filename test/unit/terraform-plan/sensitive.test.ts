import { analyzePlan } from '../../../src/terraform-plan/analyze.js';
import { renderPlan, type PlanReport } from '../../../src/terraform-plan/render-comment.js';
import type { ValueMask } from '../../../src/terraform-plan/plan-types.js';
import { redactValue, scrubText, SENSITIVE_PLACEHOLDER } from '../../../src/terraform-plan/sensitive.js';
import { PLANTED_SECRETS, PLAN_FIXTURES, UPSTREAM_SECRETS, bytes } from './fixture-files.js';

function reportFor(fixture: (typeof PLAN_FIXTURES)[number], withText: boolean): PlanReport {
  const analyzed = analyzePlan(bytes(fixture.json), withText && fixture.text ? bytes(fixture.text) : undefined);
  return {
    identity: { workflow: 'w', workingDirectory: 'd', workspace: 'default', commentKey: '' },
    summary: analyzed.summary,
    record: { checksum: analyzed.checksum, counts: analyzed.summary.counts, digests: analyzed.digests },
    textBlocks: analyzed.textBlocks,
    fullPlanLocation: 'the job summary',
  };
}

describe('no sensitive value reaches a rendering', () => {
  const secrets = [...PLANTED_SECRETS, ...UPSTREAM_SECRETS];
  test.each(PLAN_FIXTURES.filter((fixture) => !fixture.name.startsWith('5000')))('$name, with and without plan text', (fixture) => {
    for (const withText of [true, false]) {
      const big = { limit: 1024 * 1024, measure: (text: string) => Buffer.byteLength(text) };
      for (const rendered of [renderPlan(reportFor(fixture, withText)), renderPlan(reportFor(fixture, withText), big)]) {
        for (const secret of secrets) expect(rendered).not.toContain(secret);
        // The record line is base64: decode it too, in case a value was smuggled in there.
        const record = /terraform-plan-record (\S+)/.exec(rendered)?.[1] ?? '';
        for (const secret of secrets) expect(Buffer.from(record, 'base64url').toString()).not.toContain(secret);
      }
    }
  });

  test('the planted text itself held the secrets in clear (the test proves scrubbing, not absence)', () => {
    const fixture = PLAN_FIXTURES.find((entry) => entry.name === 'planted secrets');
    const raw = bytes(fixture?.text ?? '').toString();
    expect(raw).toContain('hunter2-PLANTED-db-password');
    expect(raw).toContain('MIIPLANTEDKEYBODY0123456789');
    const analyzed = analyzePlan(bytes(fixture?.json ?? ''), bytes(fixture?.text ?? ''));
    for (const secret of PLANTED_SECRETS.filter((secret) => secret !== 'PLANTED-var-value-9f2c'))
      expect(analyzed.text).not.toContain(secret);
    expect(analyzed.secrets).toEqual(expect.arrayContaining(['hunter2-PLANTED-db-password', 'PLANTED-var-value-9f2c']));
  });
});

describe('redactValue', () => {
  test.each<[string, unknown, ValueMask, unknown]>([
    ['whole value', 'secret', true, SENSITIVE_PLACEHOLDER],
    ['nothing', { a: 1 }, false, { a: 1 }],
    ['one key', { a: 'x', b: 'y' }, { b: true }, { a: 'x', b: SENSITIVE_PLACEHOLDER }],
    ['inside a list of blocks', [{ v: 's' }, { v: 't' }], [{}, { v: true }], [{ v: 's' }, { v: SENSITIVE_PLACEHOLDER }]],
    ['a whole block list', { blocks: [{ v: 's' }] }, { blocks: true }, { blocks: SENSITIVE_PLACEHOLDER }],
    ['null stays null', null, true, null],
  ])('%s', (_name, value, mask, expected) => {
    expect(redactValue(value, mask)).toEqual(expected);
  });
});

describe('scrubText', () => {
  test('long values anywhere, in Terraform quoting, and line by line', () => {
    const text = 'a = "pa\\\\ss-word"\nraw pa\\ss-word here\n  line-one-of-key\n';
    expect(scrubText(text, ['pa\\ss-word', 'line-one-of-key\nline-two'])).toBe(
      `a = ${SENSITIVE_PLACEHOLDER}\nraw ${SENSITIVE_PLACEHOLDER} here\n  ${SENSITIVE_PLACEHOLDER}\n`,
    );
  });

  test('short values only as whole values, so other numbers survive', () => {
    const text = '  + port = 42\n  + name = "ab"\n  + size = 142\n  ~ pin = 7 -> 42\n';
    expect(scrubText(text, ['42', 'ab'])).toBe(
      `  + port = ${SENSITIVE_PLACEHOLDER}\n  + name = ${SENSITIVE_PLACEHOLDER}\n  + size = 142\n  ~ pin = 7 -> ${SENSITIVE_PLACEHOLDER}\n`,
    );
  });

  test('a secret that contains another is replaced whole', () => {
    expect(scrubText('x=abcdefgh', ['abcd', 'abcdefgh'])).toBe(`x=${SENSITIVE_PLACEHOLDER}`);
  });
});
