/**
 * Just enough of HCL's native syntax to find, without Terraform and without a plan, the top-level
 * blocks and attributes of a file and the literal values in an expression. Strings (with `${…}`
 * templates), heredocs and comments are skipped correctly so that a brace or `=` inside them does not
 * mislead; anything the scanner cannot follow ends the scan of that file rather than guessing.
 * Spec: https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md
 */

export interface HclItem {
  /** `variable "db_password" {` → kind block, words ['variable', 'db_password']; `name = …` → kind attribute. */
  kind: 'block' | 'attribute';
  words: string[];
  /** The block body between the braces, or the attribute's expression text. */
  body: string;
}

/** Index just past the string literal that opens at `start` (a `"`), templates nested. */
function skipString(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') index += 2;
    else if (char === '"') return index + 1;
    else if ((char === '$' || char === '%') && text[index + 1] === '{') index = skipBalanced(text, index + 1);
    else index += 1;
  }
  return text.length;
}

/** Index just past a heredoc starting at `start` (`<<EOF` or `<<-EOF`), or -1 when it is not one. */
function skipHeredoc(text: string, start: number): number {
  const match = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(start, start + 200));
  if (!match?.[1]) return -1;
  const end = new RegExp(`^[ \\t]*${match[1]}[ \\t]*$`, 'm');
  const bodyStart = start + match[0].length;
  const found = end.exec(text.slice(bodyStart));
  return found ? bodyStart + found.index + found[0].length : text.length;
}

/** Index just past a comment starting at `start`, or -1. */
function skipComment(text: string, start: number): number {
  const two = text.slice(start, start + 2);
  if (text[start] === '#' || two === '//') {
    const end = text.indexOf('\n', start);
    return end < 0 ? text.length : end;
  }
  if (two === '/*') {
    const end = text.indexOf('*/', start + 2);
    return end < 0 ? text.length : end + 2;
  }
  return -1;
}

/** From an opening bracket at `start`, index just past its match (every kind of bracket counted). */
function skipBalanced(text: string, start: number): number {
  let depth = 0;
  let index = start;
  while (index < text.length) {
    const next = skipToken(text, index);
    if (next > index) {
      index = next;
      continue;
    }
    const char = text[index];
    if (char === '{' || char === '[' || char === '(') depth += 1;
    else if (char === '}' || char === ']' || char === ')') {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
    index += 1;
  }
  return text.length;
}

/** Skips a string, heredoc or comment at `index`; returns `index` when there is none. */
function skipToken(text: string, index: number): number {
  const char = text[index];
  if (char === '"') return skipString(text, index);
  if (char === '<' && text[index + 1] === '<') {
    const end = skipHeredoc(text, index);
    if (end >= 0) return end;
  }
  const comment = skipComment(text, index);
  return comment >= 0 ? comment : index;
}

/** The end of an attribute's expression: the first newline or line comment outside brackets, strings and heredocs. */
function expressionEnd(text: string, start: number): number {
  let index = start;
  while (index < text.length) {
    const char = text[index];
    if (char === '#' || text.startsWith('//', index) || char === '\n') return index;
    const next = skipToken(text, index);
    if (next > index) index = next;
    else if (char === '{' || char === '[' || char === '(') index = skipBalanced(text, index);
    else index += 1;
  }
  return text.length;
}

const HEAD = /\s*([A-Za-z_][\w-]*)((?:\s+(?:"(?:[^"\\\n]|\\.)*"|[A-Za-z_][\w-]*))*)\s*(\{|=(?!=))/y;

/** The top-level blocks and attributes of an HCL body (a file, or a block's body). */
export function hclItems(text: string): HclItem[] {
  const items: HclItem[] = [];
  let index = 0;
  while (index < text.length) {
    const skipped = skipToken(text, index);
    if (skipped > index) {
      index = skipped;
      continue;
    }
    if (/\s/.test(text[index] ?? '')) {
      index += 1;
      continue;
    }
    HEAD.lastIndex = index;
    const head = HEAD.exec(text);
    if (!head?.[1]) return items; // Something this scanner does not follow: stop rather than guess.
    const labels = [...(head[2] ?? '').matchAll(/"((?:[^"\\\n]|\\.)*)"|([A-Za-z_][\w-]*)/g)].map((m) => m[1] ?? m[2] ?? '');
    const words = [head[1], ...labels];
    const after = index + head[0].length;
    if (head[3] === '{') {
      const end = skipBalanced(text, after - 1);
      items.push({ kind: 'block', words, body: text.slice(after, end - 1) });
      index = end;
    } else {
      const end = expressionEnd(text, after);
      items.push({ kind: 'attribute', words, body: text.slice(after, end).trim() });
      index = end;
    }
  }
  return items;
}

function unescape(body: string): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, code: string) => {
    if (code.length > 1) return String.fromCodePoint(parseInt(code.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[code] ?? code;
  });
}

/** The string (template text), heredoc and number literals in an expression: what a value may be. */
export function literals(expression: string): string[] {
  const found: string[] = [];
  let index = 0;
  while (index < expression.length) {
    const char = expression[index];
    if (char === '"') {
      const end = skipString(expression, index);
      const value = unescape(expression.slice(index + 1, end - 1));
      found.push(value, ...value.split(/\$\{[^}]*\}/).filter((part) => part.trim() !== ''));
      index = end;
    } else if (char === '<' && expression[index + 1] === '<' && skipHeredoc(expression, index) >= 0) {
      const end = skipHeredoc(expression, index);
      const lines = expression.slice(index, end).split('\n').slice(1, -1);
      const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^\s*/.exec(line)?.[0].length ?? 0));
      found.push(lines.map((line) => (expression[index + 2] === '-' ? line.slice(indent) : line)).join('\n'));
      index = end;
    } else {
      const number = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(expression.slice(index));
      if (number && !/[\w.]/.test(expression[index - 1] ?? '')) {
        found.push(number[0]);
        index += number[0].length;
      } else index += 1;
    }
  }
  return found.filter((value) => value.trim() !== '');
}
