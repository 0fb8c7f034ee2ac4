import { GetAuthorizationTokenCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { awsCall } from '../lib/aws-call.js';
import { maskSecret } from '../lib/secrets.js';
import { dockerOrThrow, type DockerCli } from './docker-cli.js';

/**
 * Registry logins. ECR: GetAuthorizationToken returns base64 `AWS:<password>` and a proxyEndpoint
 * per registry (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_GetAuthorizationToken.html).
 * Both the token and the decoded password are masked before anything else happens with them, and
 * the password reaches docker on stdin only.
 */

export interface RegistryCredentials {
  /** `host[:port]`, as docker and image references use it. */
  host: string;
  /** `https://host` (or `http://` for a plain-HTTP registry); the base of the registry HTTP API. */
  endpoint: string;
  username: string;
  password: string;
  /** The ECR account, when this is an ECR registry. */
  accountId?: string;
}

export async function ecrCredentials(ecr: Pick<ECRClient, 'send'>, accountIds: readonly string[]): Promise<RegistryCredentials[]> {
  const response = await awsCall(
    {},
    `get an ECR authorization token${accountIds.length > 0 ? ` for ${accountIds.join(', ')}` : ''}`,
    'ecr:GetAuthorizationToken',
    () => ecr.send(new GetAuthorizationTokenCommand(accountIds.length > 0 ? { registryIds: [...accountIds] } : {})),
    { resource: '*' },
  );
  const data = response.authorizationData ?? [];
  if (data.length === 0) throw new Error('ECR GetAuthorizationToken returned no authorization data');
  return data.map((entry, index) => {
    const token = entry.authorizationToken ?? '';
    maskSecret(token);
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    const at = decoded.indexOf(':');
    const username = at > 0 ? decoded.slice(0, at) : '';
    const password = at > 0 ? decoded.slice(at + 1) : '';
    maskSecret(password);
    if (username === '' || password === '') throw new Error(`ECR authorization token #${index + 1} is not base64 'user:password'`);
    const endpoint = (entry.proxyEndpoint ?? '').replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+$/.test(endpoint)) throw new Error(`ECR returned proxyEndpoint '${endpoint}', which is not a registry URL`);
    const host = endpoint.replace(/^https?:\/\//, '');
    const accountId = accountIdFor(host, accountIds, index);
    return { host, endpoint, username, password, ...(accountId ? { accountId } : {}) };
  });
}

/** The account of a registry: from its host (`<account>.dkr.ecr.<region>.amazonaws.com`), else by request order. */
function accountIdFor(host: string, accountIds: readonly string[], index: number): string | undefined {
  const fromHost = /^(\d{12})\.dkr\.ecr\./.exec(host)?.[1];
  return fromHost ?? accountIds[index];
}

/** Picks the registry the image is pushed to: the first requested account's, else the only/first one. */
export function pushRegistry(credentials: readonly RegistryCredentials[], accountIds: readonly string[]): RegistryCredentials {
  const wanted = accountIds[0];
  const match = wanted === undefined ? undefined : credentials.find((entry) => entry.accountId === wanted);
  const chosen = match ?? credentials[0];
  if (!chosen) throw new Error('no registry to push to');
  return chosen;
}

/** A generic registry: plain HTTP only for loopback, as the Docker engine itself allows. */
export function genericCredentials(host: string, username: string, password: string): RegistryCredentials {
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
  return { host, endpoint: `${loopback ? 'http' : 'https'}://${host}`, username, password };
}

export async function dockerLogin(docker: DockerCli, credentials: RegistryCredentials): Promise<void> {
  await dockerOrThrow(
    docker,
    ['login', '--username', credentials.username, '--password-stdin', credentials.host],
    `docker login to ${credentials.host}`,
    {
      input: credentials.password,
    },
  );
}

export async function dockerLogout(docker: DockerCli, host: string): Promise<boolean> {
  const result = await docker.run(['logout', host]);
  return result.exitCode === 0;
}
