/**
 * The one ARN module: every action accepts and splits ARNs here, so an ARN that one input takes is
 * taken by every input that asks for the same kind of resource. No SDK import: inputs use it before
 * the SDK loads. Format: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */

/**
 * Every AWS partition (the `id`s in the SDK's partitions.json). Listed rather than matched loosely
 * so that a typo (`arn:aws-gov:`) fails at the input instead of as an opaque AWS ValidationError.
 */
export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;
export type Partition = (typeof PARTITIONS)[number];

export function isPartition(value: string): value is Partition {
  return (PARTITIONS as readonly string[]).includes(value);
}

/** The partition a region belongs to, for building an ARN from names. */
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

/** `us-east-1`, `us-gov-west-1`, `us-isob-east-1`, `eusc-de-east-1`. */
export const REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d+$/;
export const ACCOUNT_ID = /^\d{12}$/;
/** Cluster, service, family and container names: ECS allows 1–255 letters, digits, hyphens, underscores. */
export const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$/;
/** IAM names (roles, policies): letters, digits and `+=,.@_-`. */
const IAM_NAME = /^[\w+=,.@-]+$/;
/** IAM paths: `/`, or `/`-delimited segments of printable ASCII, at most 512 characters. */
export const IAM_PATH = /^\/(?:[\x21-\x2E\x30-\x7E]+\/)*$/;

export interface Arn {
  partition: Partition;
  service: string;
  /** Empty for global services (IAM, S3). */
  region: string;
  /** Empty for S3; `aws` for AWS-managed IAM policies. */
  account: string;
  /** Everything after the fifth colon: `service/prod/web`, `role/ci/deploy`. */
  resource: string;
}

/** Splits any ARN of a known partition; undefined for anything else. */
export function parseArn(value: string): Arn | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  if (!isPartition(partition) || !/^[a-z0-9-]+$/.test(service)) return undefined;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

export function formatArn(arn: Arn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${arn.resource}`;
}

/** A regional resource ARN of `service` whose resource starts with `type/`, split into the rest. */
function regional(value: string, service: string, type: string): (Arn & { path: string[] }) | undefined {
  const arn = parseArn(value);
  if (!arn || arn.service !== service || !REGION.test(arn.region) || !ACCOUNT_ID.test(arn.account)) return undefined;
  if (!arn.resource.startsWith(`${type}/`)) return undefined;
  return { ...arn, path: arn.resource.slice(type.length + 1).split('/') };
}

export function parseClusterArn(value: string): (Arn & { name: string }) | undefined {
  const arn = regional(value, 'ecs', 'cluster');
  const [name, ...rest] = arn?.path ?? [];
  if (!arn || name === undefined || rest.length > 0 || !ECS_NAME.test(name)) return undefined;
  return { ...strip(arn), name };
}

/**
 * Both service ARN forms: the long one `service/<cluster>/<name>` and the old one `service/<name>`
 * that accounts which never opted into the long format still return. The old form names no cluster.
 */
export function parseServiceArn(value: string): (Arn & { cluster?: string; name: string }) | undefined {
  const arn = regional(value, 'ecs', 'service');
  if (!arn || arn.path.length > 2 || !arn.path.every((part) => ECS_NAME.test(part))) return undefined;
  const [first = '', second] = arn.path;
  return second === undefined ? { ...strip(arn), name: first } : { ...strip(arn), cluster: first, name: second };
}

/** A task definition revision: `task-definition/<family>:<revision>`, revision ≥ 1. */
export function parseTaskDefinitionArn(value: string): (Arn & { family: string; revision: number }) | undefined {
  const arn = regional(value, 'ecs', 'task-definition');
  const match = /^([A-Za-z0-9_-]{1,255}):([1-9]\d{0,9})$/.exec(arn?.path.join('/') ?? '');
  if (!arn || !match) return undefined;
  return { ...strip(arn), family: match[1] ?? '', revision: Number(match[2]) };
}

/** The family and revision an ARN names, for log lines and summaries. */
export function shortTaskDefinition(arn: string): string {
  const parsed = parseTaskDefinitionArn(arn);
  return parsed ? `${parsed.family}:${parsed.revision}` : arn.replace(/^.*:task-definition\//, '');
}

/** An ELBv2 target group: `targetgroup/<name>/<16 hex>`. */
export function parseTargetGroupArn(value: string): (Arn & { name: string; id: string }) | undefined {
  const arn = regional(value, 'elasticloadbalancing', 'targetgroup');
  const [name = '', id = '', ...rest] = arn?.path ?? [];
  if (!arn || rest.length > 0 || !/^[A-Za-z0-9-]{1,32}$/.test(name) || !/^[0-9a-f]{16}$/.test(id)) return undefined;
  return { ...strip(arn), name, id };
}

/** IAM roles and policies are global: no region; `path` is `/` or `/a/b/`. */
function iam(value: string, type: 'role' | 'policy'): (Arn & { path: string; name: string }) | undefined {
  const arn = parseArn(value);
  if (!arn || arn.service !== 'iam' || arn.region !== '' || !arn.resource.startsWith(`${type}/`)) return undefined;
  const pathAndName = arn.resource.slice(type.length);
  const at = pathAndName.lastIndexOf('/');
  const path = pathAndName.slice(0, at + 1);
  const name = pathAndName.slice(at + 1);
  if (path.length > 512 || !IAM_PATH.test(path) || !IAM_NAME.test(name)) return undefined;
  return { ...arn, path, name };
}

/** `arn:<partition>:iam::<account>:role[/path/]<name>`, name 1–64 characters. */
export function parseRoleArn(value: string): (Arn & { path: string; name: string }) | undefined {
  const arn = iam(value, 'role');
  return arn && ACCOUNT_ID.test(arn.account) && arn.name.length <= 64 ? arn : undefined;
}

/** A managed policy: the account's own, or `aws` for AWS-managed ones; name 1–128 characters. */
export function parsePolicyArn(value: string): (Arn & { path: string; name: string }) | undefined {
  const arn = iam(value, 'policy');
  return arn && (arn.account === 'aws' || ACCOUNT_ID.test(arn.account)) && arn.name.length <= 128 ? arn : undefined;
}

function strip<T extends { path: string[] }>(arn: T): Omit<T, 'path'> {
  const { path: _path, ...rest } = arn;
  return rest;
}
