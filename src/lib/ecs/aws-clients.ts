import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsCredentialIdentity } from '@smithy/types';
import { createStsClient } from '../sts/assume-role.js';
import { renewSession } from '../sts/renew-session.js';
import { readRenewableSession, type RenewableSession } from '../sts/renewable-session.js';
import { createAwsClient } from '../aws.js';
import type { Runner } from '../runner.js';
import type { Clock, EcsDeps } from './deps.js';
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
  codedeploy: CodeDeployClient;
}

export interface AwsClients extends Pick<EcsDeps, 'ecs' | 'ecsPoll' | 'elbv2' | 'logs' | 'renewCredentials'> {
  /** For services with the CODE_DEPLOY deployment controller (src/lib/codedeploy). */
  codedeploy: Pick<CodeDeployClient, 'send'>;
  destroy(): void;
}

/** Credential renewal: what to assume again, and the runner that gives the OIDC token and takes the new variables. */
export interface RenewalSetup {
  settings: CredentialRenewal;
  runner: Pick<Runner, 'log' | 'getIdToken' | 'exportVariable'>;
}

/** `clock`: the SDK's retry back-off is slept on it (the step's clock; the sandbox's in benchmarks). */
export function createAwsClients(
  region: string,
  maxRetries: number,
  renewal: RenewalSetup | undefined,
  clock?: Pick<Clock, 'sleep'>,
): AwsClients {
  let credentials: AwsCredentialIdentity | undefined;
  const build = (): Clients => {
    const options = { region, maxAttempts: maxRetries + 1, ...(credentials ? { credentials } : {}), ...(clock ? { clock } : {}) };
    return {
      ecs: createAwsClient(ECSClient, options),
      // One quick retry per poll; the watcher's own cadence retries the rest.
      ecsPoll: createAwsClient(ECSClient, { ...options, maxAttempts: Math.min(2, maxRetries + 1) }),
      elbv2: createAwsClient(ElasticLoadBalancingV2Client, options),
      logs: createAwsClient(CloudWatchLogsClient, options),
      codedeploy: createAwsClient(CodeDeployClient, options),
    };
  };
  let current = build();
  const destroy = (clients: Clients) => Object.values(clients).forEach((client: { destroy(): void }) => client.destroy());
  const session = renewal ? renewableSession(renewal.settings, region) : undefined;

  return {
    ecs: { send: ((...args: Parameters<ECSClient['send']>) => current.ecs.send(...args)) as ECSClient['send'] },
    ecsPoll: { send: ((...args: Parameters<ECSClient['send']>) => current.ecsPoll.send(...args)) as ECSClient['send'] },
    elbv2: {
      send: ((...args: Parameters<ElasticLoadBalancingV2Client['send']>) =>
        current.elbv2.send(...args)) as ElasticLoadBalancingV2Client['send'],
    },
    logs: { send: ((...args: Parameters<CloudWatchLogsClient['send']>) => current.logs.send(...args)) as CloudWatchLogsClient['send'] },
    codedeploy: {
      send: ((...args: Parameters<CodeDeployClient['send']>) => current.codedeploy.send(...args)) as CodeDeployClient['send'],
    },
    ...(session && renewal
      ? {
          renewCredentials: async () => {
            const assumed = await renewSession(session, {
              createSts: createStsClient,
              getIdToken: renewal.runner.getIdToken,
              retry: { maxAttempts: 3 },
              log: renewal.runner.log.info,
            });
            credentials = assumed.credentials;
            const previous = current;
            current = build();
            destroy(previous);
            // Later steps of the job get the fresh session too (the values are masked already).
            renewal.runner.exportVariable('AWS_ACCESS_KEY_ID', assumed.credentials.accessKeyId);
            renewal.runner.exportVariable('AWS_SECRET_ACCESS_KEY', assumed.credentials.secretAccessKey);
            renewal.runner.exportVariable('AWS_SESSION_TOKEN', assumed.credentials.sessionToken);
            renewal.runner.log.info(
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

/** What ecs-deploy's and ecs-rollback's logic takes: the shared ECS deps, the step's outputs and summary, and closing the clients. */
export interface EcsActionDeps extends EcsDeps, Pick<Runner, 'setOutput' | 'summary'> {
  /** Closes the clients' sockets; the logic calls it when it is done with AWS. */
  destroy(): void;
}

/** Everything the ECS actions need, backed by the runner: real clients and clock, log lines as annotations. */
export function createEcsActionDeps(
  inputs: { region: string; maxRetries: number; renewal?: CredentialRenewal | undefined },
  runner: Runner,
): EcsActionDeps {
  const clients = createAwsClients(
    inputs.region,
    inputs.maxRetries,
    inputs.renewal ? { settings: inputs.renewal, runner } : undefined,
    runner.clock,
  );
  return {
    ...clients,
    clock: runner.clock,
    log: runner.log,
    fetch: globalThis.fetch,
    setOutput: runner.setOutput,
    summary: runner.summary,
  };
}
