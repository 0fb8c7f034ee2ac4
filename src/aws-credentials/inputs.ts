import type { AwsCredentialIdentity } from '@smithy/types';
import { resolveRegion } from '../lib/region.js';
import { InputError } from '../lib/errors.js';
import type { Inputs } from '../lib/inputs.js';
import { fileRoots } from '../lib/input-files.js';
import { parseRoleToAssume, validateManagedPolicyArns, validateSessionName, type RoleRef } from '../lib/sts/role-to-assume.js';
import { PRESETS, resolvePresetScope } from './preset-scope.js';
import { readRenewableSession, type RenewableSession } from '../lib/sts/renewable-session.js';
import { buildSessionPolicy, type SessionPolicy } from './session-policy.js';
import { checkCombinedPlaintext } from './policy-size.js';

/** Everything the action needs, validated; built before the AWS SDK is loaded. */
export interface AwsCredentialsInputs {
  role: RoleRef;
  region: string;
  audience: string;
  sessionName: string;
  durationSeconds: number;
  sessionPolicy?: SessionPolicy;
  managedPolicyArns: string[];
  /** Set when role-chaining: the credentials to call AssumeRole with. */
  chainFrom?: { credentials: AwsCredentialIdentity; previous?: RenewableSession };
  outputCredentials: boolean;
  outputEnvCredentials: boolean;
  maskAwsAccountId: boolean;
  unsetCurrentCredentials: boolean;
  retryMaxAttempts: number;
}

export const DEFAULT_AUDIENCE = 'sts.amazonaws.com';
export const DEFAULT_SESSION_NAME = 'GitHubActions';
export const DEFAULT_DURATION_SECONDS = 3_600;
/** AWS caps a chained role session at one hour, whatever the role's maximum. */
export const CHAINED_MAX_DURATION_SECONDS = 3_600;

export function readAwsCredentialsInputs(input: Inputs, env: NodeJS.ProcessEnv): AwsCredentialsInputs {
  const region = resolveRegion(input.optionalString('aws-region'), env);
  const role = parseRoleToAssume(input.string('role-to-assume'), input.optionalString('aws-account-id'), region);
  const audience = input.optionalString('audience') ?? DEFAULT_AUDIENCE;
  if (/\s|,/.test(audience))
    throw new InputError('audience', `'${audience}' contains spaces or commas`, `Give one audience, for example ${DEFAULT_AUDIENCE}`);
  const sessionName = validateSessionName(input.optionalString('role-session-name') ?? DEFAULT_SESSION_NAME);
  const roleChaining = input.boolean('role-chaining');
  const durationSeconds = input.integer('role-duration-seconds', DEFAULT_DURATION_SECONDS, { min: 900, max: 43_200 });
  if (roleChaining && durationSeconds > CHAINED_MAX_DURATION_SECONDS) {
    throw new InputError(
      'role-duration-seconds',
      `${durationSeconds} is longer than the 3600 seconds AWS allows for a chained role session`,
      'Use at most 3600 with role-chaining',
    );
  }
  const managedPolicyArns = validateManagedPolicyArns(input.list('managed-session-policies'), role.partition);
  const preset = input.optionalEnum('session-policy', PRESETS);
  const scope = resolvePresetScope(
    preset,
    {
      ecrRepositories: input.list('ecr-repositories', { commas: true }),
      ecsCluster: input.optionalString('ecs-cluster'),
      ecsServices: input.list('ecs-services', { commas: true }),
      passRoles: input.list('pass-roles', { commas: true }),
      terraformStateBucket: input.optionalString('terraform-state-bucket'),
      terraformLockTable: input.optionalString('terraform-lock-table'),
      codedeployApplication: input.optionalString('codedeploy-application'),
      codedeployDeploymentGroup: input.optionalString('codedeploy-deployment-group'),
    },
    { partition: role.partition, accountId: role.accountId, region },
  );
  const inline = input.optionalDocument('inline-session-policy', fileRoots(env));
  const sessionPolicy = buildSessionPolicy({
    ...(preset && scope ? { preset: { name: preset, scope } } : {}),
    ...(inline !== undefined ? { inline } : {}),
  });
  checkCombinedPlaintext(sessionPolicy?.minified, managedPolicyArns);
  const unsetCurrentCredentials = input.boolean('unset-current-credentials');
  if (roleChaining && unsetCurrentCredentials) {
    throw new InputError(
      'unset-current-credentials',
      'cannot be combined with role-chaining, which assumes the role with the current credentials',
      'Set only one of them',
    );
  }
  const inputs: AwsCredentialsInputs = {
    role,
    region,
    audience,
    sessionName,
    durationSeconds,
    ...(sessionPolicy ? { sessionPolicy } : {}),
    managedPolicyArns,
    outputCredentials: input.boolean('output-credentials'),
    outputEnvCredentials: input.boolean('output-env-credentials', true),
    maskAwsAccountId: input.boolean('mask-aws-account-id'),
    unsetCurrentCredentials,
    retryMaxAttempts: input.integer('retry-max-attempts', 5, { min: 1, max: 12 }),
  };
  if (roleChaining) return { ...inputs, chainFrom: currentCredentials(env) };
  requireOidc(env);
  return inputs;
}

/** Role chaining starts from the credentials an earlier step exported. */
function currentCredentials(env: NodeJS.ProcessEnv): NonNullable<AwsCredentialsInputs['chainFrom']> {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new InputError(
      'role-chaining',
      'is true but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set',
      'Run aws-credentials once without role-chaining before this step',
    );
  }
  const sessionToken = env.AWS_SESSION_TOKEN;
  const previous = readRenewableSession(env);
  return { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }, ...(previous ? { previous } : {}) };
}

/** Without `id-token: write` the runner provides no token endpoint; say so before touching AWS. */
function requireOidc(env: NodeJS.ProcessEnv): void {
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new Error(
      'This job cannot request a GitHub OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set). Add "permissions: id-token: write" to the job (and contents: read if it checks out code), or use role-chaining',
    );
  }
}
