import { createHash } from 'node:crypto';
import { summarizePlans, type ClassifiedOutput, type ClassifiedResource } from './classify.js';
import type { TerraformPlan } from './plan-types.js';
import { redactValue } from './sensitive.js';

/**
 * A checksum of what a plan would do, so that apply can prove it applies what was reviewed. It covers
 * the resource changes and output changes only: not the timestamp, the Terraform version, prior state
 * or configuration, which differ between two runs that plan the same thing. Sensitive values enter
 * as the placeholder, never as themselves: the checksum is published in a PR comment, and a hash over
 * a short secret could be brute-forced offline.
 */

/** JSON with object keys sorted at every level, so property order cannot change the checksum. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function normalResource(resource: ClassifiedResource): { address: string } & Record<string, unknown> {
  const { change } = resource.resource;
  return {
    address: resource.address,
    previousAddress: resource.movedFrom,
    deposed: resource.resource.deposed,
    actions: change.actions,
    before: redactValue(change.before, change.beforeSensitive),
    after: redactValue(change.after, change.afterSensitive),
    afterUnknown: change.afterUnknown,
    importing: change.importing === undefined ? undefined : (change.importing.id ?? change.importing.identity ?? true),
    replacePaths: change.replacePaths,
  };
}

function normalOutput(output: ClassifiedOutput): { name: string } & Record<string, unknown> {
  const { change } = output;
  return {
    name: output.name,
    actions: change.actions,
    after: redactValue(change.after, change.afterSensitive),
    afterUnknown: change.afterUnknown,
  };
}

/** The normalised plan: per document, its changing resources by address and its changing outputs by name. */
export function normalizePlans(plans: TerraformPlan[]): unknown[] {
  return plans.map((plan) => {
    const summary = summarizePlans([plan]);
    return {
      outputs: summary.outputs.map(normalOutput).sort((a, b) => compareText(a.name, b.name)),
      resources: summary.resources.map(normalResource).sort((a, b) => compareText(a.address, b.address)),
    };
  });
}

/** Code-unit order: locale-independent, so every runner computes the same checksum. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface PlanFingerprint {
  /** `sha256:<hex>` of the canonical JSON of `normalizePlans(plans)`. */
  checksum: string;
  /** A short digest per resource address, so a mismatch can say which resources differ. */
  digests: Record<string, string>;
}

/**
 * Checksum and per-resource digests in one pass: each resource is serialised once and fed both to
 * its own digest and to the streaming hash of the whole document (5,000 resources: one pass, not two).
 */
export function fingerprintPlans(plans: TerraformPlan[]): PlanFingerprint {
  const whole = createHash('sha256');
  const digests: Record<string, string> = {};
  whole.update('[');
  plans.forEach((plan, index) => {
    const summary = summarizePlans([plan]);
    const outputs = summary.outputs.map(normalOutput).sort((a, b) => compareText(a.name, b.name));
    const resources = summary.resources
      .map((resource) => ({ resource, normal: normalResource(resource) }))
      .sort((a, b) => compareText(a.normal.address, b.normal.address));
    whole.update(`${index > 0 ? ',' : ''}{"outputs":${canonicalJson(outputs)},"resources":[`);
    resources.forEach(({ resource, normal }, position) => {
      const json = canonicalJson(normal);
      whole.update(position > 0 ? `,${json}` : json);
      const key = plans.length > 1 ? `${index + 1}:${resource.address}` : resource.address;
      digests[key] = `${resource.kind}:${sha256(json).slice(0, 12)}`;
    });
    whole.update(']}');
  });
  whole.update(']');
  return { checksum: `sha256:${whole.digest('hex')}`, digests };
}

/** `sha256:<hex>` of the normalised plan. */
export function planChecksum(plans: TerraformPlan[]): string {
  return fingerprintPlans(plans).checksum;
}

export function resourceDigests(plans: TerraformPlan[]): Record<string, string> {
  return fingerprintPlans(plans).digests;
}

export interface ChecksumDifference {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Which resources differ between the reviewed digests and the new ones. */
export function compareDigests(reviewed: Record<string, string>, current: Record<string, string>): ChecksumDifference {
  const added = Object.keys(current).filter((address) => !(address in reviewed));
  const removed = Object.keys(reviewed).filter((address) => !(address in current));
  const changed = Object.keys(current).filter((address) => address in reviewed && reviewed[address] !== current[address]);
  return { added, removed, changed };
}
