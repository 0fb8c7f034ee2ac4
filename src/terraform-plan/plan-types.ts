/**
 * The parts of Terraform's machine-readable plan (`terraform show -json <planfile>`) that this action
 * reads. Upstream format: https://developer.hashicorp.com/terraform/internals/json-format
 * (OpenTofu: https://opentofu.org/docs/internals/json-format/). Unknown properties are ignored, as the
 * format asks; a major `format_version` other than 0 or 1 is rejected (0.x is read with a warning). `plan-parse.ts` checks every field
 * below at the boundary; nothing is cast.
 */

/** `change.actions` as Terraform writes it; the pairs are the two replacement orders. */
export type TerraformAction = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

/**
 * A value, or whether its parts are sensitive/unknown: `true` for the whole value, an object or array
 * of the same shape for parts of it, `false`/`{}` for nothing.
 */
export type ValueMask = boolean | ValueMask[] | { [key: string]: ValueMask };

/** The change object shared by resource changes, drift and output changes. */
export interface PlanChange {
  actions: TerraformAction[];
  /** Values in clear text, sensitive ones included: never render them without the masks. */
  before: unknown;
  after: unknown;
  afterUnknown: ValueMask;
  beforeSensitive: ValueMask;
  afterSensitive: ValueMask;
  /** Present when the resource is being imported (`importing: {id}` or `{identity}`), even when no-op. */
  importing?: { id?: string; identity?: unknown };
  /** Attribute paths that force a replacement. */
  replacePaths?: unknown[];
}

export interface ResourceChange {
  address: string;
  /** Set when a `moved` block (or refactoring) renamed the resource. */
  previousAddress?: string;
  moduleAddress?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** Set when the change is to a deposed object left by a failed create_before_destroy. */
  deposed?: string;
  actionReason?: string;
  change: PlanChange;
}

export interface OutputChange {
  name: string;
  change: PlanChange;
}

/** One plan document. NDJSON input (`terragrunt show --all -json`) yields several. */
export interface TerraformPlan {
  formatVersion: string;
  terraformVersion?: string;
  resourceChanges: ResourceChange[];
  resourceDrift: ResourceChange[];
  outputChanges: OutputChange[];
  /** Absent before Terraform 1.6; treated as: not errored, applyable when anything changes, complete. */
  errored?: boolean;
  applyable?: boolean;
  complete?: boolean;
  /** Values of root variables whose configuration says `sensitive = true`, for scrubbing plan text. */
  sensitiveVariableValues: unknown[];
}
