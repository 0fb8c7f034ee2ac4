import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGithubClient } from '../../../src/lib/github.js';

/** A GitHub API that reads requests and never answers: every call must still end, at its timeout. */
let server: Server;
let apiUrl: string;
beforeAll(async () => {
  server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('a call to a silent GitHub ends at its request timeout', async () => {
  const github = createGithubClient({ token: 'token', apiUrl, maxRetries: 0, requestTimeoutMs: 300 });
  const started = Date.now();
  await expect(github.rest.repos.get({ owner: 'acme', repo: 'web' })).rejects.toThrow(
    'GitHub did not answer GET /repos/{owner}/{repo} within 0.3 s',
  );
  expect(Date.now() - started).toBeLessThan(3000);
});
