/**
 * IAM's evaluation logic, reduced to what session policies need: an explicit Deny in any policy
 * wins; otherwise every policy in the set must allow the request (a session's permissions are
 * the intersection of its session policies); with no Allow the answer is the implicit deny.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
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
