import { ECS_NAME, parseClusterArn, parseRoleArn, parseServiceArn } from './arn.js';
import { InputError } from './errors.js';

/**
 * Validation shared by the inputs of ecs-deploy, ecs-rollback and ecs-promote. Each action reads its
 * inputs itself (by literal name, so a test can compare them with action.yml) and hands the raw
 * values here, so that the actions accept and reject exactly the same things.
 */

export interface HealthCheckOptions {
  url: string;
  expectedStatus: number;
  successes: number;
  timeoutMs: number;
}

export interface CredentialRenewal {
  roleToAssume?: string;
  /** The ECS_DELIVERY_* variables aws-credentials exported, and the region. */
  exported: Record<string, string>;
  sessionName: string;
}

const ARN_PARSERS = { cluster: parseClusterArn, service: parseServiceArn };

/** A cluster or service given by name or ARN (both service ARN forms); the input is named after the kind. */
export function ecsResourceName(value: string, kind: 'cluster' | 'service'): string {
  if (ECS_NAME.test(value) || ARN_PARSERS[kind](value)) return value;
  throw new InputError(
    kind,
    `'${value}' is not a valid ${kind} name or ARN`,
    'Names use letters, digits, hyphens and underscores (at most 255)',
  );
}

/** The health-check-url options, or undefined without a URL. Only http(s) URLs without credentials are checked. */
export function healthCheckOptions(
  url: string | undefined,
  settings: { expectedStatus: number; successes: number; timeoutMs: number },
): HealthCheckOptions | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError('health-check-url', `'${url}' is not a URL`, 'Give an absolute http:// or https:// URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InputError('health-check-url', `'${parsed.protocol}' URLs cannot be checked`, 'Give an absolute http:// or https:// URL');
  }
  if (parsed.username || parsed.password) {
    throw new InputError('health-check-url', 'must not carry credentials', 'Use a public health endpoint without user:password@');
  }
  return { url, ...settings };
}

/**
 * Renewal needs a role and the runner's OIDC endpoint. The role comes from the input, else from what
 * aws-credentials exported (read later by its own parser, which loads the STS SDK). Without an OIDC
 * endpoint an expired session fails at once instead.
 */
export function credentialRenewal(
  roleToAssume: string | undefined,
  env: NodeJS.ProcessEnv,
  region: string,
  sessionName: string,
): CredentialRenewal | undefined {
  if (roleToAssume !== undefined && !parseRoleArn(roleToAssume)) {
    throw new InputError('role-to-assume', `'${roleToAssume}' is not an IAM role ARN`, 'Use arn:aws:iam::<account>:role/<name>');
  }
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) return undefined;
  const exported = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[0].startsWith('ECS_DELIVERY_') && entry[1] !== undefined),
  );
  if (roleToAssume === undefined && !exported.ECS_DELIVERY_ROLE_ARN) return undefined;
  return { ...(roleToAssume ? { roleToAssume } : {}), exported: { ...exported, AWS_REGION: region }, sessionName };
}

/** How ecs-deploy and ecs-rollback wait: the same rules for both, so they accept the same inputs. */
export function checkWaitInputs(options: {
  healthCheck: HealthCheckOptions | undefined;
  waitForStability: boolean;
  pollIntervalMs: number;
  waitMs: number;
  /** What the health check follows, for the message. */
  phase: 'rollout' | 'rollback';
}): void {
  if (options.healthCheck && !options.waitForStability) {
    throw new InputError(
      'health-check-url',
      `is checked after the ${options.phase}, but wait-for-service-stability is false`,
      "Set 'wait-for-service-stability: true', or remove 'health-check-url'",
    );
  }
  checkPollInterval(options.pollIntervalMs, options.waitMs);
}

/** poll-interval-seconds must be shorter than wait-for-minutes (ecs-promote has no health check, only this rule). */
export function checkPollInterval(pollIntervalMs: number, waitMs: number): void {
  if (pollIntervalMs >= waitMs) {
    throw new InputError(
      'poll-interval-seconds',
      `${pollIntervalMs / 1000} s is not shorter than wait-for-minutes`,
      'Poll more often than the whole wait',
    );
  }
}

const MAX_REASON = 1000;

/** The `reason` input of ecs-promote and ecs-rollback: logged and shown in the job summary, so bounded. */
export function checkReason(reason: string | undefined): string | undefined {
  if (reason !== undefined && reason.length > MAX_REASON) {
    throw new InputError('reason', `is ${reason.length} characters long`, `Keep it under ${MAX_REASON} characters`);
  }
  return reason;
}
