import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny in-process registry for the sandbox's ECR read-through tests: the manifest and tag
 * endpoints of the registry HTTP API v2 with basic auth, holding exact bytes. The real registry
 * (Debian's docker-registry) is exercised by test/e2e/ecr-build-push-docker.test.ts; this one lets
 * the sandbox tests run everywhere and see every request the sandbox made.
 */
export interface FakeRegistry {
  url: string;
  /** Stores exact manifest bytes, tagged or not, as `docker push` would; returns the digest. */
  push(repository: string, manifest: string, mediaType: string, tag?: string): string;
  requests: { method: string; path: string; accept: string; authorized: boolean }[];
  close(): Promise<void>;
}

const digestOf = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const ROUTE = /^\/v2\/(.+)\/(manifests\/([^/]+)|tags\/list)$/;

export async function startFakeRegistry(password: string): Promise<FakeRegistry> {
  const manifests = new Map<string, { bytes: Buffer; mediaType: string }>(); // `${repo}@${digest}`
  const tags = new Map<string, Map<string, string>>(); // repo → tag → digest
  const requests: FakeRegistry['requests'] = [];
  const expected = `Basic ${Buffer.from(`AWS:${password}`).toString('base64')}`;

  const store = (repository: string, bytes: Buffer, mediaType: string, tag?: string): string => {
    const digest = digestOf(bytes);
    manifests.set(`${repository}@${digest}`, { bytes, mediaType });
    if (tag) tags.set(repository, (tags.get(repository) ?? new Map<string, string>()).set(tag, digest));
    return digest;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const authorized = req.headers.authorization === expected;
    requests.push({ method: req.method ?? '', path: req.url ?? '', accept: req.headers.accept ?? '', authorized });
    const match = ROUTE.exec(req.url ?? '');
    if (!authorized) return res.writeHead(401, { 'www-authenticate': 'Basic realm="fake"' }).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
    if (!match) return res.writeHead(404).end();
    const [, repository = '', , reference] = match;
    if (reference === undefined) {
      const names = [...(tags.get(repository)?.keys() ?? [])];
      if (names.length === 0) return res.writeHead(404).end('{"errors":[{"code":"NAME_UNKNOWN"}]}');
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: repository, tags: names }));
    }
    if (req.method === 'PUT') {
      const digest = store(repository, body, req.headers['content-type'] ?? '', reference.startsWith('sha256:') ? undefined : reference);
      return res.writeHead(201, { 'docker-content-digest': digest, location: `/v2/${repository}/manifests/${digest}` }).end();
    }
    const digest = reference.startsWith('sha256:') ? reference : tags.get(repository)?.get(reference);
    const found = digest ? manifests.get(`${repository}@${digest}`) : undefined;
    if (!found || !digest) return res.writeHead(404).end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
    res.writeHead(200, { 'content-type': found.mediaType, 'docker-content-digest': digest, 'content-length': found.bytes.length });
    res.end(req.method === 'HEAD' ? undefined : found.bytes);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    push: (repository, manifest, mediaType, tag) => store(repository, Buffer.from(manifest, 'utf8'), mediaType, tag),
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
