import { ECS_NAME, parseClusterArn, parseServiceArn, type Partition } from '../lib/arn.js';
import { InputError } from '../lib/errors.js';
import { parseRoleToAssume } from '../lib/sts/role-to-assume.js';

/** The jobs a generated session policy can be scoped to. */
export const PRESETS = ['ecr-push', 'ecs-deploy', 'terraform-plan'] as const;
export type PresetName = (typeof PRESETS)[number];

/** The raw scoping inputs, as lists and optional strings; which ones apply depends on the preset. */
export interface ScopeInputs {
  ecrRepositories: string[];
  ecsCluster?: string;
  ecsServices: string[];
  passRoles: string[];
  terraformStateBucket?: string;
  terraformLockTable?: string;
}

/** Where the generated ARNs point: the assumed role's partition and account, the step's region. */
export interface ScopeTarget {
  partition: Partition;
  accountId: string;
  region: string;
}

/** Validated scope: every value turned into what the policy needs (names, ARNs). */
export interface PresetScope extends ScopeTarget {
  ecrRepositoryArns: string[];
  ecsClusterName?: string;
  ecsClusterArn?: string;
  ecsServiceNames: string[];
  passRoleArns: string[];
  terraformStateBucket?: string;
  terraformLockTable?: string;
}

/** Which scoping inputs each preset needs and accepts: anything else is a mistake worth reporting. */
const PRESET_INPUTS: Record<PresetName, { required: (keyof ScopeInputs)[]; optional: (keyof ScopeInputs)[] }> = {
  'ecr-push': { required: ['ecrRepositories'], optional: [] },
  'ecs-deploy': { required: ['ecsCluster', 'ecsServices'], optional: ['passRoles'] },
  'terraform-plan': { required: ['terraformStateBucket'], optional: ['terraformLockTable'] },
};

export const SCOPE_INPUT_NAMES: Record<keyof ScopeInputs, string> = {
  ecrRepositories: 'ecr-repositories',
  ecsCluster: 'ecs-cluster',
  ecsServices: 'ecs-services',
  passRoles: 'pass-roles',
  terraformStateBucket: 'terraform-state-bucket',
  terraformLockTable: 'terraform-lock-table',
};

const ECR_NAME = /^(?:[a-z0-9*]+(?:[._-][a-z0-9*]+)*\/)*[a-z0-9*]+(?:[._-][a-z0-9*]+)*$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const TABLE = /^[A-Za-z0-9_.-]{3,255}$/;

/** Checks that the scoping inputs fit the preset (or that none are given without one) and resolves them. */
export function resolvePresetScope(preset: PresetName | undefined, inputs: ScopeInputs, target: ScopeTarget): PresetScope | undefined {
  const given = (Object.keys(SCOPE_INPUT_NAMES) as (keyof ScopeInputs)[]).filter((key) => isGiven(inputs[key]));
  if (preset === undefined) {
    const first = given[0];
    if (first)
      throw new InputError(
        SCOPE_INPUT_NAMES[first],
        'only scopes a session-policy preset, and none is set',
        `Set session-policy (${PRESETS.join(', ')}) or remove ${SCOPE_INPUT_NAMES[first]}`,
      );
    return undefined;
  }
  const { required, optional } = PRESET_INPUTS[preset];
  for (const key of given) {
    if (!required.includes(key) && !optional.includes(key)) {
      throw new InputError(SCOPE_INPUT_NAMES[key], `is not used by the ${preset} preset`, `Remove it, or use the preset it belongs to`);
    }
  }
  for (const key of required) {
    if (!isGiven(inputs[key]))
      throw new InputError(
        SCOPE_INPUT_NAMES[key],
        `is required by session-policy: ${preset}`,
        `Set ${SCOPE_INPUT_NAMES[key]} to the resources the job works on`,
      );
  }
  const cluster = inputs.ecsCluster === undefined ? undefined : resolveCluster(inputs.ecsCluster, target);
  return {
    ...target,
    ecrRepositoryArns: inputs.ecrRepositories.map((repo) => ecrRepositoryArn(repo, target)),
    ...(cluster ? { ecsClusterName: cluster.name, ecsClusterArn: cluster.arn } : {}),
    ecsServiceNames: inputs.ecsServices.map((service) => ecsServiceName(service, cluster?.name)),
    passRoleArns: inputs.passRoles.map(
      (role) => parseRoleToAssume(role, role.startsWith('arn:') ? undefined : target.accountId, target.region, 'pass-roles').arn,
    ),
    ...(inputs.terraformStateBucket !== undefined
      ? {
          terraformStateBucket: check(
            inputs.terraformStateBucket,
            BUCKET,
            'terraform-state-bucket',
            'an S3 bucket name',
            'Use the bucket name only (3–63 lower-case letters, digits, dots, hyphens), not s3:// or an ARN',
          ),
        }
      : {}),
    ...(inputs.terraformLockTable !== undefined
      ? {
          terraformLockTable: check(
            inputs.terraformLockTable,
            TABLE,
            'terraform-lock-table',
            'a DynamoDB table name',
            'Use the table name (3–255 letters, digits, _ . -), not its ARN',
          ),
        }
      : {}),
  };
}

function isGiven(value: string | string[] | undefined): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== undefined;
}

function check(value: string, pattern: RegExp, input: string, what: string, fix: string): string {
  if (!pattern.test(value)) throw new InputError(input, `'${value}' is not ${what}`, fix);
  return value;
}

/** A repository name (wildcards allowed) in the target account and region, or a full repository ARN. */
function ecrRepositoryArn(value: string, { partition, region, accountId }: ScopeTarget): string {
  if (value.startsWith('arn:')) {
    const match = /^arn:([a-z-]+):ecr:([a-z0-9-]+):(\d{12}):repository\/(.+)$/.exec(value);
    if (!match || !ECR_NAME.test(match[4] ?? ''))
      throw new InputError(
        'ecr-repositories',
        `'${value}' is not an ECR repository ARN`,
        'Use arn:aws:ecr:<region>:<account>:repository/<name>, or just the name',
      );
    if (match[1] !== partition)
      throw new InputError(
        'ecr-repositories',
        `'${value}' is in partition ${match[1]}, the role in ${partition}`,
        `Use a repository in ${partition}`,
      );
    return value;
  }
  if (value.includes('.dkr.ecr.'))
    throw new InputError(
      'ecr-repositories',
      `'${value}' is an image URI, not a repository name`,
      'Give the repository name, the part after the registry host (for example team/web)',
    );
  check(
    value,
    ECR_NAME,
    'ecr-repositories',
    'an ECR repository name',
    'Repository names are lower-case letters, digits and . _ - / (for example team/web)',
  );
  return `arn:${partition}:ecr:${region}:${accountId}:repository/${value}`;
}

function resolveCluster(value: string, { partition, region, accountId }: ScopeTarget): { name: string; arn: string } {
  if (value.startsWith('arn:')) {
    const arn = parseClusterArn(value);
    if (!arn)
      throw new InputError(
        'ecs-cluster',
        `'${value}' is not an ECS cluster ARN`,
        'Use arn:aws:ecs:<region>:<account>:cluster/<name>, or just the name',
      );
    if (arn.partition !== partition)
      throw new InputError(
        'ecs-cluster',
        `'${value}' is in partition ${arn.partition}, the role in ${partition}`,
        `Use a cluster in ${partition}`,
      );
    return { name: arn.name, arn: value };
  }
  check(value, ECS_NAME, 'ecs-cluster', 'an ECS cluster name', 'Cluster names are 1–255 letters, digits, hyphens and underscores');
  return { name: value, arn: `arn:${partition}:ecs:${region}:${accountId}:cluster/${value}` };
}

/**
 * A service name, or a service ARN reduced to its name: the long form must name ecs-cluster; the old
 * form (`service/<name>`) names no cluster, so the service is taken to be in ecs-cluster.
 */
function ecsServiceName(value: string, cluster: string | undefined): string {
  if (value.startsWith('arn:')) {
    const arn = parseServiceArn(value);
    if (!arn)
      throw new InputError(
        'ecs-services',
        `'${value}' is not an ECS service ARN`,
        'Use arn:aws:ecs:<region>:<account>:service/<cluster>/<name>, or just the name',
      );
    if (arn.cluster !== undefined && arn.cluster !== cluster)
      throw new InputError(
        'ecs-services',
        `'${value}' is in cluster ${arn.cluster}, not ${cluster ?? '(none)'}`,
        'List only services of ecs-cluster',
      );
    return arn.name;
  }
  return check(
    value,
    ECS_NAME,
    'ecs-services',
    'an ECS service name',
    'Service names are 1–255 letters, digits, hyphens and underscores, one per line',
  );
}
