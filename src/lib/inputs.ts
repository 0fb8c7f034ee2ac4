import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { InputError } from './errors.js';

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

export interface DocumentOptions {
  /** Directory that relative file paths are resolved from (the workspace). */
  baseDir?: string;
}

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
    throw new InputError(name, `'${value}' is not a boolean`, 'Use true or false');
  }

  optionalInteger(name: string, range: { min?: number; max?: number } = {}): number | undefined {
    const value = this.optionalString(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) throw new InputError(name, `'${value}' is not a whole number`, describeRange(range));
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
      throw new InputError(name, `'${value}' is not allowed`, `Use one of: ${allowed.join(', ')}`);
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
        throw new InputError(name, `line ${index + 1}: '${truncate(key)}' is not a valid name`, `Names must match ${keyPattern}`);
      }
      return { key, value: line.slice(at + 1).trim() };
    });
  }

  /**
   * A JSON document given inline, or as a path to a file holding one. A value that starts with `{`
   * or `[` is inline; anything else is a path, resolved from `baseDir`. (YAML documents are read with
   * `parseJsonOrYaml` from documents.ts, which loads the YAML parser only when it is needed.)
   */
  optionalDocument(name: string, options: DocumentOptions = {}): unknown {
    const value = this.optionalString(name);
    if (value === undefined) return undefined;
    const inline = /^[[{]/.test(value);
    const text = inline ? value : readInputFile(name, value, options.baseDir);
    return parseJson(name, text, inline ? 'the inline value' : `file '${value}'`);
  }

  /** An existing file path, resolved from `baseDir`. */
  optionalFile(name: string, baseDir?: string): string | undefined {
    const value = this.optionalString(name);
    if (value === undefined) return undefined;
    const path = resolvePath(value, baseDir);
    if (!existsSync(path))
      throw new InputError(name, `file '${value}' does not exist`, 'Give a path relative to the workspace, or an absolute path');
    return path;
  }
}

/** Parses JSON (a leading byte-order mark allowed); a failure is an InputError naming the input. */
export function parseJson(name: string, text: string, where: string): unknown {
  try {
    return JSON.parse(stripByteOrderMark(text));
  } catch (error) {
    throw new InputError(name, `${where} is not valid JSON (${(error as Error).message})`, 'Fix the JSON syntax');
  }
}

export function stripByteOrderMark(text: string): string {
  return text.replace(/^\uFEFF/, '');
}

function readInputFile(name: string, path: string, baseDir?: string): string {
  const full = resolvePath(path, baseDir);
  if (!existsSync(full)) {
    throw new InputError(name, `file '${path}' does not exist`, 'Give inline JSON, or a path relative to the workspace');
  }
  return readFileSync(full, 'utf8');
}

function resolvePath(path: string, baseDir?: string): string {
  return isAbsolute(path) ? path : resolve(baseDir ?? process.cwd(), path);
}

function describeRange({ min, max }: { min?: number; max?: number }): string {
  if (min !== undefined && max !== undefined) return `Use a whole number from ${min} to ${max}`;
  if (min !== undefined) return `Use a whole number of at least ${min}`;
  if (max !== undefined) return `Use a whole number of at most ${max}`;
  return 'Use a whole number';
}

function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
