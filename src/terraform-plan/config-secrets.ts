import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyValue } from '../lib/inputs.js';
import { hclItems, literals } from './hcl-scan.js';
import { SENSITIVE_PLACEHOLDER } from './sensitive.js';

/**
 * Sensitive values found without a plan. When init, validation or planning fails there is no plan
 * JSON to say what is sensitive, yet Terraform's diagnostics may quote a value (a failed validation
 * prints `var.x is "…"`, even for a sensitive variable). So the configuration is read for variables
 * declared `sensitive = true`, and their values are taken from every source Terraform itself reads:
 * the `variables` input, `TF_VAR_*`, the var-files, the auto-loaded `terraform.tfvars` and
 * `*.auto.tfvars(.json)`, and the declared default. Beyond those values, every diagnostic line that
 * quotes a variable not known to be non-sensitive has its value replaced (see `scrubDiagnostics`).
 */

export interface ConfigSecretSources {
  workingDirectory: string;
  varFiles: string[];
  variables: KeyValue[];
  /** `TF_VAR_*` of the step's environment. */
  environment: Record<string, string>;
}

export interface ConfigSecrets {
  /** Root variables declared sensitive. */
  sensitive: Set<string>;
  /** Root variables declared and not sensitive: the only ones whose values diagnostics may show. */
  plain: Set<string>;
  /** Every value of a sensitive variable found in the sources. */
  values: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonScalars(value: unknown, into: string[]): void {
  if (value === null || value === undefined || typeof value === 'boolean') return;
  if (Array.isArray(value)) value.forEach((item) => jsonScalars(item, into));
  else if (isRecord(value)) Object.values(value).forEach((item) => jsonScalars(item, into));
  else into.push(String(value));
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Declared variables of the root module: name → [sensitive, literal values of the default]. */
function declarations(dir: string): Map<string, { sensitive: boolean; defaults: string[] }> {
  const found = new Map<string, { sensitive: boolean; defaults: string[] }>();
  const names = existsSync(dir) ? readdirSync(dir) : [];
  for (const name of names.filter((file) => /\.tf$/.test(file))) {
    for (const item of hclItems(readText(join(dir, name)) ?? '')) {
      if (item.kind !== 'block' || item.words[0] !== 'variable' || item.words[1] === undefined) continue;
      const body = hclItems(item.body);
      const attribute = (key: string) => body.find((entry) => entry.kind === 'attribute' && entry.words[0] === key)?.body;
      const sensitive = attribute('sensitive') === 'true';
      const defaultValue = attribute('default');
      found.set(item.words[1], { sensitive, defaults: defaultValue === undefined ? [] : literals(defaultValue) });
    }
  }
  for (const name of names.filter((file) => /\.tf\.json$/.test(file))) {
    const document = parseJson(readText(join(dir, name)) ?? '');
    const variables = isRecord(document) && isRecord(document.variable) ? document.variable : {};
    for (const [variable, declaration] of Object.entries(variables)) {
      if (!isRecord(declaration)) continue;
      const defaults: string[] = [];
      jsonScalars(declaration.default, defaults);
      found.set(variable, { sensitive: declaration.sensitive === true, defaults });
    }
  }
  return found;
}

/** Values assigned in a variable file: name → literal values. */
function assignments(path: string): Map<string, string[]> {
  const text = readText(path) ?? '';
  const result = new Map<string, string[]>();
  if (path.endsWith('.json')) {
    const document = parseJson(text);
    for (const [name, value] of Object.entries(isRecord(document) ? document : {})) {
      const values: string[] = [];
      jsonScalars(value, values);
      result.set(name, values);
    }
    return result;
  }
  for (const item of hclItems(text)) if (item.kind === 'attribute' && item.words[0]) result.set(item.words[0], literals(item.body));
  return result;
}

function autoVarFiles(dir: string): string[] {
  const names = existsSync(dir) ? readdirSync(dir) : [];
  return names.filter((name) => /^terraform\.tfvars(?:\.json)?$|\.auto\.tfvars(?:\.json)?$/.test(name)).map((name) => join(dir, name));
}

export function findConfigSecrets(sources: ConfigSecretSources): ConfigSecrets {
  const declared = declarations(sources.workingDirectory);
  const sensitive = new Set([...declared].filter(([, declaration]) => declaration.sensitive).map(([name]) => name));
  const plain = new Set([...declared].filter(([, declaration]) => !declaration.sensitive).map(([name]) => name));
  const values: string[] = [];
  for (const name of sensitive) values.push(...(declared.get(name)?.defaults ?? []));
  for (const variable of sources.variables) if (sensitive.has(variable.key)) values.push(variable.value);
  for (const [key, value] of Object.entries(sources.environment)) if (sensitive.has(key.replace(/^TF_VAR_/, ''))) values.push(value);
  for (const file of [...autoVarFiles(sources.workingDirectory), ...sources.varFiles]) {
    for (const [name, found] of assignments(file)) if (sensitive.has(name)) values.push(...found);
  }
  return { sensitive, plain, values: [...new Set(values.filter((value) => value.trim() !== ''))] };
}

/**
 * Terraform's diagnostics list the values an expression saw (`│ var.db_password is "…"`). Each such
 * line that names a variable not declared non-sensitive loses its value: the declaration may be in a
 * file the scan could not follow, and a lost value in an error costs less than a leaked one.
 */
export function scrubDiagnostics(text: string, secrets: Pick<ConfigSecrets, 'plain'>): string {
  return text.replace(
    /^([ \t]*(?:│[ \t]*)*)(var\.([A-Za-z_][\w-]*)[^\s]*) is .*$/gm,
    (line, prefix: string, traversal: string, name: string) =>
      secrets.plain.has(name) ? line : `${prefix}${traversal} is ${SENSITIVE_PLACEHOLDER}`,
  );
}
