import type { PlanChange, TerraformPlan, ValueMask } from './plan-types.js';

/** What Terraform itself prints in place of a sensitive value. */
export const SENSITIVE_PLACEHOLDER = '(sensitive value)';

/** Marks the part of `mask` that `key` leads to: `true` covers everything below it. */
function child(mask: ValueMask, key: string | number): ValueMask {
  if (mask === true || mask === false) return mask;
  if (Array.isArray(mask)) return typeof key === 'number' ? (mask[key] ?? false) : false;
  return mask[String(key)] ?? false;
}

/**
 * A copy of `value` with every sensitive part replaced by the placeholder. The JSON plan keeps
 * sensitive values in clear text; only the masks say which they are, so every value shown goes
 * through here first.
 */
export function redactValue(value: unknown, sensitive: ValueMask): unknown {
  if (sensitive === true) return value === null ? null : SENSITIVE_PLACEHOLDER;
  if (sensitive === false || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item, index) => redactValue(item, child(sensitive, index)));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) result[key] = redactValue(item, child(sensitive, key));
  return result;
}

/** Every scalar under the sensitive parts of `value`. */
export function sensitiveLeaves(value: unknown, sensitive: ValueMask, into: unknown[] = []): unknown[] {
  if (sensitive === false || value === null || value === undefined) return into;
  if (sensitive === true) {
    collectScalars(value, into);
    return into;
  }
  if (Array.isArray(value)) value.forEach((item, index) => sensitiveLeaves(item, child(sensitive, index), into));
  else if (typeof value === 'object') for (const [key, item] of Object.entries(value)) sensitiveLeaves(item, child(sensitive, key), into);
  return into;
}

function collectScalars(value: unknown, into: unknown[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) value.forEach((item) => collectScalars(item, into));
  else if (typeof value === 'object') Object.values(value).forEach((item) => collectScalars(item, into));
  else into.push(value);
}

function changeSecrets(change: PlanChange, into: unknown[]): void {
  sensitiveLeaves(change.before, change.beforeSensitive, into);
  sensitiveLeaves(change.after, change.afterSensitive, into);
}

/** Sensitive scalars of every plan, as strings; booleans and empty strings carry nothing to leak. */
export function collectSecrets(plans: TerraformPlan[]): string[] {
  const leaves: unknown[] = [];
  for (const plan of plans) {
    for (const resource of [...plan.resourceChanges, ...plan.resourceDrift]) changeSecrets(resource.change, leaves);
    for (const output of plan.outputChanges) changeSecrets(output.change, leaves);
    for (const value of plan.sensitiveVariableValues) collectScalars(value, leaves);
  }
  const secrets = new Set<string>();
  for (const leaf of leaves) {
    if (typeof leaf === 'boolean') continue;
    const text = String(leaf);
    if (text.trim() !== '') secrets.add(text);
  }
  return [...secrets];
}

/** Long enough to replace wherever it appears without blanking ordinary words. */
const FREE_TEXT_MIN_LENGTH = 4;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes sensitive values from plan text. `terraform show` already prints `(sensitive value)`, but
 * read mode takes any text (a wrapper's log, an older tool), so nothing is trusted. Long values go
 * wherever they appear (also line by line, for heredocs, and in Terraform's quoted form); short ones
 * only where they stand as a whole quoted string or as an attribute's whole value, so that a secret
 * `42` does not blank every 42 in the plan.
 */
export function scrubText(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0) return text;
  const free = new Set<string>();
  const exact = new Set<string>();
  for (const secret of secrets) {
    // As itself, quoted, escaped inside a JSON string (jsonencode), and line by line (heredocs).
    const escaped = JSON.stringify(secret).slice(1, -1);
    const twice = JSON.stringify(escaped).slice(1, -1);
    for (const form of [JSON.stringify(secret), secret, escaped, twice, ...secret.split(/\r?\n/)]) {
      if (form.trim().length >= FREE_TEXT_MIN_LENGTH) free.add(form);
      else if (form.trim() !== '') exact.add(form.trim());
    }
  }
  let result = text;
  if (free.size > 0) {
    // One alternation, longest first, so a secret containing another is replaced whole.
    const pattern = [...free]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
    result = result.replace(new RegExp(pattern, 'g'), SENSITIVE_PLACEHOLDER);
  }
  for (const short of exact) {
    const value = escapeRegExp(short);
    result = result
      .replace(new RegExp(`"${value}"`, 'g'), SENSITIVE_PLACEHOLDER)
      .replace(new RegExp(`(=\\s*)${value}(?=\\s*(?:->|$|,|\\}|\\]))`, 'gm'), `$1${SENSITIVE_PLACEHOLDER}`)
      .replace(new RegExp(`(->\\s*)${value}(?=\\s*$)`, 'gm'), `$1${SENSITIVE_PLACEHOLDER}`);
  }
  return result;
}
