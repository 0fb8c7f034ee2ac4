import { createAdmin, type SandboxAdmin } from './admin.js';
import { createCodeDeploy, createCodeDeployAdmin, type CodeDeployAdmin } from './codedeploy/index.js';
import { startAwsServer } from './core/aws-server.js';
import { createClock } from './core/clock.js';
import { SANDBOX_ACCOUNT_ID, type AwsServiceDefinition, type SandboxClock } from './core/contract.js';
import { FaultInjector } from './core/faults.js';
import { SeededRandom } from './core/random.js';
import { RequestLog } from './core/request-log.js';
import { recorderFromEnv, type ResponseRecorder } from './core/response-recorder.js';
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
export type { FaultSpec, RequestLogEntry, SandboxClock } from './core/contract.js';

/** Keys of `endpoints` and `ports`. */
export type SandboxServiceName = 'ecs' | 'ecr' | 'sts' | 'elbv2' | 'logs' | 'codedeploy' | 'oidc' | 'github';

export interface SandboxOptions {
  /** Sandbox seconds per real second (default 1). */
  timeScale?: number;
  /**
   * The clock itself, instead of one built from `timeScale`: a benchmark's virtual clock that moves
   * only when every client sleeps, so that its runs repeat call for call.
   */
  clock?: SandboxClock;
  /** Drives every generated id, IP and token (default 1). */
  seed?: number;
  /** Fixed ports per service; random free ports otherwise. */
  ports?: Partial<Record<SandboxServiceName, number>>;
  /** Sees every AWS response sent (besides the folder ECS_DELIVERY_SANDBOX_RESPONSES names, when set). */
  recordResponses?: ResponseRecorder;
}

export interface Sandbox {
  endpoints: Record<SandboxServiceName, string>;
  /** What to export for the actions and SDKs under test. */
  env: Record<string, string>;
  admin: SandboxAdmin & { identity: IdentityAdmin; codedeploy: CodeDeployAdmin };
  stop(): Promise<void>;
}

export const SANDBOX_REGION = 'us-east-1';

const ENV_SUFFIX: Record<'ecs' | 'ecr' | 'sts' | 'elbv2' | 'logs' | 'codedeploy', string> = {
  ecs: 'ECS',
  ecr: 'ECR',
  sts: 'STS',
  elbv2: 'ELASTIC_LOAD_BALANCING_V2',
  logs: 'CLOUDWATCH_LOGS',
  codedeploy: 'CODEDEPLOY',
};

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? createClock(options.timeScale ?? 1);
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
  const codedeploy = createCodeDeploy({ ecs, targetGroups, random, region: SANDBOX_REGION, account: SANDBOX_ACCOUNT_ID });
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
      codedeploy: codedeploy.service,
    };
    const recorders = [options.recordResponses, recorderFromEnv(process.env)].filter((r): r is ResponseRecorder => r !== undefined);
    const recordResponse: ResponseRecorder = (response) => recorders.forEach((record) => record(response));
    const deps = { clock, log, faults, random, authorizer: identity.authorizer, region: SANDBOX_REGION, recordResponse };
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
    const ecsAdmin = createAdmin({ clock, log, faults, ecs, targetGroups, registry, ecrPasswords });
    const admin = Object.assign(ecsAdmin, {
      identity: identity.admin,
      codedeploy: createCodeDeployAdmin(codedeploy.store, ecsAdmin),
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
