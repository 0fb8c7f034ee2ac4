import { InputError } from '../lib/errors.js';
import type { PolicyDocument, PolicyStatement } from './policy-document.js';

/**
 * STS's plaintext limit for session policies: "the plaintext that you use for both inline and managed
 * session policies can't exceed 2,048 characters" (AssumeRoleWithWebIdentity API reference) — the
 * inline policy and the managed policy ARNs together. STS also packs (compresses) them against a
 * separate limit whose format is not public: that one cannot be checked before the call, and STS
 * alone reports it (PackedPolicySize, PackedPolicyTooLarge).
 */
export const SESSION_POLICY_LIMIT = 2_048;

/** The policy as STS will receive it: no insignificant whitespace. */
export function minifyPolicy(policy: PolicyDocument): string {
  return JSON.stringify(policy);
}

export interface StatementSize {
  index: number;
  sid?: string;
  characters: number;
}

/** Each statement's share of the minified policy, largest first. */
export function statementSizes(policy: PolicyDocument): StatementSize[] {
  return policy.Statement.map((statement: PolicyStatement, index) => ({
    index,
    ...(statement.Sid ? { sid: statement.Sid } : {}),
    characters: JSON.stringify(statement).length,
  })).sort((a, b) => b.characters - a.characters || a.index - b.index);
}

/**
 * Minifies the policy and fails, before any STS call, when it is over the limit. The message says
 * by how much and which statements weigh most, since those are the ones worth splitting into a
 * managed policy or trimming with wildcards.
 */
export function checkPolicySize(policy: PolicyDocument, input: string, limit = SESSION_POLICY_LIMIT): string {
  const minified = minifyPolicy(policy);
  if (minified.length <= limit) return minified;
  const over = minified.length - limit;
  const largest = statementSizes(policy)
    .slice(0, 3)
    .map((size) => `Statement[${size.index}]${size.sid ? ` (Sid ${size.sid})` : ''} ${fmt(size.characters)}`)
    .join(', ');
  throw new InputError(
    input,
    `the session policy is ${fmt(minified.length)} characters after minifying, ${fmt(over)} over the ${fmt(limit)} STS allows; largest statements: ${largest}`,
    'Shorten it by at least that much (merge statements that share a Resource, use wildcards in Action), or move statements into a managed policy and list it in managed-session-policies',
  );
}

function fmt(count: number): string {
  return count.toLocaleString('en-US');
}

/** The characters STS counts against the plaintext limit: the minified inline policy plus every managed policy ARN. */
export function sessionPolicyPlaintext(minified: string | undefined, managedPolicyArns: string[]): number {
  return (minified?.length ?? 0) + managedPolicyArns.reduce((sum, arn) => sum + arn.length, 0);
}

/**
 * Fails, before any STS call, when the inline policy and the managed policy ARNs together exceed the
 * plaintext limit. `checkPolicySize` has already held the inline policy alone to it, so the ARNs are
 * what tipped it over: the error names managed-session-policies and says by how much.
 */
export function checkCombinedPlaintext(minified: string | undefined, managedPolicyArns: string[], limit = SESSION_POLICY_LIMIT): void {
  const total = sessionPolicyPlaintext(minified, managedPolicyArns);
  if (total <= limit) return;
  const arnCharacters = total - (minified?.length ?? 0);
  const over = total - limit;
  const arns = `the ${managedPolicyArns.length} managed policy ARN${managedPolicyArns.length === 1 ? '' : 's'} (${fmt(arnCharacters)} characters)`;
  const parts = minified === undefined ? arns : `the inline session policy (${fmt(minified.length)} characters minified) and ${arns}`;
  throw new InputError(
    'managed-session-policies',
    `${parts} come to ${fmt(total)} characters, ${fmt(over)} over the ${fmt(limit)} STS allows for inline and managed session policies together`,
    minified === undefined
      ? 'List fewer managed policies (or ones with shorter names)'
      : `Shorten the inline policy by at least ${fmt(over)} character${over === 1 ? '' : 's'}, or list fewer managed policies`,
  );
}
