/**
 * Starts the identity part of the sandbox for a test: the OIDC issuer, STS on the plumbing's
 * query-protocol server, and the authorizer, on one sandbox clock. Test-only wiring; the real
 * wiring lives in sandbox/index.ts.
 */
import { jest } from '@jest/globals';
import { STSClient } from '@aws-sdk/client-sts';
import { startAwsServer } from '../../sandbox/core/aws-server.js';
import { createClock } from '../../sandbox/core/clock.js';
import { FaultInjector } from '../../sandbox/core/faults.js';
import { SeededRandom } from '../../sandbox/core/random.js';
import { RequestLog } from '../../sandbox/core/request-log.js';
import type { SandboxClock } from '../../sandbox/core/contract.js';
import { startOidcIssuer, type OidcIssuer } from '../../sandbox/oidc/index.js';
import { BOOTSTRAP_CREDENTIALS, createIdentity, type Identity } from '../../sandbox/sts/index.js';

export interface IdentityHarness {
  clock: SandboxClock;
  oidc: OidcIssuer;
  identity: Identity;
  log: RequestLog;
  faults: FaultInjector;
  stsUrl: string;
  /** An STS client with the given credentials (none: unsigned-capable default bootstrap keys). */
  sts(credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): STSClient;
  stop(): Promise<void>;
}

export async function startIdentityHarness(): Promise<IdentityHarness> {
  const clock = createClock(1);
  const log = new RequestLog();
  const faults = new FaultInjector();
  const random = new SeededRandom(1);
  const oidc = await startOidcIssuer({ clock, log, faults, random });
  const identity = createIdentity({ clock, oidc, random });
  const server = await startAwsServer(identity.stsService, {
    clock,
    log,
    faults,
    random,
    authorizer: identity.authorizer,
    region: 'us-east-1',
  });
  const clients: STSClient[] = [];
  return {
    clock,
    oidc,
    identity,
    log,
    faults,
    stsUrl: server.url,
    sts(credentials = BOOTSTRAP_CREDENTIALS) {
      const client = new STSClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.destroy();
      await server.close();
      await oidc.stop();
    },
  };
}

/** A session policy of exactly `length` characters (JSON, minified), padded through the Sid. */
export function policyOfLength(length: number): string {
  const base = { Version: '2012-10-17', Statement: [{ Sid: '', Effect: 'Allow', Action: 'ecs:DescribeServices', Resource: '*' }] };
  const overhead = JSON.stringify(base).length;
  const statement = base.Statement[0];
  if (!statement || length < overhead) throw new Error(`policyOfLength: at least ${overhead}`);
  statement.Sid = 'a'.repeat(length - overhead);
  return JSON.stringify(base);
}

/** SDK-client credentials from an STS result's `Credentials`. */
export function credentialsOf(result: { Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } }) {
  const c = result.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('credentialsOf: STS result has no credentials');
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

/**
 * Makes this process look like a job with `id-token: write` on the harness's issuer (the
 * ACTIONS_ID_TOKEN_REQUEST_* variables @actions/core's getIDToken reads) and silences the
 * `::add-mask::` lines core writes; returns what undoes both.
 */
export function actAsOidcJob(h: IdentityHarness): () => void {
  const saved = { ...process.env };
  process.env.ACTIONS_ID_TOKEN_REQUEST_URL = h.oidc.env.ACTIONS_ID_TOKEN_REQUEST_URL;
  process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = h.oidc.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  return () => {
    write.mockRestore();
    process.env = saved;
  };
}

/** What a synchronous call (the authorizer) threw: its code, message and HTTP status; fails the test when it did not throw. */
export function thrown(fn: () => unknown): { code?: string; message?: string; status?: number } {
  try {
    fn();
  } catch (error: unknown) {
    return error as { code: string; message: string; status: number };
  }
  throw new Error('expected a throw');
}

/** How an SDK call failed: the error's name, message and HTTP status; fails the test when the call succeeded. */
export async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error: unknown) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}
