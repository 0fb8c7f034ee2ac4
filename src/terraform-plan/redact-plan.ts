import type { PlanChange, ResourceChange, TerraformPlan, ValueMask } from './plan-types.js';
import { SENSITIVE_PLACEHOLDER, collectSecrets } from './sensitive.js';

/**
 * Redaction by construction: every renderer, label and unkeyed checksum reads a copy of the plans in
 * which every sensitive value is already the placeholder. Three reasons make a value sensitive:
 * Terraform marked it (`*_sensitive` masks, sensitive variables and outputs), its attribute's name
 * says it is a secret although no provider marked it, or it is a string that contains a sensitive
 * value (a `jsonencode`, a template, a connection string).
 */

/** Attribute names that hold secrets, whether or not a provider marked them (matched on the last name part). */
const SECRET_NAME =
  /(?:^|[_-])(?:password|passwd|passphrase|secret|secret_string|secret_binary|client_secret|secret_key|secret_access_key|access_key|token|auth_token|access_token|refresh_token|api_key|apikey|private_key|private_key_pem|private_key_openssh|credentials?|connection_string)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export interface RedactionCounts {
  /** Values Terraform marked sensitive (attributes and outputs). */
  marked: number;
  /** Unmarked attribute values whose name says they are secret. */
  named: number;
  /** Unmarked strings that contain a sensitive value. */
  embedded: number;
}

export interface RedactedPlans {
  plans: TerraformPlan[];
  /** Every sensitive scalar as a string, for scrubbing free text (plan text, logs, errors). */
  secrets: string[];
  counts: RedactionCounts;
}

/** Long enough to look for inside other strings without matching ordinary words. */
const EMBEDDED_MIN_LENGTH = 4;

interface Walk {
  counts: RedactionCounts;
  /** Secrets long enough to be searched for inside strings. */
  embedded: string[];
  /** Values found by name, added to the secrets afterwards. */
  named: Set<string>;
}

function child(mask: ValueMask, key: string | number): ValueMask {
  if (mask === true || mask === false) return mask;
  if (Array.isArray(mask)) return typeof key === 'number' ? (mask[key] ?? false) : false;
  return mask[String(key)] ?? false;
}

function scalars(value: unknown, into: Set<string>): void {
  if (value === null || value === undefined || typeof value === 'boolean') return;
  if (Array.isArray(value)) value.forEach((item) => scalars(item, into));
  else if (typeof value === 'object') Object.values(value).forEach((item) => scalars(item, into));
  else if (String(value).trim() !== '') into.add(String(value));
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (typeof value === 'object' && Object.keys(value).length === 0);
}

/** Redacts one value; `name` is the attribute it sits under (the nearest object key). */
function redact(value: unknown, mask: ValueMask, name: string | undefined, walk: Walk): unknown {
  if (value === null || value === undefined) return value;
  if (mask === true) {
    walk.counts.marked += 1;
    return SENSITIVE_PLACEHOLDER;
  }
  if (name !== undefined && isSecretName(name) && !isEmpty(value) && typeof value !== 'boolean') {
    walk.counts.named += 1;
    scalars(value, walk.named);
    return SENSITIVE_PLACEHOLDER;
  }
  if (typeof value === 'string') {
    if (walk.embedded.some((secret) => value.includes(secret))) {
      walk.counts.embedded += 1;
      return SENSITIVE_PLACEHOLDER;
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((item, index) => redact(item, child(mask, index), name, walk));
  if (typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = redact(item, child(mask, key), key, walk);
    return result;
  }
  return value;
}

function redactChange(change: PlanChange, walk: Walk): PlanChange {
  return {
    ...change,
    before: redact(change.before, change.beforeSensitive, undefined, walk),
    after: redact(change.after, change.afterSensitive, undefined, walk),
  };
}

function redactResource(resource: ResourceChange, walk: Walk): ResourceChange {
  const copy: ResourceChange = { ...resource, change: redactChange(resource.change, walk) };
  if (resource.change.importing?.identity !== undefined) {
    copy.change.importing = { ...resource.change.importing, identity: redact(resource.change.importing.identity, false, undefined, walk) };
  }
  return copy;
}

/**
 * The plans with every sensitive value replaced, and the list of sensitive values for free text.
 * `extraSecrets` are values known from elsewhere (the `variables` input, variable files, defaults).
 */
export function redactPlans(plans: TerraformPlan[], extraSecrets: readonly string[] = []): RedactedPlans {
  const marked = [...new Set([...collectSecrets(plans), ...extraSecrets])];
  const walk: Walk = {
    counts: { marked: 0, named: 0, embedded: 0 },
    embedded: marked.filter((secret) => secret.trim().length >= EMBEDDED_MIN_LENGTH),
    named: new Set(),
  };
  const redacted = plans.map((plan) => ({
    ...plan,
    resourceChanges: plan.resourceChanges.map((resource) => redactResource(resource, walk)),
    resourceDrift: plan.resourceDrift.map((resource) => redactResource(resource, walk)),
    outputChanges: plan.outputChanges.map((output) => ({ ...output, change: redactChange(output.change, walk) })),
    sensitiveVariableValues: plan.sensitiveVariableValues.map(() => SENSITIVE_PLACEHOLDER),
  }));
  const secrets = [...new Set([...marked, ...walk.named])];
  return { plans: redacted, secrets, counts: walk.counts };
}

/** The sentence the summary carries, or '' when nothing was redacted. */
export function redactionNote(counts: RedactionCounts): string {
  const parts = [
    counts.marked > 0 ? `${counts.marked} marked sensitive by Terraform` : '',
    counts.named > 0 ? `${counts.named} unmarked, but under an attribute whose name says secret (password, token, private_key, …)` : '',
    counts.embedded > 0 ? `${counts.embedded} unmarked string${counts.embedded === 1 ? '' : 's'} containing a sensitive value` : '',
  ].filter((part) => part !== '');
  if (parts.length === 0) return '';
  const total = counts.marked + counts.named + counts.embedded;
  return `🔒 ${total} value${total === 1 ? '' : 's'} shown as \`${SENSITIVE_PLACEHOLDER}\`: ${parts.join('; ')}.`;
}
