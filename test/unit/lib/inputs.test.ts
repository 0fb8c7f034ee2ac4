import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/lib/errors.js';
import { Inputs, runnerInputs } from '../../../src/lib/inputs.js';

const inputsOf = (values: Record<string, string>) => new Inputs((name) => values[name] ?? '');

function inputErrorOf(read: () => unknown): InputError {
  try {
    read();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('runnerInputs', () => {
  it('reads INPUT_ names upper-cased with hyphens kept, as the runner sets them', () => {
    const read = runnerInputs({ 'INPUT_ROLE-TO-ASSUME': '  arn:aws:iam::1:role/x \n', INPUT_ROLE_TO_ASSUME: 'wrong' });
    expect(read('role-to-assume')).toBe('arn:aws:iam::1:role/x');
    expect(read('missing')).toBe('');
  });
});

describe('Inputs', () => {
  it('requires strings and names the input in the error', () => {
    const error = inputErrorOf(() => inputsOf({}).string('service'));
    expect(error.input).toBe('service');
    expect(error.message).toMatch(/^Input 'service': is required/);
  });

  it.each([
    ['true', true],
    ['True', true],
    ['FALSE', false],
    ['', true],
  ])('accepts the YAML 1.2 boolean %p', (value, expected) => {
    expect(inputsOf({ flag: value }).boolean('flag', true)).toBe(expected);
  });

  it.each(['yes', 'on', '1', 'tru'])('rejects %p as a boolean', (value) => {
    expect(inputErrorOf(() => inputsOf({ flag: value }).boolean('flag')).message).toContain('Use true or false');
  });

  it('reads integers strictly and checks the range', () => {
    expect(inputsOf({ n: '42' }).integer('n', 1, { min: 1, max: 100 })).toBe(42);
    expect(inputsOf({}).integer('n', 7)).toBe(7);
    expect(inputErrorOf(() => inputsOf({ n: '30s' }).integer('n', 1)).message).toBe(
      "Input 'n': '30s' is not a whole number. Use a whole number",
    );
    expect(inputErrorOf(() => inputsOf({ n: '1.5' }).integer('n', 1)).message).toContain('not a whole number');
    expect(inputErrorOf(() => inputsOf({ n: '0' }).integer('n', 1, { min: 1, max: 10 })).message).toContain('from 1 to 10');
  });

  it('reads enums and lists the allowed values', () => {
    expect(inputsOf({ mode: 'replace' }).enum('mode', ['upsert', 'replace'], 'upsert')).toBe('replace');
    expect(inputErrorOf(() => inputsOf({ mode: 'merge' }).enum('mode', ['upsert', 'replace'], 'upsert')).message).toContain(
      'Use one of: upsert, replace',
    );
  });

  it('reads multiline lists, dropping blanks and comments', () => {
    expect(inputsOf({ l: 'a\n\n  b \n# c\n' }).list('l')).toEqual(['a', 'b']);
    expect(inputsOf({ l: 'a, b\nc' }).list('l', { commas: true })).toEqual(['a', 'b', 'c']);
  });

  it('splits KEY=value on the first = only', () => {
    expect(inputsOf({ kv: 'A=1\nURL=postgres://h/db?x=y' }).keyValues('kv')).toEqual([
      { key: 'A', value: '1' },
      { key: 'URL', value: 'postgres://h/db?x=y' },
    ]);
  });

  it('does not echo a malformed KEY=value line, which may hold a secret', () => {
    const error = inputErrorOf(() => inputsOf({ kv: 'A=1\nhunter2-secret' }).keyValues('kv'));
    expect(error.message).toBe("Input 'kv': line 2 is not KEY=value. Write one KEY=value per line");
    expect(error.message).not.toContain('hunter2');
    expect(inputErrorOf(() => inputsOf({ kv: '=x' }).keyValues('kv')).message).toContain('line 1');
    expect(inputErrorOf(() => inputsOf({ kv: 'bad key=x' }).keyValues('kv', { keyPattern: /^\w+$/ })).message).toContain(
      'not a valid name',
    );
  });

  it('reads JSON inline or from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inputs-'));
    writeFileSync(join(dir, 'doc.yaml'), 'a: 1\nb: [x]\n');
    writeFileSync(join(dir, 'doc.json'), '\uFEFF{"a": 2}');
    expect(inputsOf({ d: '{"a":1}' }).optionalDocument('d')).toEqual({ a: 1 });
    expect(inputsOf({ d: 'doc.json' }).optionalDocument('d', { baseDir: dir })).toEqual({ a: 2 });
    expect(inputsOf({}).optionalDocument('d')).toBeUndefined();
    expect(inputErrorOf(() => inputsOf({ d: 'doc.yaml' }).optionalDocument('d', { baseDir: dir })).message).toMatch(
      /^Input 'd': file 'doc.yaml' is not valid JSON/,
    );
    expect(inputErrorOf(() => inputsOf({ d: 'nope.json' }).optionalDocument('d', { baseDir: dir })).message).toContain(
      "file 'nope.json' does not exist",
    );
    expect(inputErrorOf(() => inputsOf({ d: '{"a":' }).optionalDocument('d')).message).toContain('the inline value is not valid JSON');
  });

  it('quotes at most a readable part of a long value', () => {
    const error = inputErrorOf(() => inputsOf({ flag: 'y'.repeat(100_000) }).boolean('flag'));
    expect(error.message).toMatch(/^Input 'flag': 'y{100}… \(100000 characters\)' is not a boolean/);
    expect(new InputError('x', `'${'z'.repeat(5_000)}' is wrong`).message.length).toBeLessThan(200);
  });
});
