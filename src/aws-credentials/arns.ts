import { InputError } from '../lib/errors.js';

/**
 * Every AWS partition, as IAM spells it in ARNs. Listed rather than matched loosely so that a typo
 * (`arn:aws-gov:`) fails here instead of as an opaque STS ValidationError.
 */
export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;
export type Partition = (typeof PARTITIONS)[number];

/** A role to assume, split into the parts the presets and the trust explanation need. */
export interface RoleRef {
  arn: string;
  partition: Partition;
  accountId: string;
  /** The role name without its path. */
  name: string;
}

const ACCOUNT_ID = /^\d{12}$/;
/** IAM role names: 1–64 of letters, digits and `+=,.@_-`. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** IAM paths: `/`, or `/`-delimited segments of printable ASCII, at most 512 characters. */
const ROLE_PATH = /^\/(?:[\x21-\x2E\x30-\x7E]+\/)*$/;
const ROLE_ARN = /^arn:([a-z-]+):iam::([^:]*):role(\/.*)$/;

/** The partition a region belongs to, for turning a bare role name into an ARN. */
export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-isof-') || region.startsWith('eu-isof-')) return 'aws-iso-f';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}

/**
 * `role-to-assume` as a role ARN of any partition, or a role name (optionally with a path) plus
 * `aws-account-id`, as configure-aws-credentials accepts it.
 */
export function parseRoleToAssume(value: string, accountId: string | undefined, region: string, input = 'role-to-assume'): RoleRef {
  if (value.startsWith('arn:')) {
    const match = ROLE_ARN.exec(value);
    if (!match) {
      throw new InputError(
        input,
        `'${value}' is not an IAM role ARN`,
        'Use arn:<partition>:iam::<12-digit account>:role/<name>, for example arn:aws:iam::123456789012:role/deploy',
      );
    }
    const [, partition = '', account = '', pathAndName = ''] = match;
    if (!isPartition(partition))
      throw new InputError(input, `'${partition}' is not an AWS partition`, `Use one of: ${PARTITIONS.join(', ')}`);
    if (!ACCOUNT_ID.test(account))
      throw new InputError(
        input,
        `'${account}' is not a 12-digit AWS account ID`,
        'Put the account that owns the role between the colons after iam::',
      );
    if (accountId !== undefined && accountId !== account) {
      throw new InputError(
        'aws-account-id',
        `${accountId} differs from the account ${account} in role-to-assume`,
        'Remove aws-account-id when role-to-assume is an ARN',
      );
    }
    return { arn: value, partition, accountId: account, name: splitRolePath(pathAndName, input) };
  }
  if (accountId === undefined) {
    throw new InputError(
      input,
      `'${value}' is a role name but aws-account-id is not set`,
      'Give the full role ARN, or set aws-account-id to the account that owns the role',
    );
  }
  if (!ACCOUNT_ID.test(accountId))
    throw new InputError('aws-account-id', `'${accountId}' is not a 12-digit AWS account ID`, 'Use the 12 digits, without dashes');
  const pathAndName = value.startsWith('/') ? value : `/${value}`;
  const name = splitRolePath(pathAndName, input);
  const partition = partitionOfRegion(region);
  return { arn: `arn:${partition}:iam::${accountId}:role${pathAndName}`, partition, accountId, name };
}

function splitRolePath(pathAndName: string, input: string): string {
  const at = pathAndName.lastIndexOf('/');
  const path = pathAndName.slice(0, at + 1);
  const name = pathAndName.slice(at + 1);
  if (!ROLE_NAME.test(name)) {
    throw new InputError(input, `'${name}' is not a valid role name`, 'Role names are 1–64 characters of letters, digits and +=,.@_-');
  }
  if (path.length > 512 || !ROLE_PATH.test(path)) {
    throw new InputError(
      input,
      `'${path}' is not a valid IAM path`,
      'Paths start and end with / and hold printable ASCII, for example /ci/',
    );
  }
  return name;
}

export function isPartition(value: string): value is Partition {
  return (PARTITIONS as readonly string[]).includes(value);
}

/** What STS accepts as RoleSessionName: 2–64 characters of letters, digits and `+=,.@_-`. */
export function validateSessionName(value: string, input = 'role-session-name'): string {
  if (value.length < 2 || value.length > 64) {
    throw new InputError(input, `'${value}' is ${value.length} characters long`, 'Use 2 to 64 characters of letters, digits and +=,.@_-');
  }
  const bad = [...value].find((char) => !/[\w+=,.@-]/.test(char));
  if (bad !== undefined) {
    throw new InputError(input, `'${value}' contains '${bad}'`, 'Use only letters, digits and +=,.@_- (no spaces or slashes)');
  }
  return value;
}

const MANAGED_POLICY_ARN = /^arn:([a-z-]+):iam::(aws|\d{12}):policy\/(?:[\x21-\x2E\x30-\x7E]+\/)*[\w+=,.@-]{1,128}$/;

/** STS takes at most 10 managed session policies per call. */
export const MAX_MANAGED_POLICIES = 10;

/** `managed-session-policies`: IAM managed policy ARNs in the role's partition, no duplicates, at most 10. */
export function validateManagedPolicyArns(arns: string[], partition: Partition, input = 'managed-session-policies'): string[] {
  if (arns.length > MAX_MANAGED_POLICIES) {
    throw new InputError(
      input,
      `${arns.length} policy ARNs were given; STS accepts at most ${MAX_MANAGED_POLICIES}`,
      'Merge some of them into one managed policy, or move statements into inline-session-policy',
    );
  }
  const seen = new Set<string>();
  for (const arn of arns) {
    const match = MANAGED_POLICY_ARN.exec(arn);
    if (!match) {
      throw new InputError(
        input,
        `'${arn}' is not an IAM managed policy ARN`,
        'Use arn:<partition>:iam::<account or aws>:policy/<name>, one per line',
      );
    }
    if (match[1] !== partition) {
      throw new InputError(
        input,
        `'${arn}' is in partition ${match[1]} but the role is in ${partition}`,
        `Use arn:${partition}:iam::… policy ARNs`,
      );
    }
    if (seen.has(arn)) throw new InputError(input, `'${arn}' is listed twice`, 'List each policy once');
    seen.add(arn);
  }
  return arns;
}
