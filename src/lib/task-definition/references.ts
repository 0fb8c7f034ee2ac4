import { ECS_NAME, PARTITIONS, parseRoleArn, REGION } from '../arn.js';

/**
 * Pure checks of the references a task definition holds: image references, IAM role ARNs, secret
 * sources and environment-file ARNs. Each returns undefined when the value is well formed, else a
 * short problem text that the caller puts into an InputError naming the input the value came from.
 */

/** The log drivers RegisterTaskDefinition accepts (the SDK's LogDriver enum). */
export const LOG_DRIVERS = ['awsfirelens', 'awslogs', 'fluentd', 'gelf', 'journald', 'json-file', 'splunk', 'syslog'] as const;

// ARNs in every partition are accepted; the partitions, regions and names come from the one ARN module.
const PARTITION = `(?:${PARTITIONS.join('|')})`;
const REGION_PATTERN = REGION.source.slice(1, -1);
const ACCOUNT = '\\d{12}';
export { ECS_NAME };

// Docker's reference grammar (distribution/reference): lower-case path components separated by
// `.`, `_`, `__` or dashes; an optional registry host with port; tag ≤ 128 characters.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const HOST_COMPONENT = '(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])';
const HOST = `(?:${HOST_COMPONENT}(?:\\.${HOST_COMPONENT})*|\\[[0-9A-Fa-f:]+\\])(?::\\d+)?`;
const IMAGE_REFERENCE = new RegExp(`^(?:(${HOST})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@([^@]+))?$`);
const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

/** `registry/repo[:tag][@sha256:<64 hex>]`, plain Docker Hub names (`nginx`, `amazon/x:1`) included. */
export function imageProblem(image: string): string | undefined {
  if (image.length > 255) return 'is longer than 255 characters';
  const match = IMAGE_REFERENCE.exec(image);
  if (!match) return `'${image}' is not an image reference`;
  const [, host, , , digest] = match;
  // Without a dot, colon or "localhost" the first component is a Docker Hub namespace, not a host.
  if (host !== undefined && /[A-Z]/.test(host) && !/[.:]/.test(host))
    return `'${image}' is not an image reference (repository names are lower case)`;
  if (digest !== undefined && !SHA256_DIGEST.test(digest))
    return `'${image}' has a malformed digest (expected @sha256: and 64 lower-case hex digits)`;
  return undefined;
}

export function roleArnProblem(arn: string): string | undefined {
  return parseRoleArn(arn) ? undefined : `'${arn}' is not an IAM role ARN`;
}

/** File values may also name a role by itself, which ECS accepts; only ARN-shaped values must be exact. */
export function roleReferenceProblem(value: string): string | undefined {
  if (!value.startsWith('arn:') && /^[\w+=,.@-]{1,64}$/.test(value)) return undefined;
  return roleArnProblem(value);
}

// Secrets Manager: the secret name (with or without the random suffix), optionally followed by
// exactly three `:json-key:version-stage:version-id` fields, any of which may be empty.
const SECRETS_MANAGER_ARN = new RegExp(
  `^arn:${PARTITION}:secretsmanager:${REGION_PATTERN}:${ACCOUNT}:secret:[\\w/+=.@-]+(?::[^:]*:[^:]*:[^:]*)?$`,
);
const SSM_PARAMETER_ARN = new RegExp(`^arn:${PARTITION}:ssm:${REGION_PATTERN}:${ACCOUNT}:parameter/[\\w.\\-/]+$`);
const SSM_PARAMETER_NAME = /^\/?[\w.-]+(?:\/[\w.-]+)*$/;

/** A `valueFrom`: a Secrets Manager secret ARN, an SSM parameter ARN, or a parameter name in the task's region. */
export function secretSourceProblem(valueFrom: string): string | undefined {
  if (valueFrom === '') return 'valueFrom is empty';
  if (SECRETS_MANAGER_ARN.test(valueFrom) || SSM_PARAMETER_ARN.test(valueFrom)) return undefined;
  if (!valueFrom.startsWith('arn:') && SSM_PARAMETER_NAME.test(valueFrom) && valueFrom.length <= 2048) return undefined;
  return `valueFrom '${valueFrom}' is neither a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<12-digit account>:secret:<name>[:json-key:version-stage:version-id]) nor an SSM parameter ARN or name`;
}

// ECS reads environment files from S3 objects whose name ends in `.env`.
const ENV_FILE_ARN = new RegExp(`^arn:${PARTITION}:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/\\S*\\.env$`);

export function envFileProblem(arn: string): string | undefined {
  return ENV_FILE_ARN.test(arn) ? undefined : `'${arn}' is not the ARN of an S3 object ending in .env (arn:aws:s3:::<bucket>/<key>.env)`;
}

/** Placeholders of the template tools people render task definitions with, for a helpful hint. */
export function looksLikeTemplate(value: string): boolean {
  return /\{\{.*\}\}|<[A-Z][A-Z0-9_]*>|\$\{[^}]+\}|\bX{6,}\b|aws_account_id/.test(value);
}
