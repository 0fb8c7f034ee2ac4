/**
 * Strict readers for the sandbox configuration file: each checks one value at one key path and
 * throws ConfigError naming that path, what is wrong and how to fix it. Nothing is defaulted
 * silently: an unknown key or a wrong type stops the sandbox before it starts.
 */

export class ConfigError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${path}: ${problem}; ${fix}`);
  }
}

/** How a YAML/JSON value reads in a message: `a string ("x")`, `a list`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `a string (${JSON.stringify(value)})`;
  return `a ${typeof value} (${String(value)})`;
}

export const at = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

/**
 * A mapping with only the `allowed` keys, all `required` ones present. Returns it for the typed
 * readers below.
 */
export function mapping(
  value: unknown,
  path: string,
  allowed: readonly string[],
  required: readonly string[] = [],
): Record<string, unknown> {
  const where = path === '' ? 'the file' : path;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ConfigError(where, `expected a mapping, got ${describeValue(value)}`, `write it as key: value lines (${allowed.join(', ')})`);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) throw new ConfigError(at(path, key), 'unknown key', `remove it or use one of: ${allowed.join(', ')}`);
  }
  for (const key of required) {
    if (record[key] === undefined || record[key] === null) throw new ConfigError(at(path, key), 'is required', `add ${key} to ${where}`);
  }
  return record;
}

export function list(value: unknown, path: string, example: string): unknown[] {
  if (!Array.isArray(value))
    throw new ConfigError(path, `expected a list, got ${describeValue(value)}`, `write it as a YAML list, e.g. ${example}`);
  return value;
}

export function string(value: unknown, path: string, pattern?: { test: RegExp; fix: string }): string {
  if (typeof value !== 'string' || value === '')
    throw new ConfigError(
      path,
      `expected a non-empty string, got ${describeValue(value)}`,
      pattern?.fix ?? 'give a string (quote it in YAML if needed)',
    );
  if (pattern && !pattern.test.test(value)) throw new ConfigError(path, `${JSON.stringify(value)} is not valid`, pattern.fix);
  return value;
}

export function stringList(value: unknown, path: string, example: string): string[] {
  return list(value, path, example).map((item, i) => string(item, at(path, i)));
}

export function integer(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(
      path,
      `expected a whole number from ${min} to ${max}, got ${describeValue(value)}`,
      `write a number such as ${min}`,
    );
  return value;
}

export function oneOf<T extends string>(value: unknown, path: string, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value))
    throw new ConfigError(path, `expected one of ${choices.join(', ')}, got ${describeValue(value)}`, `use one of: ${choices.join(', ')}`);
  return value as T;
}

/** An optional value: undefined when absent, else what `read` makes of it. */
export function optional<T>(record: Record<string, unknown>, key: string, read: (value: unknown) => T): T | undefined {
  return record[key] === undefined ? undefined : read(record[key]);
}
