/**
 * The IAM side of the sandbox's identity: roles with their trust (who may assume them) and the
 * customer managed policies a session may name in PolicyArns. Tests set these up through the
 * admin handle; nothing here is reachable over the wire.
 */
import { createHash } from 'node:crypto';
import { parsePolicyDocument, type PolicyDocument } from './policy-document.js';
import { matchesStringLike } from './wildcard.js';

export interface RoleTrust {
  /** StringLike patterns for the token's `sub` (`repo:acme/web:environment:prod`, `repo:acme/*`). */
  subjects?: string[];
  /** Allowed `aud` values (StringEquals); default `sts.amazonaws.com`. */
  audiences?: string[];
  /** Role ARN patterns whose sessions may AssumeRole into this one (role chaining). */
  principals?: string[];
}

export interface RoleSpec {
  /** `arn:aws:iam::123456789012:role/deploy` (paths allowed: `role/ci/deploy`). */
  arn: string;
  trust?: RoleTrust;
  /** Seconds, 3600–43200 (IAM's MaxSessionDuration); default 3600. */
  maxSessionDuration?: number;
  /** The role's own permissions policy; when absent the role may do everything. */
  permissionsPolicy?: string;
}

export interface Role {
  arn: string;
  account: string;
  /** The last path segment, as it appears in assumed-role ARNs. */
  name: string;
  /** Stable unique id (`AROA…`) as in AssumedRoleId. */
  roleId: string;
  trust: Required<RoleTrust>;
  maxSessionDuration: number;
  permissionsPolicy?: PolicyDocument;
}

const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

export function parseRoleArn(arn: string): { partition: string; account: string; name: string } | undefined {
  const match = ROLE_ARN.exec(arn);
  if (!match || !match[1] || !match[2] || !match[3]) return undefined;
  return { partition: match[1], account: match[2], name: match[3] };
}

function roleIdFor(arn: string): string {
  // Deterministic so that test expectations and logs are stable between runs.
  return `AROA${createHash('sha256').update(arn).digest('hex').slice(0, 17).toUpperCase()}`;
}

export class RoleRegistry {
  private readonly roles = new Map<string, Role>();
  private readonly managedPolicies = new Map<string, { text: string; document: PolicyDocument }>();

  createRole(spec: RoleSpec): Role {
    const parsed = parseRoleArn(spec.arn);
    if (!parsed) throw new Error(`createRole: '${spec.arn}' is not a role ARN`);
    const maxSessionDuration = spec.maxSessionDuration ?? 3600;
    if (maxSessionDuration < 3600 || maxSessionDuration > 43200) {
      throw new Error(`createRole: maxSessionDuration must be 3600–43200, got ${maxSessionDuration}`);
    }
    const role: Role = {
      arn: spec.arn,
      account: parsed.account,
      name: parsed.name,
      roleId: roleIdFor(spec.arn),
      trust: {
        subjects: spec.trust?.subjects ?? [],
        audiences: spec.trust?.audiences ?? ['sts.amazonaws.com'],
        principals: spec.trust?.principals ?? [],
      },
      maxSessionDuration,
    };
    if (spec.permissionsPolicy !== undefined) role.permissionsPolicy = parsePolicyDocument(spec.permissionsPolicy);
    this.roles.set(spec.arn, role);
    return role;
  }

  getRole(arn: string): Role | undefined {
    return this.roles.get(arn);
  }

  putManagedPolicy(arn: string, document: string | object): void {
    const text = typeof document === 'string' ? document : JSON.stringify(document);
    this.managedPolicies.set(arn, { text, document: parsePolicyDocument(text) });
  }

  getManagedPolicy(arn: string): { text: string; document: PolicyDocument } | undefined {
    return this.managedPolicies.get(arn);
  }

  /** Whether a web identity with these claims satisfies the role's trust policy. */
  trustsWebIdentity(role: Role, sub: string, aud: string): boolean {
    return role.trust.audiences.includes(aud) && role.trust.subjects.some((pattern) => matchesStringLike(pattern, sub));
  }

  /** Whether a session of `callerRoleArn` may chain into `role`. */
  trustsRole(role: Role, callerRoleArn: string): boolean {
    return role.trust.principals.some((pattern) => matchesStringLike(pattern, callerRoleArn));
  }
}
