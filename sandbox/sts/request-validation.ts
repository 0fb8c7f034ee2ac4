/**
 * STS's input checks, with its own error texts. Constraint violations are reported the way
 * AWS's model validation does ("1 validation error detected: Value '…' at 'roleSessionName'
 * failed to satisfy constraint: …"), all violations in one message; limits that are not model
 * constraints have their own sentences.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
 */
import { AwsServiceError } from '../core/contract.js';

/**
 * "The plaintext that you use for both inline and managed session policies can't exceed 2,048
 * characters": the Policy parameter alone (a model constraint) and Policy plus the PolicyArns together.
 */
export const POLICY_PLAINTEXT_LIMIT = 2048;
export const MAX_POLICY_ARNS = 10;

export interface CommonAssumeParams {
  roleArn: string;
  roleSessionName: string;
  durationSeconds?: number;
  policy?: string;
  policyArns: string[];
}

function str(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

/**
 * `PolicyArns` as the query parser hands it over: a list of `{arn}`, `{member: [...]}`, or flat
 * `PolicyArns.member.N.arn` keys. Accepting each keeps this module independent of that choice.
 */
export function readPolicyArns(params: Record<string, unknown>): string[] {
  const arnOf = (entry: unknown): string | undefined => {
    if (typeof entry === 'string') return entry;
    if (typeof entry === 'object' && entry !== null) {
      const record = entry as Record<string, unknown>;
      const arn = record.arn ?? record.Arn;
      return typeof arn === 'string' ? arn : undefined;
    }
    return undefined;
  };
  const raw = params.PolicyArns;
  let list: unknown[] = [];
  if (Array.isArray(raw)) list = raw;
  else if (typeof raw === 'object' && raw !== null) {
    const member = (raw as Record<string, unknown>).member;
    list = Array.isArray(member) ? member : member === undefined ? Object.values(raw) : [member];
  } else {
    const flat = Object.keys(params)
      .map((key) => /^PolicyArns\.member\.(\d+)\.arn$/.exec(key))
      .filter((match): match is RegExpExecArray => match !== null)
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    list = flat.map((match) => params[match[0]]);
  }
  return list.map(arnOf).filter((arn): arn is string => arn !== undefined);
}

export function parseCommonParams(params: Record<string, unknown>): CommonAssumeParams {
  const duration = str(params, 'DurationSeconds');
  const parsed: CommonAssumeParams = {
    roleArn: str(params, 'RoleArn') ?? '',
    roleSessionName: str(params, 'RoleSessionName') ?? '',
    policyArns: readPolicyArns(params),
  };
  if (duration !== undefined) parsed.durationSeconds = Number(duration);
  const policy = str(params, 'Policy');
  if (policy !== undefined) parsed.policy = policy;
  return parsed;
}

/** Model constraints, checked before anything else as AWS does. */
export function validateConstraints(input: CommonAssumeParams, extra: string[] = []): void {
  const violations = [...extra];
  const at = (value: string | number, member: string, constraint: string): void => {
    violations.push(`Value '${value}' at '${member}' failed to satisfy constraint: Member must ${constraint}`);
  };
  if (input.roleArn.length < 20) at(input.roleArn, 'roleArn', 'have length greater than or equal to 20');
  const name = input.roleSessionName;
  if (name.length < 2) at(name, 'roleSessionName', 'have length greater than or equal to 2');
  if (name.length > 64) at(name, 'roleSessionName', 'have length less than or equal to 64');
  if (!/^[\w+=,.@-]*$/.test(name)) at(name, 'roleSessionName', 'satisfy regular expression pattern: [\\w+=,.@-]*');
  const duration = input.durationSeconds;
  if (duration !== undefined) {
    if (!Number.isInteger(duration)) at(String(duration), 'durationSeconds', 'be an integer');
    else if (duration < 900) at(duration, 'durationSeconds', 'have value greater than or equal to 900');
    else if (duration > 43200) at(duration, 'durationSeconds', 'have value less than or equal to 43200');
  }
  if (input.policy !== undefined) {
    // The plaintext limit is a model constraint on the parameter as sent: whitespace counts.
    if (input.policy.length > POLICY_PLAINTEXT_LIMIT) {
      at(input.policy, 'policy', `have length less than or equal to ${POLICY_PLAINTEXT_LIMIT}`);
    }
    if (!/^[\u0009\u000A\u000D\u0020-\u00FF]+$/.test(input.policy)) {
      at(input.policy, 'policy', 'satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+');
    }
  }
  if (input.policyArns.length > MAX_POLICY_ARNS) {
    at(`[${input.policyArns.join(', ')}]`, 'policyArns', `have length less than or equal to ${MAX_POLICY_ARNS}`);
  }
  if (violations.length > 0) {
    const count = violations.length === 1 ? '1 validation error' : `${violations.length} validation errors`;
    throw new AwsServiceError('ValidationError', `${count} detected: ${violations.join('; ')}`);
  }
}

/** The requested duration against the role's maximum (and the 1 h cap for chained sessions). */
export function resolveDuration(requested: number | undefined, maxSessionDuration: number, chained: boolean): number {
  const duration = requested ?? 3600;
  if (chained && duration > 3600) {
    throw new AwsServiceError(
      'ValidationError',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  if (duration > maxSessionDuration) {
    throw new AwsServiceError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  return duration;
}

/**
 * The documented plaintext limit on the inline policy and the managed policy ARNs together. STS's own
 * packed-size check compresses them into a binary format that is not public, so the sandbox cannot
 * say what percentage of that budget a request uses: it answers no PackedPolicySize, and refuses
 * at the documented plaintext limit instead, with the PackedPolicyTooLarge error and message form
 * STS uses for its packed limit. The percentage in that message is the plaintext's share of 2,048
 * characters — over 100 whenever it is sent — not STS's figure; tests must not depend on its value.
 */
export function checkSessionPolicyPlaintext(policy: string | undefined, policyArns: string[]): void {
  const plaintext = (policy?.length ?? 0) + policyArns.reduce((sum, arn) => sum + arn.length, 0);
  if (plaintext <= POLICY_PLAINTEXT_LIMIT) return;
  const percent = Math.ceil((plaintext * 100) / POLICY_PLAINTEXT_LIMIT);
  throw new AwsServiceError('PackedPolicyTooLarge', `Packed policy consumes ${percent}% of allotted space, please use smaller policy.`);
}
