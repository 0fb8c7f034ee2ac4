import * as core from '@actions/core';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsCredentialIdentity } from '@smithy/types';
import { createStsClient } from '../../aws-credentials/assume-role.js';
import { renewSession } from '../../aws-credentials/renew-session.js';
import { readRenewableSession, type RenewableSession } from '../../aws-credentials/renewable-session.js';
import { createAwsClient } from '../aws.js';
import { systemClock, type EcsDeps } from './deps.js';
import type { CredentialRenewal } from '../ecs-inputs.js';

/**
 * The ECS, ELBv2 and Logs clients, behind forwarding objects so that renewed credentials swap the
 * clients underneath without the logic noticing. Clients are rebuilt rather than given a credential
 * provider because the SDK caches a provider's answer until the expiry it reports, which env
 * credentials do not carry.
 */

interface Clients {
  ecs: ECSClient;
  ecsPoll: ECSClient;
  elbv2: ElasticLoadBalancingV2Client;
  logs: CloudWatchLogsClient;
}

export interface AwsClients extends Pick<EcsDeps, 'ecs' | 'ecsPoll' | 'elbv2' | 'logs' | 'renewCredentials'> {
  destroy(): void;
}

export function createAwsClients(region: string, maxRetries: number, renewal: CredentialRenewal | undefined): AwsClients {
  let credentials: AwsCredentialIdentity | undefined;
  const build = (): Clients => {
    const options = { region, maxAttempts: maxRetries + 1, ...(credentials ? { credentials } : {}) };
    return {
      ecs: createAwsClient(ECSClient, options),
      // One quick retry per poll; the watcher's own cadence retries the rest.
      ecsPoll: createAwsClient(ECSClient, { ...options, maxAttempts: Math.min(2, maxRetries + 1) }),
      elbv2: createAwsClient(ElasticLoadBalancingV2Client, options),
      logs: createAwsClient(CloudWatchLogsClient, options),
    };
  };
  let current = build();
  const destroy = (clients: Clients) => Object.values(clients).forEach((client: { destroy(): void }) => client.destroy());
  const session = renewal ? renewableSession(renewal, region) : undefined;

  return {
    ecs: { send: ((...args: Parameters<ECSClient['send']>) => current.ecs.send(...args)) as ECSClient['send'] },
    ecsPoll: { send: ((...args: Parameters<ECSClient['send']>) => current.ecsPoll.send(...args)) as ECSClient['send'] },
    elbv2: {
      send: ((...args: Parameters<ElasticLoadBalancingV2Client['send']>) =>
        current.elbv2.send(...args)) as ElasticLoadBalancingV2Client['send'],
    },
    logs: { send: ((...args: Parameters<CloudWatchLogsClient['send']>) => current.logs.send(...args)) as CloudWatchLogsClient['send'] },
    ...(session
      ? {
          renewCredentials: async () => {
            const assumed = await renewSession(session, {
              createSts: createStsClient,
              getIdToken: (audience) => core.getIDToken(audience),
              retry: { maxAttempts: 3 },
              log: (line) => core.info(line),
            });
            credentials = assumed.credentials;
            const previous = current;
            current = build();
            destroy(previous);
            // Later steps of the job get the fresh session too (the values are masked already).
            core.exportVariable('AWS_ACCESS_KEY_ID', assumed.credentials.accessKeyId);
            core.exportVariable('AWS_SECRET_ACCESS_KEY', assumed.credentials.secretAccessKey);
            core.exportVariable('AWS_SESSION_TOKEN', assumed.credentials.sessionToken);
            core.info(
              `Assumed ${assumed.assumedRoleArn} again; the new credentials are valid until ${assumed.credentials.expiration.toISOString()}`,
            );
          },
        }
      : {}),
    destroy: () => destroy(current),
  };
}

/** What to assume again: the role given as input, else the hops aws-credentials exported. */
function renewableSession(renewal: CredentialRenewal, region: string): RenewableSession | undefined {
  const exported = readRenewableSession(renewal.exported);
  if (!renewal.roleToAssume) return exported;
  const sameRole = exported?.webIdentity.roleArn === renewal.roleToAssume;
  return {
    region,
    audience: exported?.audience ?? 'sts.amazonaws.com',
    webIdentity:
      sameRole && exported
        ? exported.webIdentity
        : { roleArn: renewal.roleToAssume, sessionName: renewal.sessionName, durationSeconds: 3600, managedPolicyArns: [] },
    chain: [],
  };
}

/** Everything the shared ECS logic needs, backed by the runner: real clients and clock, log lines as annotations. */
export function runnerEcsDeps(clients: AwsClients): EcsDeps {
  return {
    ...clients,
    clock: systemClock,
    log: { info: (line) => core.info(line), warning: (line) => core.warning(line), error: (line) => core.error(line) },
    fetch: globalThis.fetch,
  };
}
