import { createAdmin, type SandboxAdmin } from './admin.js';
import { startAwsServer } from './core/aws-server.js';
import { createClock } from './core/clock.js';
import { SANDBOX_ACCOUNT_ID, type AwsServiceDefinition } from './core/contract.js';
import { FaultInjector } from './core/faults.js';
import { SeededRandom } from './core/random.js';
import { RequestLog } from './core/request-log.js';
import { createEcrService } from './ecr/index.js';
import { RegistryStore } from './ecr/registry-store.js';
import { createEcsService, EcsSimulation } from './ecs/index.js';
import { createElbv2Service } from './elbv2/index.js';
import { TargetGroupStore } from './elbv2/target-groups.js';
import { startIdentityServices, type IdentityAdmin } from './identity-wiring.js';
import { createLogsService } from './logs/index.js';
import { LogStore } from './logs/log-store.js';

export type { SandboxAdmin } from './admin.js';
export type { ImageBehavior, ImageBehaviorKind } from './ecs/image-behaviors.js';
export type { FaultSpec, RequestLogEntry } from './core/contract.js';

/** Keys of `endpoints` and `ports`. */
export type SandboxServiceName = 'ecs' | 'ecr' | 'sts' | 'elbv2' | 'logs' | 'oidc' | 'github';

export interface SandboxOptions {
  /** Sandbox seconds per real second (default 1). */
  timeScale?: number;
  /** Drives every generated id, IP and token (default 1). */
  seed?: number;
  /** Fixed ports per service; random free ports otherwise. */
  ports?: Partial<Record<SandboxServiceName, number>>;
}

export interface Sandbox {
  endpoints: Record<SandboxServiceName, string>;
  /** What to export for the actions and SDKs under test. */
  env: Record<string, string>;
  admin: SandboxAdmin & { identity: IdentityAdmin };
  stop(): Promise<void>;
}

export const SANDBOX_REGION = 'us-east-1';

const ENV_SUFFIX: Record<'ecs' | 'ecr' | 'sts' | 'elbv2' | 'logs', string> = {
  ecs: 'ECS',
  ecr: 'ECR',
  sts: 'STS',
  elbv2: 'ELASTIC_LOAD_BALANCING_V2',
  logs: 'CLOUDWATCH_LOGS',
};

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = createClock(options.timeScale ?? 1);
  const random = new SeededRandom(options.seed ?? 1);
  const log = new RequestLog();
  const faults = new FaultInjector();
  const targetGroups = new TargetGroupStore(SANDBOX_REGION, SANDBOX_ACCOUNT_ID, random);
  const logs = new LogStore();
  const registry = new RegistryStore(SANDBOX_REGION, SANDBOX_ACCOUNT_ID);
  const ecs = new EcsSimulation({
    clock,
    random,
    region: SANDBOX_REGION,
    account: SANDBOX_ACCOUNT_ID,
    targetGroups,
    logs,
    registryDigest: (image) => registry.digestOf(image),
  });
  const ecrPasswords: string[] = [];
  const sync = () => ecs.sync();

  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    await Promise.all(stoppers.map((stop) => stop()));
  };
  try {
    const identity = await startIdentityServices({ clock, log, faults, random, ports: options.ports ?? {} });
    stoppers.push(...identity.stoppers);
    const definitions: Record<keyof typeof ENV_SUFFIX, AwsServiceDefinition> = {
      ecs: createEcsService(ecs),
      ecr: createEcrService(registry, random, ecrPasswords),
      sts: identity.sts,
      elbv2: createElbv2Service(targetGroups, sync),
      logs: createLogsService(logs, sync, SANDBOX_REGION, SANDBOX_ACCOUNT_ID),
    };
    const deps = { clock, log, faults, random, authorizer: identity.authorizer, region: SANDBOX_REGION };
    const endpoints: Partial<Record<SandboxServiceName, string>> = { ...identity.endpoints };
    const env: Record<string, string> = {
      AWS_REGION: SANDBOX_REGION,
      AWS_DEFAULT_REGION: SANDBOX_REGION,
      // No instance metadata here: keep the SDK from probing 169.254.169.254 for credentials.
      AWS_EC2_METADATA_DISABLED: 'true',
      ...identity.env,
    };
    for (const name of Object.keys(definitions) as (keyof typeof ENV_SUFFIX)[]) {
      const server = await startAwsServer(definitions[name], deps, options.ports?.[name] ?? 0);
      stoppers.push(() => server.close());
      endpoints[name] = server.url;
      env[`AWS_ENDPOINT_URL_${ENV_SUFFIX[name]}`] = server.url;
    }
    const admin = Object.assign(createAdmin({ clock, log, faults, ecs, targetGroups, registry, ecrPasswords }), {
      identity: identity.admin,
    });
    return {
      endpoints: endpoints as Record<SandboxServiceName, string>,
      env,
      admin,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
