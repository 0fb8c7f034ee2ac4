/**
 * Parses an IAM policy document (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html)
 * into statements the evaluator can use. What the sandbox cannot evaluate (Condition, Principal)
 * is parsed and kept but not enforced: session policies in this project restrict by action and
 * resource only.
 */
import { AwsServiceError } from '../core/contract.js';

export type Effect = 'Allow' | 'Deny';

export interface PolicyStatement {
  sid?: string;
  effect: Effect;
  /** Exactly one of `actions` / `notActions` is set. */
  actions?: string[];
  notActions?: string[];
  /** Exactly one of `resources` / `notResources` is set. */
  resources?: string[];
  notResources?: string[];
  condition?: Record<string, unknown>;
}

export interface PolicyDocument {
  version?: string;
  statements: PolicyStatement[];
}

function malformed(message: string): AwsServiceError {
  return new AwsServiceError('MalformedPolicyDocument', message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, field: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((item): item is string => typeof item === 'string')) {
    throw malformed(`Syntax errors in policy. ${field} must be a string or a list of strings.`);
  }
  return list;
}

function exactlyOne(raw: Record<string, unknown>, a: string, b: string): void {
  const count = (raw[a] === undefined ? 0 : 1) + (raw[b] === undefined ? 0 : 1);
  if (count !== 1) throw malformed(`Syntax errors in policy. A statement needs exactly one of ${a} or ${b}.`);
}

function parseStatement(raw: unknown): PolicyStatement {
  if (!isRecord(raw)) throw malformed('Syntax errors in policy. Statement must be an object.');
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') {
    throw malformed('Syntax errors in policy. Effect must be Allow or Deny.');
  }
  exactlyOne(raw, 'Action', 'NotAction');
  exactlyOne(raw, 'Resource', 'NotResource');
  const statement: PolicyStatement = { effect: raw.Effect };
  if (typeof raw.Sid === 'string') statement.sid = raw.Sid;
  if (raw.Action !== undefined) statement.actions = stringList(raw.Action, 'Action');
  if (raw.NotAction !== undefined) statement.notActions = stringList(raw.NotAction, 'NotAction');
  if (raw.Resource !== undefined) statement.resources = stringList(raw.Resource, 'Resource');
  if (raw.NotResource !== undefined) statement.notResources = stringList(raw.NotResource, 'NotResource');
  if (raw.Condition !== undefined) {
    if (!isRecord(raw.Condition)) throw malformed('Syntax errors in policy. Condition must be an object.');
    statement.condition = raw.Condition;
  }
  for (const action of [...(statement.actions ?? []), ...(statement.notActions ?? [])]) {
    // IAM wants `service:action`; a bare `*` is the only exception.
    if (action !== '*' && !/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(action)) {
      throw malformed(`Syntax errors in policy. Action '${action}' is not of the form service:action.`);
    }
  }
  return statement;
}

/** Parses a policy from its JSON text; throws MalformedPolicyDocument as STS does. */
export function parsePolicyDocument(text: string): PolicyDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw malformed('Syntax errors in policy.');
  }
  if (!isRecord(raw)) throw malformed('Syntax errors in policy.');
  if (raw.Version !== undefined && raw.Version !== '2012-10-17' && raw.Version !== '2008-10-17') {
    throw malformed('The policy failed legacy parsing');
  }
  const statementsRaw = Array.isArray(raw.Statement) ? raw.Statement : [raw.Statement];
  if (raw.Statement === undefined || statementsRaw.length === 0) {
    throw malformed('Syntax errors in policy. The policy has no Statement.');
  }
  const document: PolicyDocument = { statements: statementsRaw.map(parseStatement) };
  if (typeof raw.Version === 'string') document.version = raw.Version;
  return document;
}
