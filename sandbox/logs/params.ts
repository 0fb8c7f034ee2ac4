import { AwsServiceError } from '../core/contract.js';

type Params = Record<string, unknown>;

export const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** The log group a request names by `logGroupName` or `logGroupIdentifier` (a name or the group's ARN). */
export function groupName(params: Params): string {
  const name = params.logGroupName ?? params.logGroupIdentifier;
  if (typeof name !== 'string' || name === '')
    throw new AwsServiceError('InvalidParameterException', 'Either logGroupName or logGroupIdentifier must be specified.');
  return fromIdentifier(name);
}

/** A log group ARN (with or without the trailing `:*`) → its name; a name stays as it is. */
export function fromIdentifier(identifier: string): string {
  return identifier.startsWith('arn:') ? (identifier.split(':log-group:')[1] ?? identifier).replace(/:\*$/, '') : identifier;
}
