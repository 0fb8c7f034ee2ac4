import { InputError } from '../lib/errors.js';
import type { PolicyDocument, PolicyStatement } from './policy-document.js';

/** STS rejects a session policy whose plaintext exceeds this many characters. */
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
