/**
 * IAM's evaluation logic, reduced to what role sessions need: an explicit Deny in any policy wins;
 * policies of one type (the inline session policy and the managed session policies together) allow
 * a request when at least one of them allows it; the types are then intersected (session policies
 * ∩ the role's identity-based policy); with no Allow the answer is the implicit deny.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
 */
import type { PolicyDocument, PolicyStatement } from './policy-document.js';
import { matchesAction, matchesResource } from './wildcard.js';

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

function actionApplies(statement: PolicyStatement, action: string): boolean {
  if (statement.actions) return statement.actions.some((pattern) => matchesAction(pattern, action));
  return !(statement.notActions ?? []).some((pattern) => matchesAction(pattern, action));
}

function resourceApplies(statement: PolicyStatement, resource: string): boolean {
  if (statement.resources) return statement.resources.some((pattern) => matchesResource(pattern, resource));
  return !(statement.notResources ?? []).some((pattern) => matchesResource(pattern, resource));
}

function applies(statement: PolicyStatement, action: string, resource: string): boolean {
  return actionApplies(statement, action) && resourceApplies(statement, resource);
}

/** Evaluates one policy for one action on one resource. */
export function evaluatePolicy(policy: PolicyDocument, action: string, resource: string): Decision {
  const matching = policy.statements.filter((statement) => applies(statement, action, resource));
  if (matching.some((statement) => statement.effect === 'Deny')) return 'explicit-deny';
  return matching.some((statement) => statement.effect === 'Allow') ? 'allow' : 'implicit-deny';
}

/**
 * Evaluates a request against a set of policies that must each allow it (session policies).
 * Every resource must be allowed; a request with no known resource is checked against `*`,
 * as IAM does for actions that do not support resource-level permissions.
 */
export function evaluateIntersection(policies: PolicyDocument[], action: string, resources: string[]): Decision {
  const targets = resources.length > 0 ? resources : ['*'];
  let decision: Decision = 'allow';
  for (const resource of targets) {
    for (const policy of policies) {
      const result = evaluatePolicy(policy, action, resource);
      if (result === 'explicit-deny') return 'explicit-deny';
      if (result === 'implicit-deny') decision = 'implicit-deny';
    }
  }
  return decision;
}

/**
 * Evaluates a request against the policies of one type (a session's inline policy and its managed
 * session policies): an explicit Deny in any of them wins; otherwise each resource must be allowed
 * by at least one of them. A request with no known resource is checked against `*`.
 */
export function evaluateAnyOf(policies: PolicyDocument[], action: string, resources: string[]): Decision {
  const targets = resources.length > 0 ? resources : ['*'];
  let decision: Decision = 'allow';
  for (const resource of targets) {
    const results = policies.map((policy) => evaluatePolicy(policy, action, resource));
    if (results.includes('explicit-deny')) return 'explicit-deny';
    if (!results.includes('allow')) decision = 'implicit-deny';
  }
  return decision;
}

/** Which policy type decided a role session's request, and how. */
export interface SessionDecision {
  decision: Decision;
  /** The policy type that denied it (absent when allowed). */
  deniedBy?: 'session policy' | 'identity-based policy';
}

/**
 * A role session's effective permissions: session policies (one type, see `evaluateAnyOf`)
 * intersected with the role's identity-based policy. No session policies means the role's own
 * permissions; no role policy stands for a role that may do everything (the sandbox's default).
 * An explicit Deny in either type wins over an implicit deny in the other.
 */
export function evaluateSession(
  session: { sessionPolicies: PolicyDocument[]; rolePolicy?: PolicyDocument },
  action: string,
  resources: string[],
): SessionDecision {
  const layers: Array<[NonNullable<SessionDecision['deniedBy']>, Decision]> = [];
  if (session.sessionPolicies.length > 0) layers.push(['session policy', evaluateAnyOf(session.sessionPolicies, action, resources)]);
  if (session.rolePolicy) layers.push(['identity-based policy', evaluateIntersection([session.rolePolicy], action, resources)]);
  const denied = layers.find(([, decision]) => decision === 'explicit-deny') ?? layers.find(([, decision]) => decision === 'implicit-deny');
  return denied ? { decision: denied[1], deniedBy: denied[0] } : { decision: 'allow' };
}
