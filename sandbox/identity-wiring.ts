import type { Authorizer, AwsServiceDefinition, SandboxClock } from './core/contract.js';
import type { FaultInjector } from './core/faults.js';
import type { SeededRandom } from './core/random.js';
import type { RequestLog } from './core/request-log.js';
import { startGithubApi, type GithubApiAdmin } from './github/index.js';
import { startOidcIssuer, type OidcIssuer } from './oidc/index.js';
import { BOOTSTRAP_CREDENTIALS, createIdentity, type IdentityAdmin as StsIdentityAdmin } from './sts/index.js';

/**
 * The one place where STS, the IAM session-policy evaluator, the Actions OIDC issuer and the GitHub
 * API join the sandbox. They share its clock, request log, faults and seeded generator; STS is
 * served by the AWS server with the other services, the issuer and the GitHub API by their own
 * listeners (core/http-server.ts), as their protocols are not AWS's.
 */
export interface IdentityServices {
  authorizer: Authorizer;
  sts: AwsServiceDefinition;
  stoppers: (() => Promise<void>)[];
  endpoints: { oidc: string; github: string };
  env: Record<string, string>;
  admin: IdentityAdmin;
}

/** Roles, managed policies, credential expiry (STS/IAM), plus the OIDC issuer's and GitHub API's own admin handles. */
export interface IdentityAdmin extends StsIdentityAdmin {
  oidc: OidcIssuer;
  github: GithubApiAdmin;
  /** A read-only GitHub token, as pull requests from forks get. */
  githubReadOnlyToken: string;
}

export async function startIdentityServices(ctx: {
  clock: SandboxClock;
  log: RequestLog;
  faults: FaultInjector;
  random: SeededRandom;
  ports: { oidc?: number; github?: number };
}): Promise<IdentityServices> {
  const shared = { clock: ctx.clock, log: ctx.log, faults: ctx.faults, random: ctx.random };
  const oidc = await startOidcIssuer({ ...shared, ...(ctx.ports.oidc !== undefined ? { port: ctx.ports.oidc } : {}) });
  try {
    const github = await startGithubApi({ ...shared, ...(ctx.ports.github !== undefined ? { port: ctx.ports.github } : {}) });
    const identity = createIdentity({ clock: ctx.clock, oidc, random: ctx.random });
    return {
      authorizer: identity.authorizer,
      sts: identity.stsService,
      stoppers: [() => oidc.stop(), () => github.stop()],
      endpoints: { oidc: oidc.url, github: github.url },
      env: {
        AWS_ACCESS_KEY_ID: BOOTSTRAP_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: BOOTSTRAP_CREDENTIALS.secretAccessKey,
        ...oidc.env,
        ...github.env,
      },
      admin: { ...identity.admin, oidc, github: github.admin, githubReadOnlyToken: github.readOnlyToken },
    };
  } catch (error) {
    await oidc.stop();
    throw error;
  }
}
