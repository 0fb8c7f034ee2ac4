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

  it('keeps outside text in its table cell: no row break by any line break kind, no HTML', () => {
    const hostile = 'a\rb\nc\r\nd\u2028e <script>x</script>';
    expect(markdownTable(['h'], [[hostile]])).toBe('| h |\n| --- |\n| a b c d e &lt;script>x&lt;/script> |');
    expect(markdownTable(['h'], [[inlineCode('<b>|')]])).toBe('| h |\n| --- |\n| `<b>\\|` |');
    expect(escapeMarkdown('a\rb\u2029c')).toBe('a b c');
    expect(inlineCode('a\rb')).toBe('`a b`');
  });

  it('cuts to a byte limit at a line boundary and says so', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i} ü`).join('\n');
    const cut = fitToBytes(text, 200);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(200);
    expect(cut).toMatch(/line \d+ ü\n\n_… cut to fit the size limit._\n$/);
    expect(fitToBytes('short', 200)).toBe('short');
  });
});
