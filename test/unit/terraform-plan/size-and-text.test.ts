import { analyzePlan } from '../../../src/terraform-plan/analyze.js';
import { splitResourceBlocks } from '../../../src/terraform-plan/plan-text.js';
import { COMMENT_LIMIT_CHARS, renderPlan, type PlanReport } from '../../../src/terraform-plan/render-comment.js';
import { firstError } from '../../../src/terraform-plan/terraform-cli.js';

/** The comment's size guarantee, and the plan-text and error-text readers. */

function wide(count: number, addressLength: number, outputs = 0): Uint8Array {
  const name = (index: number) => `${'n'.repeat(addressLength - 30)}_${index}`;
  const resource_changes = Array.from({ length: count }, (_, index) => ({
    address: `module.wide.terraform_data.${name(index)}`,
    previous_address: `module.old.terraform_data.${name(index)}`,
    mode: 'managed',
    type: 'terraform_data',
    name: name(index),
    change: { actions: ['update'], before: { input: 'a' }, after: { input: 'b'.repeat(2_000) }, after_unknown: {} },
  }));
  const output_changes = Object.fromEntries(
    Array.from({ length: outputs }, (_, index) => [
      `${'o'.repeat(150)}_${index}`,
      { actions: ['create'], before: null, after: 'v'.repeat(150) },
    ]),
  );
  return Buffer.from(JSON.stringify({ format_version: '1.2', resource_changes, output_changes }));
}

function report(bytes: Uint8Array, workingDirectory = 'infra'): PlanReport {
  const analyzed = analyzePlan(bytes);
  return {
    identity: { workflow: 'plan', workingDirectory, workspace: 'default', commentKey: 'k'.repeat(100) },
    summary: analyzed.summary,
    record: { checksum: analyzed.checksum, counts: analyzed.summary.counts, digests: analyzed.digests },
    textBlocks: analyzed.textBlocks,
    fullPlanLocation: 'the job summary of [this run](https://github.com/o/r/actions/runs/1)',
    notes: ['🔒 a note'],
  };
}

describe('the comment never exceeds 65,536 characters', () => {
  test.each([
    { name: '126 resources with 200-character addresses (the reported 73,667)', bytes: wide(126, 200) },
    { name: '2,000 resources with 400-character addresses and 500 outputs', bytes: wide(2_000, 400, 500) },
    { name: '20,000 resources', bytes: wide(20_000, 60) },
  ])('$name', ({ bytes }) => {
    const rendered = renderPlan(report(bytes, 'd'.repeat(5_000)));
    expect(rendered.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS);
    expect(rendered).toMatch(/^<!-- ecs-delivery:terraform-plan id=[0-9a-f]{24} -->\n<!-- ecs-delivery:terraform-plan-record /);
    expect(rendered).toContain('**Plan: 0 to add,');
    expect(rendered).toContain('Full plan: the job summary of [this run]');
  });

  test('degrades diffs first, then address lists, then the record digests', () => {
    const rendered = renderPlan(report(wide(126, 200)));
    const digests = (markdown: string) =>
      Object.keys(
        (JSON.parse(Buffer.from(/terraform-plan-record (\S+)/.exec(markdown)?.[1] ?? '', 'base64url').toString()) as { digests?: object })
          .digests ?? {},
      ).length;
    // 126: the diffs go, every address is still listed, and the record keeps all its digests.
    expect(rendered).toContain('_Diffs left out to fit the size limit.');
    expect(rendered).toContain('module.wide.terraform_data.' + 'n'.repeat(170) + '_125');
    expect(digests(rendered)).toBe(126);
    // 2,000: the lists are capped and the record keeps the checksum and counts only.
    const huge = renderPlan(report(wide(2_000, 400, 500)));
    expect(huge).toContain('… and 1980 more (see the full plan)');
    expect(huge).toContain('- … and 480 more (see the full plan)');
    expect(digests(huge)).toBe(0);
  });
});

describe('plan text', () => {
  const text = `Terraform will perform the following actions:

  # terraform_data.a will be updated in-place
  ~ resource "terraform_data" "a" {
      ~ input = "x" -> "y"
    }

  # terraform_data.a (deposed object 0badc0de) will be destroyed
  - resource "terraform_data" "a" {
      - input = "old" -> null
    }

 # terraform_data.b will no longer be managed by Terraform, but will not be destroyed
 # (destroy = false is set in the configuration)
 . resource "terraform_data" "b" {
        id = "1"
    }

Plan: 0 to add, 1 to change, 1 to destroy.
`;

  test('a forget and a deposed object get their own blocks', () => {
    const blocks = splitResourceBlocks(text);
    expect([...blocks.keys()]).toEqual(['terraform_data.a', 'terraform_data.a (deposed object 0badc0de)', 'terraform_data.b']);
    expect(blocks.get('terraform_data.a')).not.toContain('no longer be managed');
    expect(blocks.get('terraform_data.a')).not.toContain('"old"');
    expect(blocks.get('terraform_data.b')).toContain('destroy = false');
  });

  test('the first error is one line: summary and detail, wrapping undone, snippet skipped', () => {
    const output = `Initializing the backend...
╷
│ Error: Unsupported argument
│
│   on main.tf line 1, in resource "terraform_data" "a":
│    1: resource "terraform_data" "a" { inptu = "typo" }
│
│ An argument named "inptu" is not expected
│ here.
╵
`;
    expect(firstError(output)).toBe('Error: Unsupported argument: An argument named "inptu" is not expected here.');
    expect(firstError('Error: Backend initialization required\n\nError: Another')).toBe('Error: Backend initialization required');
    expect(firstError('no diagnostics')).toBeUndefined();
  });
});
