/**
 * The OIDC issuer and the GitHub API run on the sandbox's shared plumbing: one request log, one
 * fault injector (`admin.injectFault`), as ECS and STS do.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3 });
});
afterAll(async () => {
  await sandbox.stop();
});

const tokenRequest = () =>
  fetch(`${sandbox.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sts.amazonaws.com`, {
    headers: { authorization: `Bearer ${sandbox.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
  });
const listComments = () =>
  fetch(`${sandbox.env.GITHUB_API_URL}/repos/acme/web/issues/1/comments`, {
    headers: { authorization: `Bearer ${sandbox.env.GITHUB_TOKEN}` },
  });

describe('OIDC issuer', () => {
  test('logs token requests in the sandbox request log, service oidc', async () => {
    sandbox.admin.requests.clear();
    expect((await tokenRequest()).status).toBe(200);
    expect(sandbox.admin.requests.list({ service: 'oidc' })).toEqual([
      expect.objectContaining({ operation: 'GET /token', status: 200, params: { 'api-version': '2.0', audience: 'sts.amazonaws.com' } }),
    ]);
  });

  test('takes faults from admin.injectFault: 503, throttling as 429, a dropped connection', async () => {
    sandbox.admin.injectFault({ service: 'oidc', operation: 'GET /token', kind: 'http503' });
    expect((await tokenRequest()).status).toBe(503);
    sandbox.admin.injectFault({ service: 'oidc', kind: 'throttle' });
    expect((await tokenRequest()).status).toBe(429);
    sandbox.admin.injectFault({ service: 'oidc', kind: 'reset' });
    await expect(tokenRequest()).rejects.toThrow();
    expect((await tokenRequest()).status).toBe(200);
    expect(sandbox.admin.requests.list({ service: 'oidc' }).at(-2)).toMatchObject({ status: 0, errorCode: 'ConnectionReset' });
  });

  test('a hang fault reads the request and never answers', async () => {
    sandbox.admin.injectFault({ service: 'oidc', kind: 'hang' });
    const hung = fetch(`${sandbox.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=x`, {
      headers: { authorization: `Bearer ${sandbox.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
      signal: AbortSignal.timeout(300),
    });
    await expect(hung).rejects.toThrow(/aborted|timeout/i);
    expect(sandbox.admin.requests.list({ service: 'oidc' }).at(-1)).toMatchObject({ status: 0, errorCode: 'Hang' });
    expect((await tokenRequest()).status).toBe(200);
  });

  test('a request with the wrong request token does not use up a fault', async () => {
    sandbox.admin.injectFault({ service: 'oidc', kind: 'http500' });
    const refused = await fetch(`${sandbox.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=x`, { headers: { authorization: 'Bearer wrong' } });
    expect(refused.status).toBe(401);
    expect((await tokenRequest()).status).toBe(500);
    expect((await tokenRequest()).status).toBe(200);
  });
});

describe('GitHub API', () => {
  test('takes faults from admin.injectFault by route template, and logs them with the token', async () => {
    sandbox.admin.requests.clear();
    sandbox.admin.injectFault({
      service: 'github',
      operation: 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      kind: 'http503',
    });
    expect((await listComments()).status).toBe(503);
    expect((await listComments()).status).toBe(200);
    expect(sandbox.admin.requests.list({ service: 'github' }).map((entry) => [entry.status, entry.token])).toEqual([
      [503, sandbox.env.GITHUB_TOKEN],
      [200, sandbox.env.GITHUB_TOKEN],
    ]);
    expect(sandbox.admin.identity.github.requests().map((request) => request.status)).toEqual([503, 200]);
  });

  test('failNext arms the same injector', async () => {
    sandbox.admin.identity.github.failNext(1, 503);
    expect((await listComments()).status).toBe(503);
    sandbox.admin.clearFaults();
    sandbox.admin.identity.github.failNext(1);
    sandbox.admin.clearFaults();
    expect((await listComments()).status).toBe(200);
  });
});
