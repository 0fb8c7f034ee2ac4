import type { OutputChange, PlanChange, ResourceChange, TerraformPlan } from './plan-types.js';

/** What happens to one resource instance, the replacement orders folded into `replace`. */
export type ChangeKind = 'create' | 'update' | 'delete' | 'replace' | 'read' | 'forget' | 'no-op';

export interface ClassifiedResource {
  address: string;
  /** Index of the plan document (NDJSON input has several). */
  plan: number;
  kind: ChangeKind;
  /** `delete-first` is Terraform's default; `create-first` comes from create_before_destroy. */
  replaceOrder?: 'delete-first' | 'create-first';
  importing: boolean;
  /** The address before a `moved` block renamed it. */
  movedFrom?: string;
  reason?: string;
  resource: ResourceChange;
}

export interface ClassifiedOutput {
  name: string;
  plan: number;
  kind: ChangeKind;
  change: PlanChange;
}

/**
 * `add`, `change` and `destroy` count as Terraform's own `Plan:` line does (a replacement is one add
 * and one destroy); the other counts say what that line hides.
 */
export interface PlanCounts {
  add: number;
  change: number;
  destroy: number;
  replace: number;
  import: number;
  move: number;
  forget: number;
  read: number;
  outputs: number;
  drift: number;
}

export interface PlanSummary {
  /** Resources that do something: every kind but a plain no-op (an import or move of a no-op stays). */
  resources: ClassifiedResource[];
  drift: ClassifiedResource[];
  outputs: ClassifiedOutput[];
  counts: PlanCounts;
  hasChanges: boolean;
  errored: boolean;
  applyable: boolean;
  complete: boolean;
  planCount: number;
}

/** The address, and for a deposed object its key: a current and a deposed object share the address. */
export function instanceKey(resource: ClassifiedResource): string {
  const { deposed } = resource.resource;
  return deposed === undefined ? resource.address : `${resource.address} (deposed object ${deposed})`;
}

export function changeKind(change: PlanChange): ChangeKind {
  const [first, second] = change.actions;
  if (
    change.actions.length === 2 &&
    first !== second &&
    (first === 'delete' || first === 'create') &&
    (second === 'delete' || second === 'create')
  ) {
    return 'replace';
  }
  // The parser guarantees at least one action.
  return first ?? 'no-op';
}

export function classifyResource(resource: ResourceChange, plan: number): ClassifiedResource {
  const kind = changeKind(resource.change);
  const classified: ClassifiedResource = {
    address: resource.address,
    plan,
    kind,
    importing: resource.change.importing !== undefined,
    resource,
  };
  if (kind === 'replace') classified.replaceOrder = resource.change.actions[0] === 'delete' ? 'delete-first' : 'create-first';
  if (resource.previousAddress !== undefined && resource.previousAddress !== resource.address)
    classified.movedFrom = resource.previousAddress;
  if (resource.actionReason !== undefined) classified.reason = resource.actionReason;
  return classified;
}

/** Terraform shows no-ops only when they import or move something, and never a data source "delete". */
function isShown(resource: ClassifiedResource): boolean {
  if (resource.kind === 'no-op') return resource.importing || resource.movedFrom !== undefined;
  return !(resource.kind === 'delete' && resource.resource.mode === 'data');
}

function emptyCounts(): PlanCounts {
  return { add: 0, change: 0, destroy: 0, replace: 0, import: 0, move: 0, forget: 0, read: 0, outputs: 0, drift: 0 };
}

/** Which counts each kind adds one to: a replacement is an add and a destroy, as Terraform counts it. */
const COUNTED_AS: Record<ChangeKind, readonly (keyof PlanCounts)[]> = {
  create: ['add'],
  update: ['change'],
  delete: ['destroy'],
  replace: ['add', 'destroy', 'replace'],
  forget: ['forget'],
  read: ['read'],
  'no-op': [],
};

function count(counts: PlanCounts, resource: ClassifiedResource): void {
  if (resource.importing) counts.import += 1;
  if (resource.movedFrom !== undefined) counts.move += 1;
  for (const key of COUNTED_AS[resource.kind]) counts[key] += 1;
}

function classifyOutput(output: OutputChange, plan: number): ClassifiedOutput {
  return { name: output.name, plan, kind: changeKind(output.change), change: output.change };
}

/** Classifies one or more plan documents into one summary (several directories of a Terragrunt run). */
export function summarizePlans(plans: TerraformPlan[]): PlanSummary {
  const counts = emptyCounts();
  const resources: ClassifiedResource[] = [];
  const drift: ClassifiedResource[] = [];
  const outputs: ClassifiedOutput[] = [];
  plans.forEach((plan, index) => {
    for (const change of plan.resourceChanges) {
      const classified = classifyResource(change, index);
      if (!isShown(classified)) continue;
      resources.push(classified);
      count(counts, classified);
    }
    for (const change of plan.resourceDrift) {
      const classified = classifyResource(change, index);
      if (classified.kind !== 'no-op') drift.push(classified);
    }
    for (const output of plan.outputChanges) {
      const classified = classifyOutput(output, index);
      if (classified.kind !== 'no-op') outputs.push(classified);
    }
  });
  counts.outputs = outputs.length;
  counts.drift = drift.length;
  const hasChanges = resources.length > 0 || outputs.length > 0;
  return {
    resources,
    drift,
    outputs,
    counts,
    hasChanges,
    errored: plans.some((plan) => plan.errored === true),
    // Before Terraform 1.6 the flag is absent: a plan that changes something was applyable.
    applyable: plans.some((plan) => plan.applyable ?? hasChanges),
    complete: plans.every((plan) => plan.complete ?? true),
    planCount: plans.length,
  };
}
