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
  codedeployApplication?: string;
  codedeployDeploymentGroup?: string;
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
  /** ecs-deploy on a CODE_DEPLOY service: the application and deployment group, both or neither. */
  codedeploy?: { application: string; deploymentGroup: string };
}

/** Which scoping inputs each preset needs and accepts: anything else is a mistake worth reporting. */
const PRESET_INPUTS: Record<PresetName, { required: (keyof ScopeInputs)[]; optional: (keyof ScopeInputs)[] }> = {
  'ecr-push': { required: ['ecrRepositories'], optional: [] },
  'ecs-deploy': {
    required: ['ecsCluster', 'ecsServices'],
    optional: ['passRoles', 'codedeployApplication', 'codedeployDeploymentGroup'],
  },
  'terraform-plan': { required: ['terraformStateBucket'], optional: ['terraformLockTable'] },
};

export const SCOPE_INPUT_NAMES: Record<keyof ScopeInputs, string> = {
  ecrRepositories: 'ecr-repositories',
  ecsCluster: 'ecs-cluster',
  ecsServices: 'ecs-services',
  passRoles: 'pass-roles',
  terraformStateBucket: 'terraform-state-bucket',
  terraformLockTable: 'terraform-lock-table',
  codedeployApplication: 'codedeploy-application',
  codedeployDeploymentGroup: 'codedeploy-deployment-group',
};

const ECR_NAME = /^(?:[a-z0-9*]+(?:[._-][a-z0-9*]+)*\/)*[a-z0-9*]+(?:[._-][a-z0-9*]+)*$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const BUCKET_RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const BUCKET_RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];
const TABLE = /^[A-Za-z0-9_.-]{3,255}$/;
/**
 * CodeDeploy names are 1–100 characters (the API model sets no pattern); `/`, `:`, whitespace and
 * the IAM wildcards `*` `?` would change which ARNs the policy matches, so they are refused.
 */
const CODEDEPLOY_NAME = /^[^\s/:*?]{1,100}$/;

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
  const codedeploy = resolveCodeDeploy(inputs);
  return {
    ...target,
    ecrRepositoryArns: inputs.ecrRepositories.map((repo) => ecrRepositoryArn(repo, target)),
    ...(cluster ? { ecsClusterName: cluster.name, ecsClusterArn: cluster.arn } : {}),
    ecsServiceNames: inputs.ecsServices.map((service) => ecsServiceName(service, cluster?.name)),
    passRoleArns: inputs.passRoles.map((role) => passRoleArn(role, target)),
    ...(inputs.terraformStateBucket !== undefined ? { terraformStateBucket: checkBucket(inputs.terraformStateBucket) } : {}),
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
    ...(codedeploy ? { codedeploy } : {}),
  };
}

/** The application and deployment group of a CODE_DEPLOY service: one without the other cannot deploy. */
function resolveCodeDeploy(inputs: ScopeInputs): PresetScope['codedeploy'] {
  const { codedeployApplication: application, codedeployDeploymentGroup: deploymentGroup } = inputs;
  if (application === undefined && deploymentGroup === undefined) return undefined;
  if (application === undefined || deploymentGroup === undefined) {
    const [missing, given] =
      application === undefined
        ? ['codedeploy-application', 'codedeploy-deployment-group']
        : ['codedeploy-deployment-group', 'codedeploy-application'];
    throw new InputError(
      missing,
      `is required when ${given} is set`,
      'Give both the CodeDeploy application and its deployment group, or neither',
    );
  }
  const fix = 'Give the name as CodeDeploy shows it (1–100 characters, no spaces, / : * or ?), not an ARN';
  return {
    application: check(application, CODEDEPLOY_NAME, 'codedeploy-application', 'a CodeDeploy application name', fix),
    deploymentGroup: check(deploymentGroup, CODEDEPLOY_NAME, 'codedeploy-deployment-group', 'a CodeDeploy deployment group name', fix),
  };
}

function isGiven(value: string | string[] | undefined): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== undefined;
}

/** A role in another partition than the assumed one can never be passed: the policy would grant nothing. */
function passRoleArn(role: string, target: ScopeTarget): string {
  const ref = parseRoleToAssume(role, role.startsWith('arn:') ? undefined : target.accountId, target.region, 'pass-roles');
  if (ref.partition !== target.partition)
    throw new InputError(
      'pass-roles',
      `'${role}' is in partition ${ref.partition} but role-to-assume is in ${target.partition}`,
      `Use arn:${target.partition}:iam::… role ARNs, or role names`,
    );
  return ref.arn;
}

/** S3's bucket naming rules (general purpose buckets), so a typo fails here rather than as AccessDenied later. */
function checkBucket(value: string): string {
  const fix = 'Use the bucket name only (3–63 lower-case letters, digits, dots, hyphens), not s3:// or an ARN';
  const refuse = (why: string): never => {
    throw new InputError('terraform-state-bucket', `'${value}' is not an S3 bucket name: ${why}`, fix);
  };
  if (!BUCKET.test(value))
    refuse('it must be 3–63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit');
  if (/\.\.|\.-|-\./.test(value)) refuse('dots may not be next to each other or to a hyphen');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(value)) refuse('it is formatted as an IP address');
  const prefix = BUCKET_RESERVED_PREFIXES.find((reserved) => value.startsWith(reserved));
  if (prefix !== undefined) refuse(`the prefix ${prefix} is reserved`);
  const suffix = BUCKET_RESERVED_SUFFIXES.find((reserved) => value.endsWith(reserved));
  if (suffix !== undefined) refuse(`the suffix ${suffix} is reserved`);
  return value;
}

function check(value: string, pattern: RegExp, input: string, what: string, fix: string): string {
  if (!pattern.test(value)) throw new InputError(input, `'${value}' is not ${what}`, fix);
  return value;
}

/** The partition of an ECR repository ARN whose name is valid (wildcards allowed), or undefined. */
function parseRepositoryArnPartition(value: string): string | undefined {
  const match = /^arn:([a-z-]+):ecr:([a-z0-9-]+):(\d{12}):repository\/(.+)$/.exec(value);
  return match && ECR_NAME.test(match[4] ?? '') ? match[1] : undefined;
}

/** Parses an ARN given in `input`, or refuses it with the form the ARN should take. */
function parseArnInput<T>(value: string, input: string, parse: (arn: string) => T | undefined, what: string, form: string): T {
  const arn = parse(value);
  if (arn === undefined) throw new InputError(input, `'${value}' is not ${what}`, `Use ${form}, or just the name`);
  return arn;
}

/** Refuses an ARN in another partition than the role's: the policy could never match it. */
function checkPartition(value: string, input: string, arnPartition: string, { partition }: ScopeTarget, thing: string): void {
  if (arnPartition !== partition)
    throw new InputError(input, `'${value}' is in partition ${arnPartition}, the role in ${partition}`, `Use ${thing} in ${partition}`);
}

/** A repository name (wildcards allowed) in the target account and region, or a full repository ARN. */
function ecrRepositoryArn(value: string, target: ScopeTarget): string {
  const { partition, region, accountId } = target;
  if (value.startsWith('arn:')) {
    const arnPartition = parseArnInput(
      value,
      'ecr-repositories',
      parseRepositoryArnPartition,
      'an ECR repository ARN',
      'arn:aws:ecr:<region>:<account>:repository/<name>',
    );
    checkPartition(value, 'ecr-repositories', arnPartition, target, 'a repository');
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

function resolveCluster(value: string, target: ScopeTarget): { name: string; arn: string } {
  const { partition, region, accountId } = target;
  if (value.startsWith('arn:')) {
    const arn = parseArnInput(value, 'ecs-cluster', parseClusterArn, 'an ECS cluster ARN', 'arn:aws:ecs:<region>:<account>:cluster/<name>');
    checkPartition(value, 'ecs-cluster', arn.partition, target, 'a cluster');
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
    const arn = parseArnInput(
      value,
      'ecs-services',
      parseServiceArn,
      'an ECS service ARN',
      'arn:aws:ecs:<region>:<account>:service/<cluster>/<name>',
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
