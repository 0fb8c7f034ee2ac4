/**
 * JSON (RFC 8259) read strictly: a document with a key twice in one object is refused, and a
 * syntax error is reported by line and column only.
 *
 * Why not `JSON.parse` alone: it keeps the last of two equal keys without a word (a reviewer reads
 * `"Effect": "Deny"`, AWS gets the `"Allow"` after it), and its error messages quote about ten
 * characters around the fault, which may be part of a secret that the runner's masking (exact
 * strings only) does not catch. Why not the `yaml` package in JSON mode: it parses YAML flow
 * syntax (comments, unquoted keys are accepted) and is an order of magnitude slower on a large
 * document. So this scanner checks the grammar and the keys in one pass, and `JSON.parse` then
 * builds the value: the values are exactly what JSON.parse gives.
 */

export type StrictJsonResult =
  { ok: true; value: unknown } | { ok: false; kind: 'syntax' | 'duplicate-key'; problem: string; line: number; column: number };

/** Deeper nesting is refused rather than risking the call stack; no AWS document nests this deep. */
const MAX_DEPTH = 512;

class JsonFault extends Error {
  constructor(
    readonly kind: 'syntax' | 'duplicate-key',
    readonly problem: string,
    readonly at: number,
  ) {
    super(problem);
  }
}

export function parseStrictJson(text: string): StrictJsonResult {
  try {
    const scanner = new Scanner(text);
    scanner.document();
  } catch (error) {
    if (!(error instanceof JsonFault)) throw error;
    return { ok: false, kind: error.kind, problem: error.problem, ...lineAndColumn(text, error.at) };
  }
  return { ok: true, value: JSON.parse(text) };
}

/** 1-based line and column (in UTF-16 units) of an offset; a line ends at LF, CR or CRLF. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let index = 0; index < offset && index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(index + 1) !== 0x0a)) {
      line += 1;
      start = index + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** A key shown in an error only when it looks like a name (never a value that ended up as a key). */
function describeKey(key: string): string {
  return /^[A-Za-z0-9_.:@$-]{1,40}$/.test(key) ? `the key '${key}'` : 'a key';
}

class Scanner {
  private at = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.space();
    this.value(0);
    this.space();
    if (this.at < this.text.length) this.fail('unexpected content after the document');
  }

  private fail(problem: string, at = this.at): never {
    throw new JsonFault('syntax', problem, at);
  }

  private space(): void {
    const { text } = this;
    while (this.at < text.length) {
      const code = text.charCodeAt(this.at);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return;
      this.at += 1;
    }
  }

  private value(depth: number): void {
    if (depth > MAX_DEPTH) this.fail(`nests deeper than ${MAX_DEPTH} levels`);
    const code = this.text.charCodeAt(this.at);
    if (code === 0x7b) this.object(depth);
    else if (code === 0x5b) this.array(depth);
    else if (code === 0x22) this.string();
    else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) this.number();
    else if (!this.literal('true') && !this.literal('false') && !this.literal('null')) {
      this.fail(this.at >= this.text.length ? 'the document ends where a value was expected' : 'a value was expected');
    }
  }

  private literal(word: string): boolean {
    if (!this.text.startsWith(word, this.at)) return false;
    this.at += word.length;
    return true;
  }

  private expect(char: string, problem: string): void {
    if (this.text[this.at] !== char) this.fail(this.at >= this.text.length ? `the document ends early: ${problem}` : problem);
    this.at += 1;
  }

  /** Reads `{…}` or `[…]` from its opening bracket: empty, or members separated by commas up to `close`. */
  private members(close: '}' | ']', problem: string, member: () => void): void {
    this.at += 1;
    this.space();
    if (this.text[this.at] === close) {
      this.at += 1;
      return;
    }
    for (;;) {
      member();
      this.space();
      if (this.text[this.at] === ',') {
        this.at += 1;
        this.space();
        continue;
      }
      this.expect(close, problem);
      return;
    }
  }

  private object(depth: number): void {
    const keys = new Set<string>();
    this.members('}', "expected ',' or '}' after a value in an object", () => {
      if (this.text[this.at] !== '"') this.expect('"', 'expected a key in double quotes');
      const keyStart = this.at;
      const key = this.string(true);
      if (keys.has(key)) throw new JsonFault('duplicate-key', `${describeKey(key)} appears twice in one object`, keyStart);
      keys.add(key);
      this.space();
      this.expect(':', "expected ':' after the key");
      this.space();
      this.value(depth + 1);
    });
  }

  private array(depth: number): void {
    this.members(']', "expected ',' or ']' after a value in a list", () => this.value(depth + 1));
  }

  /** Reads a string; returns its decoded value when `decode` (keys), '' otherwise. */
  private string(decode = false): string {
    const { text } = this;
    const start = this.at;
    this.at += 1;
    let escaped = false;
    for (;;) {
      if (this.at >= text.length) this.fail('a string is not closed', start);
      const code = text.charCodeAt(this.at);
      if (code === 0x22) break;
      if (code < 0x20) this.fail('a string holds a raw control character (a line break?); write it escaped, e.g. \\n');
      if (code === 0x5c) {
        escaped = true;
        const next = text[this.at + 1] ?? '';
        if (next === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(this.at + 2, this.at + 6))) this.fail('a \\u escape needs four hex digits');
          this.at += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(next) || next === '') this.fail('a string holds an invalid escape');
        this.at += 2;
        continue;
      }
      this.at += 1;
    }
    this.at += 1;
    if (!decode) return '';
    return escaped ? (JSON.parse(text.slice(start, this.at)) as string) : text.slice(start + 1, this.at - 1);
  }

  private number(): void {
    const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    match.lastIndex = this.at;
    const found = match.exec(this.text);
    if (!found || found[0] === '-') this.fail('a number is malformed');
    this.at += found[0].length;
    // `01` or `1.` : the regex stopped early, and what follows is not a separator.
    const next = this.text.charCodeAt(this.at);
    if ((next >= 0x30 && next <= 0x39) || next === 0x2e || next === 0x65 || next === 0x45) this.fail('a number is malformed');
  }
}
