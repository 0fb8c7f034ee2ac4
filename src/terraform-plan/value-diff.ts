import type { ClassifiedResource } from './classify.js';
import type { ValueMask } from './plan-types.js';
import { redactValue } from './sensitive.js';

/**
 * A Terraform-like diff of one resource built from the JSON plan, for read mode without plan text.
 * Top-level attributes only: enough to see what changes, never a sensitive value (everything passes
 * through `redactValue` first), and short enough to list thousands of resources.
 */

const UNKNOWN = '(known after apply)';
const MAX_VALUE_LENGTH = 300;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function maskAt(mask: ValueMask, key: string): ValueMask {
  if (typeof mask === 'boolean') return mask;
  if (Array.isArray(mask)) return false;
  return mask[key] ?? false;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}

const HEADERS: Record<string, string> = {
  create: 'will be created',
  update: 'will be updated in-place',
  delete: 'will be destroyed',
  replace: 'must be replaced',
  read: 'will be read during apply',
  forget: 'will be removed from state (forgotten), but not destroyed',
  'no-op': 'will be imported or moved without changes',
};

export function jsonResourceDiff(resource: ClassifiedResource): string {
  const { change } = resource.resource;
  const before = redactValue(change.before, change.beforeSensitive);
  const after = redactValue(change.after, change.afterSensitive);
  const beforeObject = isRecord(before) ? before : {};
  const afterObject = isRecord(after) ? after : {};
  const lines = [`  # ${resource.address} ${HEADERS[resource.kind] ?? 'changes'}`];
  if (resource.movedFrom !== undefined) lines.push(`  # (moved from ${resource.movedFrom})`);
  if (resource.importing) lines.push('  # (imported)');
  const keys = [...new Set([...Object.keys(beforeObject), ...Object.keys(afterObject)])].sort();
  for (const key of keys) {
    const unknown = maskAt(change.afterUnknown, key) !== false && !(key in afterObject && afterObject[key] !== null);
    const old = beforeObject[key] ?? null;
    const next = unknown ? UNKNOWN : (afterObject[key] ?? null);
    const nextText = unknown ? UNKNOWN : show(next);
    if (resource.kind === 'delete' || resource.kind === 'forget') {
      if (old !== null) lines.push(`-     ${key} = ${show(old)}`);
    } else if (old === null && next !== null) {
      lines.push(`+     ${key} = ${nextText}`);
    } else if (old !== null && next === null) {
      lines.push(`-     ${key} = ${show(old)} -> null`);
    } else if (unknown || show(old) !== show(next)) {
      lines.push(`!     ${key} = ${show(old)} -> ${nextText}`);
    }
  }
  return lines.join('\n');
}
