import { codeBlock, escapeMarkdown, fitToBytes, inlineCode, markdownTable } from '../../../src/lib/summary.js';

describe('markdown helpers', () => {
  it('escapes values so they cannot open HTML, links or code', () => {
    expect(escapeMarkdown('<img src=x> [a](b) `c`')).toBe('&lt;img src=x&gt; \\[a\\]\\(b\\) \\`c\\`');
  });

  it('fences code with more backticks than the content holds', () => {
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(codeBlock('```\nx\n```')).toBe('````\n```\nx\n```\n````');
  });

  it('builds tables with escaped pipes', () => {
    expect(markdownTable(['a', 'b'], [['1|2', '3']])).toBe('| a | b |\n| --- | --- |\n| 1\\|2 | 3 |');
  });

  it('cuts to a byte limit at a line boundary and says so', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i} ü`).join('\n');
    const cut = fitToBytes(text, 200);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(200);
    expect(cut).toMatch(/line \d+ ü\n\n_… cut to fit the size limit._\n$/);
    expect(fitToBytes('short', 200)).toBe('short');
  });
});
