import type { OutputChange, PlanChange, ResourceChange, TerraformAction, TerraformPlan, ValueMask } from './plan-types.js';

/** The plan JSON is not what `terraform show -json` writes; the message says where. */
export class PlanFormatError extends Error {
  override readonly name = 'PlanFormatError';
}

const ACTIONS: readonly string[] = ['no-op', 'create', 'read', 'update', 'delete', 'forget'];

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(object: Json, key: string, where: string): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new PlanFormatError(`${where}.${key} is not a string`);
  return value;
}

function requiredString(object: Json, key: string, where: string): string {
  const value = optionalString(object, key, where);
  if (value === undefined) throw new PlanFormatError(`${where}.${key} is missing`);
  return value;
}

function optionalBoolean(object: Json, key: string, where: string): boolean | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new PlanFormatError(`${where}.${key} is not true or false`);
  return value;
}

function mask(value: unknown, where: string): ValueMask {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item, index) => mask(item, `${where}[${index}]`));
  if (isRecord(value)) {
    const result: { [key: string]: ValueMask } = {};
    for (const [key, item] of Object.entries(value)) result[key] = mask(item, `${where}.${key}`);
    return result;
  }
  throw new PlanFormatError(`${where} is not a sensitivity/unknown mask`);
}

function actions(value: unknown, where: string): TerraformAction[] {
  if (!Array.isArray(value) || value.length === 0) throw new PlanFormatError(`${where}.actions is not a list of actions`);
  return value.map((action: unknown) => {
    if (typeof action !== 'string' || !ACTIONS.includes(action)) {
      throw new PlanFormatError(`${where}.actions holds '${String(action)}', which this action does not know`);
    }
    return action as TerraformAction; // narrowed by the ACTIONS check just above
  });
}

function planChange(value: unknown, where: string): PlanChange {
  if (!isRecord(value)) throw new PlanFormatError(`${where} is not an object`);
  const change: PlanChange = {
    actions: actions(value.actions, where),
    before: value.before ?? null,
    after: value.after ?? null,
    afterUnknown: mask(value.after_unknown, `${where}.after_unknown`),
    beforeSensitive: mask(value.before_sensitive, `${where}.before_sensitive`),
    afterSensitive: mask(value.after_sensitive, `${where}.after_sensitive`),
  };
  if (isRecord(value.importing)) {
    const id = optionalString(value.importing, 'id', `${where}.importing`);
    change.importing = {
      ...(id === undefined ? {} : { id }),
      ...(value.importing.identity === undefined ? {} : { identity: value.importing.identity }),
    };
  }
  if (Array.isArray(value.replace_paths)) change.replacePaths = value.replace_paths;
  return change;
}

function resourceChange(value: unknown, where: string): ResourceChange {
  if (!isRecord(value)) throw new PlanFormatError(`${where} is not an object`);
  const mode = requiredString(value, 'mode', where);
  if (mode !== 'managed' && mode !== 'data') throw new PlanFormatError(`${where}.mode is '${mode}', not managed or data`);
  const result: ResourceChange = {
    address: requiredString(value, 'address', where),
    mode,
    type: requiredString(value, 'type', where),
    name: requiredString(value, 'name', where),
    change: planChange(value.change, `${where}.change`),
  };
  const optional = {
    previousAddress: 'previous_address',
    moduleAddress: 'module_address',
    deposed: 'deposed',
    actionReason: 'action_reason',
  } as const;
  for (const [field, key] of Object.entries(optional) as [keyof typeof optional, string][]) {
    const text = optionalString(value, key, where);
    if (text !== undefined) result[field] = text;
  }
  return result;
}

function list<T>(value: unknown, where: string, item: (entry: unknown, where: string) => T): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new PlanFormatError(`${where} is not a list`);
  return value.map((entry, index) => item(entry, `${where}[${index}]`));
}

function outputChanges(value: unknown): OutputChange[] {
  if (value === undefined || value === null) return [];
  if (!isRecord(value)) throw new PlanFormatError('output_changes is not an object');
  return Object.entries(value).map(([name, change]) => ({ name, change: planChange(change, `output_changes.${name}`) }));
}

/** Values of root variables the configuration declares sensitive: `variables` itself carries no flag. */
function sensitiveVariableValues(document: Json): unknown[] {
  const configuration = isRecord(document.configuration) ? document.configuration : {};
  const rootModule = isRecord(configuration.root_module) ? configuration.root_module : {};
  const declared = isRecord(rootModule.variables) ? rootModule.variables : {};
  const values = isRecord(document.variables) ? document.variables : {};
  return Object.entries(declared)
    .filter(([, declaration]) => isRecord(declaration) && declaration.sensitive === true)
    .map(([name]) => values[name])
    .filter(isRecord)
    .map((variable) => variable.value);
}

/** Checks one parsed document and keeps what the action uses. */
export function toTerraformPlan(document: unknown): TerraformPlan {
  if (!isRecord(document)) throw new PlanFormatError('the document is not a JSON object');
  const formatVersion = requiredString(document, 'format_version', 'plan');
  if (!/^[01]\.\d+$/.test(formatVersion)) {
    throw new PlanFormatError(`format_version ${formatVersion} is not supported (expected 0.x or 1.x, from terraform show -json)`);
  }
  if (document.resource_changes === undefined && document.planned_values === undefined && document.values !== undefined) {
    throw new PlanFormatError('this is a state file, not a plan: run terraform show -json on the saved plan file');
  }
  const plan: TerraformPlan = {
    formatVersion,
    resourceChanges: list(document.resource_changes, 'resource_changes', resourceChange),
    resourceDrift: list(document.resource_drift, 'resource_drift', resourceChange),
    outputChanges: outputChanges(document.output_changes),
    sensitiveVariableValues: sensitiveVariableValues(document),
  };
  const terraformVersion = optionalString(document, 'terraform_version', 'plan');
  if (terraformVersion !== undefined) plan.terraformVersion = terraformVersion;
  for (const key of ['errored', 'applyable', 'complete'] as const) {
    const flag = optionalBoolean(document, key, 'plan');
    if (flag !== undefined) plan[key] = flag;
  }
  return plan;
}

/**
 * What a plan in format 0.x (Terraform 1.0 and earlier) cannot tell: it is read all the same, and the
 * comment and log say what is missing rather than refusing it.
 */
export function formatWarnings(plans: TerraformPlan[]): string[] {
  const old = [...new Set(plans.filter((plan) => plan.formatVersion.startsWith('0.')).map((plan) => plan.formatVersion))];
  return old.map(
    (version) =>
      `The plan JSON has format_version ${version} (Terraform 1.0 or earlier), which does not record moves, imports, forgets, or whether the plan errored or can be applied: those counts show 0 and the plan is taken as complete and applyable.`,
  );
}

/**
 * One plan, or several as NDJSON (one document per line, as `terragrunt show --all -json` writes).
 * A pretty-printed single document spans many lines, so the whole text is tried first.
 */
export function parsePlanDocuments(text: string): TerraformPlan[] {
  const trimmed = text.trim();
  if (trimmed === '') throw new PlanFormatError('the plan JSON is empty');
  try {
    return [toTerraformPlan(JSON.parse(trimmed))];
  } catch (error: unknown) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  const lines = trimmed.split('\n').filter((line) => line.trim() !== '');
  return lines.map((line, index) => {
    let document: unknown;
    try {
      document = JSON.parse(line);
    } catch {
      // The parser's message quotes the text around the fault, which may be a secret: never echo it.
      throw new PlanFormatError(`line ${index + 1} is not JSON; expected the output of terraform show -json`);
    }
    try {
      return toTerraformPlan(document);
    } catch (error: unknown) {
      throw error instanceof PlanFormatError ? new PlanFormatError(`document ${index + 1}: ${error.message}`) : error;
    }
  });
}
