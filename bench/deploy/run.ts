/**
 * ecs-deploy's watcher against the SDK waiter `waitUntilServicesStable` (what aws-actions relies on),
 * side by side in one process against the sandbox: for each scenario both deploy the same new image
 * to identical services at the same moment. Measured: time from the sandbox's ground truth (the
 * outcome decided) to each verdict, whether the verdict is right, the state the service is left in,
 * and ECS API calls per simulated 10 minutes. Results go to BENCHMARKS.md (`npm run bench:deploy`
 * is not a script; run `npx tsx bench/deploy/run.ts`).
 */
import { ECSClient, RegisterTaskDefinitionCommand, UpdateServiceCommand, waitUntilServicesStable } from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { createAwsClients } from '../../src/ecs-deploy/aws-clients.js';
import { deploy } from '../../src/ecs-deploy/deploy.js';
import { DeployRecord } from '../../src/ecs-deploy/deploy-record.js';
import type { EcsDeployInputs } from '../../src/ecs-deploy/inputs.js';
import { systemClock } from '../../src/lib/ecs/deps.js';
import { writeBenchmarkSection } from '../lib/benchmarks-md.js';
import { benchService, benchTaskDefinition, groundTruth, SCENARIOS, type Scenario } from './scenarios.js';

/** Simulated seconds per real second. Our poll (0.5 s real) is the default 10 s; the waiter's 15–120 s delays are scaled alike. */
const SCALE = 20;
const POLL_MS = 500;
/** 10 simulated minutes: aws-actions waits 30 by default; a waiter that never sees "stable" stops here. */
const WAIT_MS = 30_000;

interface Outcome {
  verdict: 'success' | 'failure';
  verdictAt: number;
  detail: string;
}

interface Measured {
  scenario: Scenario;
  oracle: 'ecs-deploy' | 'waitUntilServicesStable';
  outcome: Outcome;
  decidedAt?: number;
  calls: number;
  durationMs: number;
  leftOn: string;
  good: boolean;
}

async function ours(sandbox: Sandbox, cluster: string, family: string, image: string): Promise<Outcome> {
  const clients = createAwsClients('us-east-1', 5, undefined);
  let failedAt: number | undefined;
  const record = new DeployRecord(systemClock);
  const inputs: EcsDeployInputs = {
    region: 'us-east-1',
    taskDefinition: { kind: 'file', path: `${family}.json`, definition: benchTaskDefinition(family, image) as never, removedKeys: [] },
    cluster,
    service: 'web',
    forceNewDeployment: false,
    waitForStability: true,
    waitMs: WAIT_MS,
    pollIntervalMs: POLL_MS,
    maxRetries: 5,
    rollbackOnFailure: true,
  };
  const quiet = () => undefined;
  try {
    await deploy(
      inputs,
      { ...clients, clock: systemClock, log: { info: quiet, warning: quiet, error: () => (failedAt ??= Date.now()) } },
      record,
    );
  } catch (error: unknown) {
    failedAt ??= Date.now();
    record.reason = error instanceof Error ? error.message : String(error);
  } finally {
    clients.destroy();
  }
  void sandbox;
  const succeeded = record.status === 'succeeded';
  return {
    verdict: succeeded ? 'success' : 'failure',
    verdictAt: succeeded ? Date.now() : (failedAt ?? Date.now()),
    detail: record.status,
  };
}

async function waiter(cluster: string, family: string, image: string): Promise<Outcome> {
  const ecs = new ECSClient({ region: 'us-east-1' });
  try {
    const registered = await ecs.send(new RegisterTaskDefinitionCommand(benchTaskDefinition(family, image) as never));
    await ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: registered.taskDefinition?.taskDefinitionArn }));
    await waitUntilServicesStable(
      { client: ecs, maxWaitTime: WAIT_MS / 1000, minDelay: 15 / SCALE, maxDelay: 120 / SCALE },
      { cluster, services: ['web'] },
    );
    return { verdict: 'success', verdictAt: Date.now(), detail: 'stable' };
  } catch (error: unknown) {
    return { verdict: 'failure', verdictAt: Date.now(), detail: error instanceof Error ? error.name : 'error' };
  } finally {
    ecs.destroy();
  }
}

async function runScenario(sandbox: Sandbox, scenario: Scenario): Promise<Measured[]> {
  const runs = (['ecs-deploy', 'waitUntilServicesStable'] as const).map((oracle) => {
    const cluster = `${scenario.id}-${oracle === 'ecs-deploy' ? 'ours' : 'waiter'}`;
    const family = `${cluster}-web`;
    const good = benchService(sandbox, cluster, family, scenario.breaker);
    const image = `${family}:v2`;
    if (scenario.behavior) sandbox.admin.setImageBehavior(image, scenario.behavior);
    return { oracle, cluster, family, good, image };
  });
  const bursts = scenario.throttle
    ? setInterval(() => sandbox.admin.injectFault({ service: 'ecs', operation: 'DescribeServices', kind: 'throttle', count: 3 }), 1500)
    : undefined;
  const started = Date.now();
  const results = await Promise.all(
    runs.map(async (run) => {
      const truth = groundTruth(sandbox, run.cluster, 'web', `arn:aws:ecs:us-east-1:123456789012:task-definition/${run.family}:2`);
      const outcome =
        run.oracle === 'ecs-deploy'
          ? await ours(sandbox, run.cluster, run.family, run.image)
          : await waiter(run.cluster, run.family, run.image);
      truth.stop();
      return { run, outcome, decidedAt: truth.decidedAt(), durationMs: Date.now() - started };
    }),
  );
  if (bursts) clearInterval(bursts);
  sandbox.admin.clearFaults();
  return results.map(({ run, outcome, decidedAt, durationMs }) => {
    sandbox.admin.settle(run.cluster, 'web');
    const primary = sandbox.admin.ecs.services.get(`${run.cluster}/web`)?.deployments.find((d) => d.status === 'PRIMARY');
    const calls = sandbox.admin.requests
      .list({ service: 'ecs' })
      .filter((e) => JSON.stringify(e.params ?? {}).includes(run.cluster)).length;
    const expectedTd = scenario.expected === 'success' ? `${run.family}:2` : `${run.family}:1`;
    const leftOn = `${primary?.taskDefinitionArn.replace(/^.*\//, '') ?? '?'} ${primary?.rolloutState ?? '?'}`;
    return {
      scenario,
      oracle: run.oracle,
      outcome,
      ...(decidedAt ? { decidedAt } : {}),
      calls,
      durationMs,
      leftOn,
      good: leftOn === `${expectedTd} COMPLETED`,
    };
  });
}

function row(m: Measured): string[] {
  const lagMs = m.decidedAt !== undefined ? m.outcome.verdictAt - m.decidedAt : undefined;
  const lag = lagMs === undefined ? 'n/a' : `${((lagMs * SCALE) / 1000).toFixed(0)} s`;
  // One poll interval (scaled) plus 1 s of real processing time, which the sandbox clock does not shrink.
  const onTime = lagMs !== undefined && lagMs <= POLL_MS + 1000 ? '✅' : '❌';
  const right = m.outcome.verdict === m.scenario.expected ? '✅' : '❌';
  const perTenMinutes = (m.calls / ((m.durationMs * SCALE) / 600_000)).toFixed(0);
  const perPoll = (m.calls / (m.durationMs / POLL_MS)).toFixed(2);
  return [
    m.scenario.title,
    m.oracle,
    `${lag} ${m.oracle === 'ecs-deploy' ? onTime : ''}`.trim(),
    `${right} ${m.outcome.verdict} (${m.outcome.detail})`,
    `${m.good ? '✅' : '⚠️'} ${m.leftOn}`,
    perTenMinutes,
    perPoll,
  ];
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ timeScale: SCALE, seed: 11 });
  Object.assign(process.env, sandbox.env);
  const measured: Measured[] = [];
  try {
    for (const scenario of SCENARIOS) {
      const results = await runScenario(sandbox, scenario);
      for (const result of results) console.log(row(result).join(' | '));
      measured.push(...results);
    }
  } finally {
    await sandbox.stop();
  }
  const header = [
    'scenario',
    'oracle',
    'ground truth → verdict (simulated)',
    'verdict',
    'service left on',
    'ECS calls / 10 sim. min',
    'ECS calls / poll interval',
  ];
  const lines = [header, header.map(() => '---'), ...measured.map(row)].map((cells) => `| ${cells.join(' | ')} |`);
  writeBenchmarkSection(
    'deploy',
    [
      '## ecs-deploy: watcher vs `waitUntilServicesStable`',
      '',
      `\`bench/deploy/run.ts\`, one process, sandbox clock at ${SCALE}× (times below are simulated: our poll interval is the default 10 s, the waiter's 15–120 s backoff is scaled alike, both give up after 10 simulated minutes). ` +
        'Both deploy the same new image to identical services at the same moment. Ground truth: the sandbox state in which the outcome is decided (rollout COMPLETED or FAILED, or, without a circuit breaker, the failed-task count reaching the breaker threshold). ' +
        'Fixed per-deploy calls (select, register, update, health checks, digests: about 9) dominate these short simulated rollouts of a few polls; over a real rollout of 30+ polls the wait itself costs one DescribeServices per poll plus a DescribeServiceDeployments when something moved. Targets for ecs-deploy: verdict within one poll interval + 1 s of ground truth, the right verdict, the service left on a completed good revision, ≤ 1.5 ECS calls per poll interval.',
      '',
      ...lines,
      '',
      `_Measured ${new Date().toISOString().slice(0, 10)} on Node ${process.versions.node}. The waiter's "success" on a rolled-back service is the wrong verdict aws-actions reports._`,
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
