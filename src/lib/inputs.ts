import { InputError } from './errors.js';
import { readInputFile, resolveInputPath, type FileRoots } from './input-files.js';
import { parseStrictJson } from './strict-json.js';
import { quoteValue } from './untrusted-text.js';

/** Reads one raw input by its action.yml name; '' when not set (the runner applies action.yml defaults). */
export type RawInputSource = (name: string) => string;

/** The runner's INPUT_<NAME> variables: upper-cased, spaces to underscores, hyphens kept. */
export function runnerInputs(env: NodeJS.ProcessEnv = process.env): RawInputSource {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export interface KeyValue {
  key: string;
  value: string;
}

/** Where file inputs may be: relative paths are resolved from `baseDir` (the workspace); see input-files.ts. */
export type DocumentOptions = FileRoots;

/**
 * Typed, strict readers over the raw inputs. Every failure is an InputError that names the input,
 * says what was wrong and what would be right. Junk is rejected, never silently defaulted.
 */
export class Inputs {
  constructor(private readonly raw: RawInputSource) {}

  /** The trimmed value, or undefined when empty. */
  optionalString(name: string): string | undefined {
    const value = this.raw(name);
    return value === '' ? undefined : value;
  }

  string(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined) throw new InputError(name, 'is required but was not given', `Set '${name}' in the step's 'with:'`);
    return value;
  }

  /** YAML 1.2 core booleans only, as the runner's own `getBooleanInput` does. */
  boolean(name: string, fallback = false): boolean {
    const value = this.optionalString(name);
    if (value === undefined) return fallback;
    if (['true', 'True', 'TRUE'].includes(value)) return true;
    if (['false', 'False', 'FALSE'].includes(value)) return false;
    throw new InputError(name, `'${quoteValue(value)}' is not a boolean`, 'Use true or false');
  }

  optionalInteger(name: string, range: { min?: number; max?: number } = {}): number | undefined {
    const value = this.optionalString(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) throw new InputError(name, `'${quoteValue(value)}' is not a whole number`, describeRange(range));
    const parsed = Number(value);
    if ((range.min !== undefined && parsed < range.min) || (range.max !== undefined && parsed > range.max)) {
      throw new InputError(name, `${parsed} is out of range`, describeRange(range));
    }
    return parsed;
  }

  integer(name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
    return this.optionalInteger(name, range) ?? fallback;
  }

  optionalEnum<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.optionalString(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw new InputError(name, `'${quoteValue(value)}' is not allowed`, `Use one of: ${allowed.join(', ')}`);
    }
    return value as T;
  }

  enum<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    return this.optionalEnum(name, allowed) ?? fallback;
  }

  /** One entry per line (commas too when `commas`), trimmed, blank lines and `#` comments dropped. */
  list(name: string, { commas = false }: { commas?: boolean } = {}): string[] {
    const value = this.optionalString(name) ?? '';
    return value
      .split(commas ? /[\n,]/ : /\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
  }

  /** `KEY=value` lines, split on the first `=` so values may contain `=`. */
  keyValues(name: string, { keyPattern }: { keyPattern?: RegExp } = {}): KeyValue[] {
    return this.list(name).map((line, index) => {
      const at = line.indexOf('=');
      const key = at < 0 ? '' : line.slice(0, at).trim();
      if (at <= 0 || key === '') {
        // The line is not echoed: it may hold a secret value.
        throw new InputError(name, `line ${index + 1} is not KEY=value`, 'Write one KEY=value per line');
      }
      if (keyPattern && !keyPattern.test(key)) {
        throw new InputError(name, `line ${index + 1}: '${quoteValue(key, 60)}' is not a valid name`, `Names must match ${keyPattern}`);
      }
      return { key, value: line.slice(at + 1).trim() };
    });
  }

  /**
   * A JSON document given inline, or as a path to a file holding one. A value that starts with `{`
   * or `[` is inline; anything else is a path inside the workspace or RUNNER_TEMP (input-files.ts). (YAML documents are read with
   * `parseJsonOrYaml` from documents.ts, which loads the YAML parser only when it is needed.)
   */
  optionalDocument(name: string, options: DocumentOptions = {}): unknown {
    const value = this.optionalString(name);
    if (value === undefined) return undefined;
    const inline = /^[[{]/.test(value);
    const text = inline
      ? value
      : readInputFile(name, value, { ...options, missingFix: 'Give inline JSON, or a path relative to the workspace' });
    return parseJson(name, text, inline ? 'the inline value' : `file '${quoteValue(value)}'`);
  }

  /** An existing file inside the workspace or RUNNER_TEMP (symlinks followed): its real path. */
  optionalFile(name: string, roots: FileRoots = {}): string | undefined {
    const value = this.optionalString(name);
    if (value === undefined) return undefined;
    return resolveInputPath(name, value, { ...roots, missingFix: 'Give a path relative to the workspace, or an absolute path' });
  }
}

/**
 * Parses JSON strictly (a leading byte-order mark allowed): a failure is an InputError naming the
 * input that gives the line and column but no text of the document (it may hold a secret), and a
 * key given twice in one object is refused (strict-json.ts says why).
 */
export function parseJson(name: string, text: string, where: string): unknown {
  const result = parseStrictJson(stripByteOrderMark(text));
  if (result.ok) return result.value;
  throw jsonInputError(name, where, result);
}

/** The InputError for a failed strict JSON parse. */
export function jsonInputError(
  name: string,
  where: string,
  fault: { kind: 'syntax' | 'duplicate-key'; problem: string; line: number; column: number },
): InputError {
  const position = `line ${fault.line}, column ${fault.column}`;
  if (fault.kind === 'duplicate-key') {
    return new InputError(
      name,
      `${where}: ${fault.problem} (${position})`,
      'Keep one of them: JSON readers disagree on which one wins, so a reviewer may read a different value than AWS gets',
    );
  }
  return new InputError(name, `${where} is not valid JSON: ${fault.problem} at ${position}`, 'Fix the JSON syntax');
}

export function stripByteOrderMark(text: string): string {
  return text.replace(/^\uFEFF/, '');
}

function describeRange({ min, max }: { min?: number; max?: number }): string {
  if (min !== undefined && max !== undefined) return `Use a whole number from ${min} to ${max}`;
  if (min !== undefined) return `Use a whole number of at least ${min}`;
  if (max !== undefined) return `Use a whole number of at most ${max}`;
  return 'Use a whole number';
}
