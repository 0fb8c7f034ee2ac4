import { InputError } from '../lib/errors.js';

/**
 * An IAM identity-based policy as a session policy may hold it. Grammar:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 * Session policies are identity-based, so Principal/NotPrincipal are not allowed.
 */
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, ConditionValue>>;
}
export type ConditionScalar = string | number | boolean;
export type ConditionValue = ConditionScalar | ConditionScalar[];

export interface PolicyDocument {
  Version?: '2012-10-17' | '2008-10-17';
  Id?: string;
  Statement: PolicyStatement[];
}

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const ACTION = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;
const CONDITION_OPERATORS = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
]);

/**
 * Checks a parsed JSON value against the IAM policy grammar and returns it typed. Every message
 * names the input and the JSON path of the offending element, so a user can find it in a long policy.
 * Statements are normalised to an array; nothing else is rewritten.
 */
export function validatePolicyDocument(value: unknown, input: string): PolicyDocument {
  const fail = (path: string, problem: string, fix: string): never => {
    throw new InputError(input, `${path ? `${path} ` : ''}${problem}`, fix);
  };
  if (!isRecord(value)) return fail('', 'is not a JSON object', 'A policy is an object with Version and Statement');
  for (const key of Object.keys(value)) {
    if (!['Version', 'Id', 'Statement'].includes(key))
      fail(key, 'is not a policy element', 'A policy holds only Version, Id and Statement');
  }
  const { Version, Id, Statement } = value;
  if (Version !== undefined && Version !== '2012-10-17' && Version !== '2008-10-17') {
    fail('Version', `'${String(Version)}' is not a policy language version`, 'Use "Version": "2012-10-17"');
  }
  if (Id !== undefined && typeof Id !== 'string') fail('Id', 'must be a string', 'Remove Id or make it a string');
  if (Statement === undefined) fail('Statement', 'is missing', 'Add "Statement": [ … ]');
  const statements = Array.isArray(Statement) ? Statement : [Statement];
  if (statements.length === 0) fail('Statement', 'is empty', 'Add at least one statement');
  const sids = new Set<string>();
  const checked = statements.map((statement, index) => validateStatement(statement, `Statement[${index}]`, sids, fail));
  return {
    ...(Version ? { Version: Version as PolicyDocument['Version'] } : {}),
    ...(Id !== undefined ? { Id: Id as string } : {}),
    Statement: checked,
  };
}

type Fail = (path: string, problem: string, fix: string) => never;

function validateStatement(value: unknown, path: string, sids: Set<string>, fail: Fail): PolicyStatement {
  if (!isRecord(value)) return fail(path, 'is not an object', 'Each statement is an object with Effect, Action and Resource');
  for (const key of Object.keys(value)) {
    if (key === 'Principal' || key === 'NotPrincipal') {
      fail(`${path}.${key}`, 'is not allowed in a session policy', 'Session policies apply to the session itself: remove Principal');
    }
    if (!STATEMENT_KEYS.has(key))
      fail(`${path}.${key}`, 'is not a statement element', 'Use Sid, Effect, Action/NotAction, Resource/NotResource, Condition');
  }
  const { Sid, Effect, Condition } = value;
  if (Sid !== undefined) {
    if (typeof Sid !== 'string' || !/^[A-Za-z0-9]*$/.test(Sid))
      fail(`${path}.Sid`, 'must be letters and digits only', 'Use a Sid such as "AllowEcrPush"');
    if (sids.has(Sid as string))
      fail(`${path}.Sid`, `'${String(Sid)}' is used by an earlier statement`, 'Give every statement a different Sid');
    if (Sid) sids.add(Sid as string);
  }
  if (Effect !== 'Allow' && Effect !== 'Deny')
    fail(`${path}.Effect`, `must be "Allow" or "Deny", not ${JSON.stringify(Effect)}`, 'Effect is case-sensitive');
  const action = exactlyOne(value, 'Action', 'NotAction', path, fail);
  checkStrings(
    value[action],
    `${path}.${action}`,
    fail,
    (item) => ACTION.test(item) || `'${item}' is not service:Action`,
    'Write actions as service:Action, for example ecs:UpdateService',
  );
  const resource = exactlyOne(value, 'Resource', 'NotResource', path, fail);
  checkStrings(
    value[resource],
    `${path}.${resource}`,
    fail,
    (item) => item === '*' || /^arn:[^:]+:[^:]*:[^:]*:[^:]*:.+$/.test(item) || `'${item}' is not an ARN or *`,
    'Use "*" or an ARN such as arn:aws:ecs:us-east-1:123456789012:service/prod/web',
  );
  if (Condition !== undefined) validateCondition(Condition, `${path}.Condition`, fail);
  return value as unknown as PolicyStatement;
}

function exactlyOne(statement: Record<string, unknown>, a: string, b: string, path: string, fail: Fail): string {
  const hasA = statement[a] !== undefined;
  const hasB = statement[b] !== undefined;
  if (hasA === hasB) fail(path, hasA ? `has both ${a} and ${b}` : `has neither ${a} nor ${b}`, `Give exactly one of ${a} or ${b}`);
  return hasA ? a : b;
}

function checkStrings(value: unknown, path: string, fail: Fail, test: (item: string) => true | string, fix: string): void {
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) fail(path, 'is an empty list', fix);
  items.forEach((item, index) => {
    const where = Array.isArray(value) ? `${path}[${index}]` : path;
    if (typeof item !== 'string') return fail(where, 'must be a string', fix);
    const verdict = test(item);
    if (verdict !== true) fail(where, verdict, fix);
  });
}

function validateCondition(value: unknown, path: string, fail: Fail): void {
  if (!isRecord(value) || Object.keys(value).length === 0)
    fail(path, 'must be a non-empty object of operators', 'Write "Condition": {"StringEquals": {"key": "value"}}');
  for (const [operator, block] of Object.entries(value as Record<string, unknown>)) {
    const base = operator.replace(/^(ForAllValues|ForAnyValue):/, '').replace(/IfExists$/, '');
    if (!CONDITION_OPERATORS.has(base))
      fail(`${path}.${operator}`, 'is not a condition operator', 'Use an operator such as StringEquals, StringLike, ArnLike or Bool');
    if (!isRecord(block) || Object.keys(block).length === 0)
      fail(`${path}.${operator}`, 'must be a non-empty object of condition keys', 'Write {"aws:RequestedRegion": "us-east-1"}');
    for (const [key, operand] of Object.entries(block as Record<string, unknown>)) {
      const scalars = Array.isArray(operand) ? operand : [operand];
      const ok = scalars.length > 0 && scalars.every((item) => ['string', 'number', 'boolean'].includes(typeof item));
      if (!ok)
        fail(
          `${path}.${operator}.${key}`,
          'must be a string, number, boolean or a list of them',
          'Condition values are scalars or lists of scalars',
        );
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
