/**
 * What a later step (ecs-deploy) needs to assume the same role again when a long rollout outlives
 * the credentials: the web-identity hop aws-credentials made, plus any role-chaining hops after it.
 * None of it is secret — the OIDC token is fetched afresh by the renewing step.
 */
export const RENEW_ENV = {
  roleArn: 'ECS_DELIVERY_ROLE_ARN',
  sessionName: 'ECS_DELIVERY_ROLE_SESSION_NAME',
  duration: 'ECS_DELIVERY_ROLE_DURATION',
  policy: 'ECS_DELIVERY_SESSION_POLICY',
  managedPolicies: 'ECS_DELIVERY_MANAGED_SESSION_POLICIES',
  audience: 'ECS_DELIVERY_AUDIENCE',
  chain: 'ECS_DELIVERY_ROLE_CHAIN',
} as const;

export interface RenewableHop {
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
  /** Minified inline session policy. */
  policy?: string;
  managedPolicyArns: string[];
}

export interface RenewableSession {
  region: string;
  audience: string;
  webIdentity: RenewableHop;
  /** AssumeRole hops made with role-chaining after the web-identity hop, in order. */
  chain: RenewableHop[];
}

/** The variables to export (GITHUB_ENV) so that later steps can renew. */
export function renewableSessionEnv(session: RenewableSession): Record<string, string> {
  const hop = session.webIdentity;
  return {
    [RENEW_ENV.roleArn]: hop.roleArn,
    [RENEW_ENV.sessionName]: hop.sessionName,
    [RENEW_ENV.duration]: String(hop.durationSeconds),
    [RENEW_ENV.policy]: hop.policy ?? '',
    [RENEW_ENV.managedPolicies]: hop.managedPolicyArns.join(','),
    [RENEW_ENV.audience]: session.audience,
    [RENEW_ENV.chain]: session.chain.length > 0 ? JSON.stringify(session.chain) : '',
  };
}

/**
 * Reads what an earlier aws-credentials step exported; undefined when it did not run (or ran with
 * nothing renewable). Malformed values throw: they were written by us, so they mean tampering or a bug.
 */
export function readRenewableSession(env: NodeJS.ProcessEnv): RenewableSession | undefined {
  const roleArn = env[RENEW_ENV.roleArn];
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!roleArn || !region) return undefined;
  const duration = Number(env[RENEW_ENV.duration]);
  if (!Number.isInteger(duration)) throw new Error(`${RENEW_ENV.duration} is not a whole number of seconds`);
  const webIdentity: RenewableHop = {
    roleArn,
    sessionName: env[RENEW_ENV.sessionName] || 'GitHubActions',
    durationSeconds: duration,
    ...(env[RENEW_ENV.policy] ? { policy: env[RENEW_ENV.policy] } : {}),
    managedPolicyArns: (env[RENEW_ENV.managedPolicies] ?? '').split(',').filter(Boolean),
  };
  return { region, audience: env[RENEW_ENV.audience] || 'sts.amazonaws.com', webIdentity, chain: parseChain(env[RENEW_ENV.chain]) };
}

function parseChain(text: string | undefined): RenewableHop[] {
  if (!text) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${RENEW_ENV.chain} is not valid JSON`);
  }
  if (!Array.isArray(value) || !value.every(isHop)) throw new Error(`${RENEW_ENV.chain} is not a list of role hops`);
  return value;
}

function isHop(value: unknown): value is RenewableHop {
  if (typeof value !== 'object' || value === null) return false;
  const hop = value as Record<string, unknown>;
  return (
    typeof hop.roleArn === 'string' &&
    typeof hop.sessionName === 'string' &&
    Number.isInteger(hop.durationSeconds) &&
    (hop.policy === undefined || typeof hop.policy === 'string') &&
    Array.isArray(hop.managedPolicyArns) &&
    hop.managedPolicyArns.every((arn) => typeof arn === 'string')
  );
}
