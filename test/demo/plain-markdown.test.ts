import { plainMarkdown } from '../../scripts/demo/plain-markdown.js';

/** The demo prints job summaries and the plan comment as the rendered page reads. */
describe('plainMarkdown', () => {
  it('aligns a table, drops an empty header row and reduces inline marks to text', () => {
    const markdown = [
      '## ecs-deploy: ✅ Deployed',
      '',
      '|  |  |',
      '| --- | --- |',
      '| status | `succeeded` |',
      '| task definition | **web:3** |',
    ].join('\n');
    expect(plainMarkdown(markdown)).toEqual(['ecs-deploy: ✅ Deployed', '', 'status           succeeded', 'task definition  web:3']);
  });

  it('ends a table on the last line of the text (no trailing newline)', () => {
    expect(plainMarkdown('| a | b |\n| --- | --- |\n| 1 | 2 |')).toEqual(['a  b', '1  2']);
  });

  it('keeps folded what the page folds: details by their summary, long code blocks by their size', () => {
    const json = ['```json', '{', ...Array.from({ length: 8 }, (_, i) => `  "k${i}": ${i},`), '}', '```'].join('\n');
    const details = '<details><summary><code>terraform_data.x[&quot;a&quot;]</code> · create</summary>\n\n```diff\n+ x\n```\n\n</details>';
    expect(plainMarkdown(`${json}\n\n${details}\n\n${details}\n`)).toEqual([
      '▸ json (10 lines, folded)',
      '▸ terraform_data.x["a"] · create',
      '▸ terraform_data.x["a"] · create',
    ]);
  });

  it('removes HTML comments, keeps short code, turns links into their text and lists into bullets', () => {
    const markdown = '<!-- marker -->\n> failed: \\(exit 2\\)\n\n```\nline\n```\n- [Service web](https://example.com)';
    expect(plainMarkdown(markdown)).toEqual(['│ failed: (exit 2)', '', '  line', '• Service web']);
  });

  it('shows the first and last rows of a long table with a count of those left out', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `| ${i} |`);
    const lines = plainMarkdown(['| n |', '| --- |', ...rows].join('\n'));
    expect(lines).toHaveLength(1 + 6 + 1 + 6);
    expect(lines[7]).toBe('⋮ 8 rows');
    expect(lines.at(-1)).toBe('19');
  });
});
