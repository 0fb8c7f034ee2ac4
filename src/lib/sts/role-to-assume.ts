import { ACCOUNT_ID, IAM_PATH, isPartition, parsePolicyArn, parseRoleArn, partitionOfRegion, PARTITIONS, type Partition } from '../arn.js';
import { InputError } from '../errors.js';

/** A role to assume, split into the parts the presets and the trust explanation need. */
export interface RoleRef {
  arn: string;
  partition: Partition;
  accountId: string;
  /** The role name without its path. */
  name: string;
}

/** IAM role names: 1–64 of letters, digits and `+=,.@_-`. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/**
 * `role-to-assume` as a role ARN of any partition, or a role name (optionally with a path) plus
 * `aws-account-id`, as configure-aws-credentials accepts it.
 */
export function parseRoleToAssume(value: string, accountId: string | undefined, region: string, input = 'role-to-assume'): RoleRef {
  if (value.startsWith('arn:')) {
    // Checked part by part, so that the message names the part that is wrong; parseRoleArn agrees at the end.
    const match = /^arn:([^:]*):iam::([^:]*):role(\/.*)$/.exec(value);
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
    const name = splitRolePath(pathAndName, input);
    if (!parseRoleArn(value))
      throw new InputError(input, `'${value}' is not an IAM role ARN`, 'Use arn:<partition>:iam::<account>:role/<name>');
    return { arn: value, partition, accountId: account, name };
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
  if (path.length > 512 || !IAM_PATH.test(path)) {
    throw new InputError(
      input,
      `'${path}' is not a valid IAM path`,
      'Paths start and end with / and hold printable ASCII, for example /ci/',
    );
  }
  return name;
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
    // IAM paths may hold commas and colons, so "A,arn:…" parses as one ARN with a strange path: refuse it.
    if (/[,\s]arn:/.test(arn))
      throw new InputError(input, `'${arn}' is two ARNs joined by a comma or space`, 'Give one policy ARN per line');
    const policy = parsePolicyArn(arn);
    if (!policy) {
      throw new InputError(
        input,
        `'${arn}' is not an IAM managed policy ARN`,
        'Use arn:<partition>:iam::<account or aws>:policy/<name>, one per line',
      );
    }
    if (policy.partition !== partition) {
      throw new InputError(
        input,
        `'${arn}' is in partition ${policy.partition} but the role is in ${partition}`,
        `Use arn:${partition}:iam::… policy ARNs`,
      );
    }
    if (seen.has(arn)) throw new InputError(input, `'${arn}' is listed twice`, 'List each policy once');
    seen.add(arn);
  }
  return arns;
}
