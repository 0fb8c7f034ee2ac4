import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { instanceKey, summarizePlans, type ClassifiedOutput, type ClassifiedResource } from './classify.js';
import type { PlanChange, TerraformPlan } from './plan-types.js';
import { redactValue } from './sensitive.js';

/**
 * A checksum of what a plan would do, so that apply can prove it applies what was reviewed. It covers
 * the resource changes and output changes only: not the timestamp, the Terraform version, prior state
 * or configuration, which differ between two runs that plan the same thing.
 *
 * The checksum and the per-resource digests are published in the PR comment, so whoever reads it can
 * test guesses against them offline. Hence two modes (threat model: actions/terraform-plan/README.md):
 * - keyed (`hmac-sha256:`): an HMAC with a key from a repository secret, over the plan WITH its
 *   sensitive values. Without the key a guess cannot be tested; apply, holding the key, detects a
 *   change of a sensitive value alone.
 * - unkeyed (`sha256:`): a plain hash over the plan with every sensitive value replaced by the
 *   placeholder (the caller passes the redacted plans). Nothing computed over a secret is published,
 *   and so a change of a sensitive value alone is NOT detected.
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

/** Keyed mode keeps sensitive values (the HMAC hides them); unkeyed mode never sees them. */
function shown(change: PlanChange, keyed: boolean): { before: unknown; after: unknown } {
  if (keyed) return { before: change.before, after: change.after };
  return { before: redactValue(change.before, change.beforeSensitive), after: redactValue(change.after, change.afterSensitive) };
}

function normalResource(resource: ClassifiedResource, keyed: boolean): { address: string } & Record<string, unknown> {
  const { change } = resource.resource;
  return {
    address: resource.address,
    previousAddress: resource.movedFrom,
    deposed: resource.resource.deposed,
    actions: change.actions,
    ...shown(change, keyed),
    afterUnknown: change.afterUnknown,
    importing: change.importing === undefined ? undefined : (change.importing.id ?? change.importing.identity ?? true),
    replacePaths: change.replacePaths,
  };
}

function normalOutput(output: ClassifiedOutput, keyed: boolean): { name: string } & Record<string, unknown> {
  const { change } = output;
  return {
    name: output.name,
    actions: change.actions,
    after: shown(change, keyed).after,
    afterUnknown: change.afterUnknown,
  };
}

/** The normalised plan: per document, its changing resources by address and its changing outputs by name. */
export function normalizePlans(plans: TerraformPlan[]): unknown[] {
  return plans.map((plan) => {
    const summary = summarizePlans([plan]);
    return {
      outputs: summary.outputs.map((output) => normalOutput(output, false)).sort((a, b) => compareText(a.name, b.name)),
      resources: summary.resources.map((resource) => normalResource(resource, false)).sort((a, b) => compareText(a.address, b.address)),
    };
  });
}

/** Code-unit order: locale-independent, so every runner computes the same checksum. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface PlanFingerprint {
  /** `hmac-sha256:<hex>` (keyed) or `sha256:<hex>` of the canonical JSON of the normalised plans. */
  checksum: string;
  /** A short digest per resource instance (deposed objects apart), so a mismatch can say which differ. */
  digests: Record<string, string>;
}

/**
 * Checksum and per-resource digests in one pass: each resource is serialised once and fed both to
 * its own digest and to the streaming hash of the whole document (5,000 resources: one pass, not two).
 * With `key`, pass the plans as parsed (sensitive values in); without, pass the redacted plans.
 */
export function fingerprintPlans(plans: TerraformPlan[], key?: string): PlanFingerprint {
  const keyed = key !== undefined;
  const hasher = (): Hash | Hmac => (keyed ? createHmac('sha256', key) : createHash('sha256'));
  const whole = hasher();
  const digests: Record<string, string> = {};
  whole.update('[');
  plans.forEach((plan, index) => {
    const summary = summarizePlans([plan]);
    const outputs = summary.outputs.map((output) => normalOutput(output, keyed)).sort((a, b) => compareText(a.name, b.name));
    const resources = summary.resources
      .map((resource) => ({ resource, normal: normalResource(resource, keyed) }))
      .sort((a, b) => compareText(instanceKey(a.resource), instanceKey(b.resource)));
    whole.update(`${index > 0 ? ',' : ''}{"outputs":${canonicalJson(outputs)},"resources":[`);
    resources.forEach(({ resource, normal }, position) => {
      const json = canonicalJson(normal);
      whole.update(position > 0 ? `,${json}` : json);
      const name = plans.length > 1 ? `${index + 1}:${instanceKey(resource)}` : instanceKey(resource);
      digests[name] = `${resource.kind}:${hasher().update(json).digest('hex').slice(0, 12)}`;
    });
    whole.update(']}');
  });
  whole.update(']');
  return { checksum: `${keyed ? 'hmac-sha256' : 'sha256'}:${whole.digest('hex')}`, digests };
}

/** `sha256:<hex>` of the normalised (redacted) plan. */
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
