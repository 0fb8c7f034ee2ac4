import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (a random free port unless one is given) and closes with every open connection. */
export async function listenLocal(handler: RequestListener, port = 0): Promise<RunningServer> {
  const server: Server = createServer(handler);
  // SDK clients keep connections alive; without this, close() would wait for their idle timeout.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * `listenLocal` for an async JSON handler: a handler that throws is a bug of the sandbox, answered
 * with a 500 and printed under `label`, instead of a request that never ends.
 */
export function listenJson(
  label: string,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  port = 0,
): Promise<RunningServer> {
  return listenLocal((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(`sandbox ${label}:`, error);
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'sandbox bug' }));
    });
  }, port);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The request as text (request line, headers, body), for the request log's secret scans. */
export function rawRequestText(req: IncomingMessage, body: string): string {
  const headers = Object.entries(req.headers)
    .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : (value ?? '')}`)
    .join('\n');
  return `${req.method ?? 'GET'} ${req.url ?? '/'}\n${headers}\n\n${body}`;
}
