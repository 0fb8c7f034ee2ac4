import { ECSClient, RegisterTaskDefinitionCommand, UpdateServiceCommand, waitUntilServicesStable } from '@aws-sdk/client-ecs';
import { fargateTaskDefinition } from '../../sandbox/fargate-task-definition.js';
import { createAwsClients } from '../../src/lib/ecs/aws-clients.js';
import { ClockedRetryStrategy } from '../../src/lib/clocked-retry-strategy.js';
import type { Clock } from '../../src/lib/clock.js';
import { deploy } from '../../src/ecs-deploy/deploy.js';
import { DeployRecord } from '../../src/ecs-deploy/deploy-record.js';
import { deployServices, MultiDeployRecord } from '../../src/ecs-deploy/multi-service.js';
import type { EcsDeployInputs } from '../../src/ecs-deploy/inputs.js';

/**
 * The two ways of deploying that the benchmark compares, each given the same virtual clock: ecs-deploy's
 * logic (one service or several in one step), and RegisterTaskDefinition + UpdateService + the SDK
 * waiter, as aws-actions does it. Both sleep (poll intervals, the SDK's retry back-off, the waiter's
 * delays) on that clock.
 */

export interface Outcome {
  verdict: 'success' | 'failure';
  detail: string;
  /** Virtual times: the run's start, its verdict (the first failure announced, or success) and its end (after any rollback). */
  sim: { start: number; verdict: number; end: number };
}

export interface OracleRun {
  clock: Clock;
  cluster: string;
  family: string;
  image: string;
  services: string[];
  pollMs: number;
  waitMs: number;
}

const MAX_RETRIES = 5;

export function runOracle(oracle: 'ecs-deploy' | 'waitUntilServicesStable', run: OracleRun): Promise<Outcome> {
  return oracle === 'ecs-deploy' ? ours(run) : waiter(run);
}

/**
 * ecs-deploy's clients and a quiet log for one oracle run. The verdict time is when the action first reports an error
 * (failure.at), as a user watching the log would see it, not when the run ends.
 */
export function quietDeployDeps(clock: Clock) {
  const clients = createAwsClients('us-east-1', MAX_RETRIES, undefined, clock);
  const failure: { at?: number } = {};
  const quiet = () => undefined;
  const deps = { ...clients, clock, log: { info: quiet, warning: quiet, error: () => (failure.at ??= clock.now()) } };
  return { clients, deps, failure };
}

/** The inputs a workflow would give ecs-deploy for this run: the family's task definition file with the new image, defaults otherwise. */
export function deployInputs(run: Pick<OracleRun, 'cluster' | 'family' | 'image' | 'waitMs' | 'pollMs'>): EcsDeployInputs {
  return {
    region: 'us-east-1',
    taskDefinition: {
      kind: 'file',
      path: `${run.family}.json`,
      definition: fargateTaskDefinition(run.family, run.image) as never,
      removedKeys: [],
    },
    cluster: run.cluster,
    forceNewDeployment: false,
    waitForStability: true,
    waitMs: run.waitMs,
    pollIntervalMs: run.pollMs,
    maxRetries: MAX_RETRIES,
    rollbackOnFailure: true,
  };
}

async function ours(run: OracleRun): Promise<Outcome> {
  const { clock } = run;
  const { clients, deps, failure } = quietDeployDeps(clock);
  const start = clock.now();
  const base = deployInputs(run);
  let status: string;
  try {
    if (run.services.length > 1) {
      const record = new MultiDeployRecord(clock);
      await deployServices({ ...base, services: run.services }, deps, record).catch((error: unknown) => {
        record.reason = error instanceof Error ? error.message : String(error);
      });
      status = record.status;
    } else {
      const record = new DeployRecord(clock);
      await deploy({ ...base, service: run.services[0] ?? 'web' }, deps, record).catch((error: unknown) => {
        failure.at ??= clock.now();
        record.reason = error instanceof Error ? error.message : String(error);
      });
      status = record.status;
    }
  } finally {
    clients.destroy();
  }
  const end = clock.now();
  const succeeded = status === 'succeeded';
  return {
    verdict: succeeded ? 'success' : 'failure',
    detail: status,
    sim: { start, verdict: succeeded ? end : (failure.at ?? end), end },
  };
}

async function waiter(run: OracleRun): Promise<Outcome> {
  const { clock } = run;
  const ecs = new ECSClient({ region: 'us-east-1', retryStrategy: new ClockedRetryStrategy(3, clock) });
  const start = clock.now();
  try {
    const registered = await ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition(run.family, run.image) as never));
    for (const service of run.services) {
      await ecs.send(
        new UpdateServiceCommand({ cluster: run.cluster, service, taskDefinition: registered.taskDefinition?.taskDefinitionArn }),
      );
    }
    // The waiter's own defaults (15–120 s between polls); its sleeps run on the virtual clock too.
    await waitUntilServicesStable({ client: ecs, maxWaitTime: run.waitMs / 1000 }, { cluster: run.cluster, services: run.services });
    return { verdict: 'success', detail: 'stable', sim: { start, verdict: clock.now(), end: clock.now() } };
  } catch (error: unknown) {
    return {
      verdict: 'failure',
      detail: error instanceof Error ? error.name : 'error',
      sim: { start, verdict: clock.now(), end: clock.now() },
    };
  } finally {
    ecs.destroy();
  }
}
