import { Evaluator, Lexer, Parser, data, type Expr } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';
import { isBasicExpression, isBoolean, isMapping, isNumber, isSequence, isString } from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';

/**
 * `${{ }}` evaluation for the test-only workflow runner, with GitHub's own expression engine
 * (@actions/expressions): the lexer, parser and evaluator the Actions language services use. The
 * workflow parser has already turned every `${{ }}` into one expression (`format(…)` for mixed
 * text), so a token is either a literal or one expression to evaluate here.
 */

/** The contexts a step's expressions may read, as plain JSON. */
export interface Contexts {
  inputs?: Record<string, unknown>;
  secrets?: Record<string, string>;
  github?: Record<string, unknown>;
  env?: Record<string, string>;
  steps?: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }>;
  needs?: Record<string, { outputs: Record<string, string>; result: string }>;
  jobs?: Record<string, { outputs: Record<string, string>; result: string }>;
  vars?: Record<string, string>;
  job?: Record<string, unknown>;
  runner?: Record<string, unknown>;
}

const CONTEXT_NAMES = ['inputs', 'secrets', 'github', 'env', 'steps', 'needs', 'jobs', 'vars', 'job', 'runner'] as const;

/** The job-status functions are the runner's, not the expression library's: they read the job's state. */
function statusFunctions(jobFailed: boolean): Map<string, FunctionDefinition> {
  const fn = (name: string, value: () => boolean): [string, FunctionDefinition] => [
    name,
    { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value()) },
  ];
  return new Map([fn('success', () => !jobFailed), fn('failure', () => jobFailed), fn('always', () => true), fn('cancelled', () => false)]);
}

export function parseExpression(expression: string): Expr {
  const lexed = new Lexer(expression).lex();
  return new Parser(lexed.tokens, [...CONTEXT_NAMES], [...statusFunctions(false).values()]).parse();
}

export function evaluate(expression: string, contexts: Contexts, jobFailed = false): data.ExpressionData {
  const context = new data.Dictionary();
  for (const name of CONTEXT_NAMES) context.add(name, toData(contexts[name] ?? {}));
  return new Evaluator(parseExpression(expression), context, statusFunctions(jobFailed)).evaluate();
}

/** Plain JSON → the library's data model. */
function toData(value: unknown): data.ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;
}

/** The value a token stands for: literals as they are, expressions evaluated, mappings and sequences recursively. */
export function evaluateToken(token: TemplateToken, contexts: Contexts, jobFailed = false): data.ExpressionData {
  if (isBasicExpression(token)) return evaluate(token.expression, contexts, jobFailed);
  if (isString(token)) return new data.StringData(token.value);
  if (isBoolean(token)) return new data.BooleanData(token.value);
  if (isNumber(token)) return new data.NumberData(token.value);
  if (isMapping(token)) {
    const dictionary = new data.Dictionary();
    for (const pair of token) dictionary.add(String(pair.key.toString()), evaluateToken(pair.value, contexts, jobFailed));
    return dictionary;
  }
  if (isSequence(token)) {
    const array = new data.Array();
    for (let i = 0; i < token.count; i++) array.add(evaluateToken(token.get(i), contexts, jobFailed));
    return array;
  }
  return new data.Null();
}

/** How the runner hands a value to an action input or an env variable: strings as they are, true/false, numbers, '' for null. */
export function asString(value: data.ExpressionData): string {
  return value.coerceString();
}

export function isTruthy(value: data.ExpressionData): boolean {
  return truthy(value);
}

/** A mapping token (`with:`, `env:`, `outputs:`) evaluated to strings. */
export function evaluateMapping(token: TemplateToken | undefined, contexts: Contexts, jobFailed = false): Record<string, string> {
  if (!token || !isMapping(token)) return {};
  const result: Record<string, string> = {};
  for (const pair of token) result[pair.key.toString()] = asString(evaluateToken(pair.value, contexts, jobFailed));
  return result;
}
