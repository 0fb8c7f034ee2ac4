/**
 * ecs-deploy's watcher against the SDK waiter `waitUntilServicesStable` (what aws-actions relies on),
 * side by side in one process against the sandbox: for each scenario both deploy the same new image
 * to identical services at the same moment. Measured: time from the sandbox's ground truth (the
 * outcome decided) to each verdict, whether the verdict is right, the state the service is left in,
 * and ECS API calls per poll interval (wait phase and whole run). Results go to BENCHMARKS.md (`npm run bench:deploy`
 * is not a script; run `npx tsx bench/deploy/run.ts`).
 */
import { ECSClient, RegisterTaskDefinitionCommand, UpdateServiceCommand, waitUntilServicesStable } from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { createAwsClients } from '../../src/lib/ecs/aws-clients.js';
import { deploy } from '../../src/ecs-deploy/deploy.js';
import { DeployRecord } from '../../src/ecs-deploy/deploy-record.js';
import type { EcsDeployInputs } from '../../src/ecs-deploy/inputs.js';
import { systemClock } from '../../src/lib/ecs/deps.js';
import { writeBenchmarkSection } from '../lib/benchmarks-md.js';
import { benchService, DEREGISTRATION_SECONDS, GRACE_SECONDS, groundTruth, SCENARIOS, START_SECONDS, type Scenario } from './scenarios.js';
import { fargateTaskDefinition } from '../../sandbox/fargate-task-definition.js';

/** Simulated seconds per real second. Our poll (0.5 s real) is the default 10 s; the waiter's 15–120 s delays are scaled alike. */
const SCALE = 20;
const POLL_MS = 500;
/** The same poll interval on the sandbox clock (10 s), the unit of "calls per poll interval". */
const SIM_POLL_MS = POLL_MS * SCALE;
/** 10 simulated minutes: aws-actions waits 30 by default; a waiter that never sees "stable" stops here. */
const WAIT_MS = 30_000;

interface Outcome {
  verdict: 'success' | 'failure';
  verdictAt: number;
  detail: string;
  /** Sandbox-clock times: the run's start, its verdict and its end (for ours, after any rollback). */
  sim: { start: number; verdict: number; end: number };
}

interface Measured {
  scenario: Scenario;
  oracle: 'ecs-deploy' | 'waitUntilServicesStable';
  outcome: Outcome;
  decidedAt?: number;
  calls: number;
  /** ECS calls between UpdateService and the verdict, and the poll intervals that window spans. */
  wait: { calls: number; polls: number };
  /** Poll intervals the whole run spans. */
  polls: number;
  leftOn: string;
  good: boolean;
}

async function ours(sandbox: Sandbox, cluster: string, family: string, image: string): Promise<Outcome> {
  const clients = createAwsClients('us-east-1', 5, undefined);
  const clock = sandbox.admin.clock;
  const start = clock.now();
  let failedAt: number | undefined;
  let failedSim: number | undefined;
  const fail = () => {
    failedAt ??= Date.now();
    failedSim ??= clock.now();
  };
  const record = new DeployRecord(systemClock);
  const inputs: EcsDeployInputs = {
    region: 'us-east-1',
    taskDefinition: { kind: 'file', path: `${family}.json`, definition: fargateTaskDefinition(family, image) as never, removedKeys: [] },
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
    await deploy(inputs, { ...clients, clock: systemClock, log: { info: quiet, warning: quiet, error: fail } }, record);
  } catch (error: unknown) {
    fail();
    record.reason = error instanceof Error ? error.message : String(error);
  } finally {
    clients.destroy();
  }
  const succeeded = record.status === 'succeeded';
  const end = clock.now();
  return {
    verdict: succeeded ? 'success' : 'failure',
    verdictAt: succeeded ? Date.now() : (failedAt ?? Date.now()),
    detail: record.status,
    sim: { start, verdict: succeeded ? end : (failedSim ?? end), end },
  };
}

async function waiter(sandbox: Sandbox, cluster: string, family: string, image: string): Promise<Outcome> {
  const ecs = new ECSClient({ region: 'us-east-1' });
  const clock = sandbox.admin.clock;
  const start = clock.now();
  const outcome = await waiterVerdict(ecs, cluster, family, image);
  return { ...outcome, sim: { start, verdict: clock.now(), end: clock.now() } };
}

async function waiterVerdict(ecs: ECSClient, cluster: string, family: string, image: string): Promise<Omit<Outcome, 'sim'>> {
  try {
    const registered = await ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition(family, image) as never));
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
  const results = await Promise.all(
    runs.map(async (run) => {
      const truth = groundTruth(sandbox, run.cluster, 'web', `arn:aws:ecs:us-east-1:123456789012:task-definition/${run.family}:2`);
      const outcome =
        run.oracle === 'ecs-deploy'
          ? await ours(sandbox, run.cluster, run.family, run.image)
          : await waiter(sandbox, run.cluster, run.family, run.image);
      truth.stop();
      return { run, outcome, decidedAt: truth.decidedAt() };
    }),
  );
  if (bursts) clearInterval(bursts);
  sandbox.admin.clearFaults();
  return results.map(({ run, outcome, decidedAt }) => {
    sandbox.admin.settle(run.cluster, 'web');
    const primary = sandbox.admin.ecs.services.get(`${run.cluster}/web`)?.deployments.find((d) => d.status === 'PRIMARY');
    const ecsCalls = sandbox.admin.requests.list({ service: 'ecs' }).filter((e) => JSON.stringify(e.params ?? {}).includes(run.cluster));
    const { start, verdict, end } = outcome.sim;
    const updatedAt = ecsCalls.find((e) => e.operation === 'UpdateService')?.time ?? start;
    const ranCalls = ecsCalls.filter((e) => e.time >= start && e.time <= end);
    const waitCalls = ecsCalls.filter((e) => e.time > updatedAt && e.time <= verdict);
    const pollsIn = (ms: number) => Math.max(1, ms / SIM_POLL_MS);
    const expectedTd = scenario.expected === 'success' ? `${run.family}:2` : `${run.family}:1`;
    const leftOn = `${primary?.taskDefinitionArn.replace(/^.*\//, '') ?? '?'} ${primary?.rolloutState ?? '?'}`;
    return {
      scenario,
      oracle: run.oracle,
      outcome,
      ...(decidedAt ? { decidedAt } : {}),
      calls: ranCalls.length,
      wait: { calls: waitCalls.length, polls: pollsIn(verdict - updatedAt) },
      polls: pollsIn(end - start),
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
  const perTenMinutes = (m.calls / ((m.polls * SIM_POLL_MS) / 600_000)).toFixed(0);
  return [
    m.scenario.title,
    m.oracle,
    `${lag} ${m.oracle === 'ecs-deploy' ? onTime : ''}`.trim(),
    `${right} ${m.outcome.verdict} (${m.outcome.detail})`,
    `${m.good ? '✅' : '⚠️'} ${m.leftOn}`,
    `${m.polls.toFixed(0)}`,
    `${m.calls}`,
    perTenMinutes,
    (m.wait.calls / m.wait.polls).toFixed(2),
    (m.calls / m.polls).toFixed(2),
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
    'polls (run)',
    'ECS calls (run)',
    'ECS calls / 10 sim. min',
    'ECS calls / poll: wait',
    'ECS calls / poll: run',
  ];
  const lines = [header, header.map(() => '---'), ...measured.map(row)].map((cells) => `| ${cells.join(' | ')} |`);
  const mine = measured.filter((m) => m.oracle === 'ecs-deploy');
  const ratio = (calls: number, polls: number) => (calls / polls).toFixed(2);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const waitAverage = ratio(sum(mine.map((m) => m.wait.calls)), sum(mine.map((m) => m.wait.polls)));
  const runAverage = ratio(sum(mine.map((m) => m.calls)), sum(mine.map((m) => m.polls)));
  writeBenchmarkSection(
    'deploy',
    [
      '## ecs-deploy: watcher vs `waitUntilServicesStable`',
      '',
      `\`bench/deploy/run.ts\`, one process, sandbox clock at ${SCALE}× (times below are simulated: our poll interval is the default 10 s, the waiter's 15–120 s backoff is scaled alike, both give up after 10 simulated minutes). ` +
        'Both deploy the same new image to identical services at the same moment. Ground truth: the sandbox state in which the outcome is decided (rollout COMPLETED or FAILED, or, without a circuit breaker, the failed-task count reaching the breaker threshold).',
      '',
      `Rollout timing: 2 tasks behind a target group; the sandbox provisions and pulls in 10 s, the app then boots for ${START_SECONDS} s (old and new image alike, so rollbacks take time too), the target is judged 15 s after it runs, health check grace period ${GRACE_SECONDS} s, deregistration delay ${DEREGISTRATION_SECONDS} s; crashing images die 10 s after starting (before the target is judged). ` +
        'That is on the fast side of real Fargate rollouts (ALB defaults alone are 5 × 30 s to healthy and 300 s of draining); the sandbox defaults (2 s boot, 5 s draining) finished a rollout in ~4 polls, where the ~6 fixed calls of a deploy swamp any per-poll figure.',
      '',
      'Calls counted: every ECS request of the run, throttled ones and the SDK retries included (ELBv2 DescribeTargetHealth and CloudWatch Logs not counted). ' +
        '"wait" = calls after UpdateService up to the verdict, per poll interval of that window: one DescribeServices per poll, DescribeServiceDeployments only when deployments[] moved, ListTasks/DescribeTasks when tasks stopped. ' +
        '"run" = every call of the run (select, register, update, wait, health checks, images, and any rollback until the service settled) per poll interval of the run. ' +
        `Target for ecs-deploy: ≤ 1.5 ECS calls per poll interval on average. Averages over the ecs-deploy runs above: **wait ${waitAverage}**, **run ${runAverage}** calls per poll interval.`,
      '',
      ...lines,
      '',
      `_Measured ${new Date().toISOString().slice(0, 10)} on Node ${process.versions.node}. The waiter's "success" on a rolled-back service is the wrong verdict aws-actions reports._`,
    ].join('\n'),
  );
  console.log(`ecs-deploy averages: wait ${waitAverage}, run ${runAverage} ECS calls per poll interval`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
