/**
 * Shared set-up for the aws-credentials end-to-end tests: one sandbox, the roles the tests assume,
 * the bundled action run through the runner-faithful harness, and the secret-leak scan.
 */
import { expect } from '@jest/globals';
import { runAction, type ActionResult, type StepResult } from '../../sandbox/runner/run-action.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';

export const ACCOUNT = '123456789012';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/gha-deploy`;
export const CHAINED_ROLE = `arn:aws:iam::${ACCOUNT}:role/ci/chained-target`;
export const MANAGED_POLICY = `arn:aws:iam::${ACCOUNT}:policy/ecs-read`;

export async function startCredentialsSandbox(): Promise<Sandbox> {
  const sandbox = await startSandbox();
  const identity = sandbox.admin.identity;
  identity.createRole({ arn: ROLE, trust: { subjects: ['repo:acme/web:*'] }, maxSessionDuration: 7200 });
  identity.createRole({ arn: CHAINED_ROLE, trust: { principals: [ROLE] } });
  identity.putManagedPolicy(MANAGED_POLICY, {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['ecs:Describe*', 'ecs:List*'], Resource: '*' }],
  });
  return sandbox;
}

/** The job environment a runner gives a step with `id-token: write`, pointed at the sandbox — minus the sandbox's bootstrap keys, which a real job would not have. */
export function jobEnv(sandbox: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _secret, ...env } = sandbox.env;
  return { ...env, ...extra };
}

export function runCredentials(
  sandbox: Sandbox,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
): Promise<ActionResult> {
  return runAction('aws-credentials', { inputs: { 'aws-region': 'us-east-1', ...inputs }, env: jobEnv(sandbox, extraEnv) });
}

export function stsCalls(sandbox: Sandbox, operation?: string): number {
  return sandbox.admin.requests.count({ service: 'sts', ...(operation ? { operation } : {}) });
}

/** Every secret the sandbox handed out so far: STS credentials and OIDC tokens. */
export function plantedSecrets(sandbox: Sandbox): { credentials: string[]; tokens: string[]; secretKeys: string[] } {
  const sessions = sandbox.admin.identity.sessions();
  return {
    credentials: sessions.flatMap((session) => [session.accessKeyId, session.secretAccessKey, session.sessionToken]),
    secretKeys: sessions.map((session) => session.secretAccessKey),
    tokens: [
      ...sandbox.admin.identity.oidc.issuedTokens().map((issued) => issued.token),
      sandbox.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? '',
    ].filter(Boolean),
  };
}

/** What a step printed and wrote, except where credentials belong by design (GITHUB_ENV, outputs on request). */
function printedAndWritten(step: StepResult, { outputsHoldCredentials }: { outputsHoldCredentials: boolean }): Record<string, string> {
  const stdout = step.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  const credentialNames = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);
  const env = Object.entries(step.env).filter(([name]) => !credentialNames.has(name));
  return {
    stdout,
    stderr: step.stderr,
    summary: step.summary,
    state: JSON.stringify(step.state),
    env: JSON.stringify(env),
    ...(outputsHoldCredentials ? {} : { outputs: JSON.stringify(step.outputs) }),
  };
}

/**
 * No credential or token in clear anywhere the action printed or wrote (main and post), every one
 * of them masked before use, and on the wire: OIDC tokens only inside AssumeRoleWithWebIdentity,
 * secret keys never (they only sign).
 */
export function expectNoLeaks(sandbox: Sandbox, results: ActionResult[], options: { outputsHoldCredentials?: boolean } = {}): void {
  const { credentials, tokens, secretKeys } = plantedSecrets(sandbox);
  expect(credentials.length + tokens.length).toBeGreaterThan(0);
  for (const result of results) {
    const places = {
      ...printedAndWritten(result, { outputsHoldCredentials: options.outputsHoldCredentials ?? false }),
      ...(result.post ? prefix('post.', printedAndWritten(result.post, { outputsHoldCredentials: false })) : {}),
    };
    for (const secret of [...credentials, ...tokens]) {
      for (const [place, text] of Object.entries(places)) {
        if (text.includes(secret)) throw new Error(`a secret (${secret.slice(0, 4)}…) appears in clear in ${place}`);
      }
    }
  }
  const requestToken = sandbox.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? '';
  for (const entry of sandbox.admin.requests.list()) {
    for (const secret of secretKeys) expect(entry.rawRequest.includes(secret)).toBe(false);
    if (entry.operation === 'AssumeRoleWithWebIdentity') continue;
    // The request token is presented to the OIDC token endpoint (logged as service oidc), and only there.
    const allowed = entry.service === 'oidc' && entry.operation === 'GET /token' ? [requestToken] : [];
    for (const token of tokens) if (!allowed.includes(token)) expect(entry.rawRequest.includes(token)).toBe(false);
  }
}

function prefix(text: string, record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [`${text}${key}`, value]));
}

/** Every credential the step received was masked (registered with ::add-mask::) by the step. */
export function expectMasked(result: StepResult, values: string[]): void {
  for (const value of values) expect(result.masked).toContain(value);
}
