/**
 * ecs-deploy's watcher against the SDK waiter `waitUntilServicesStable` (what aws-actions relies on),
 * side by side in one process against the sandbox: for each scenario both deploy the same new image
 * to identical services at the same moment. Measured: time from the sandbox's ground truth (the
 * outcome decided) to each verdict, whether the verdict is right, the state the services are left
 * in, and ECS API calls per poll interval per service. Everything runs on one virtual clock
 * (virtual-time.ts), so verdicts and call counts repeat exactly from run to run; only wall times vary.
 * Results go to BENCHMARKS.md (`npx tsx bench/deploy/run.ts`; `--no-write` only prints).
 */
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { writeBenchmarkSection } from '../lib/benchmarks-md.js';
import { runOracle, type Outcome } from './oracles.js';
import { CODEDEPLOY_SCENARIOS, runCodeDeployScenario } from './codedeploy.js';
import { alarmName, ALARM_AFTER_SECONDS, benchServices, groundTruth, SCENARIOS, serviceNames, type Scenario } from './scenarios.js';
import { deploySection, type Measured } from './report.js';
import { virtualizeGlobals, VirtualTime } from './virtual-time.js';

/** Our poll interval (the action's default), and the unit of "calls per poll interval". */
export const POLL_MS = 10_000;
/** aws-actions waits 30 minutes by default; both give up after 10 simulated minutes here. */
export const WAIT_MS = 600_000;
/** Fixed: the seed drives the sandbox's ids and every actor's random numbers. */
const SEED = 11;
const START = Date.UTC(2026, 0, 5, 9, 0, 0);
/** Throttling bursts: 3 throttled DescribeServices every 30 simulated seconds. */
const BURST_EVERY_MS = 30_000;

const ORACLES = ['ecs-deploy', 'waitUntilServicesStable'] as const;
/** `--trace`: print each ECS call of ecs-deploy's runs with its simulated time, for finding where calls go. */
const TRACE = process.argv.includes('--trace');

async function runScenario(sandbox: Sandbox, time: VirtualTime, scenario: Scenario): Promise<Measured[]> {
  const runs = ORACLES.map((oracle) => {
    const cluster = `${scenario.id}-${oracle === 'ecs-deploy' ? 'ours' : 'waiter'}`;
    const family = `${cluster}-web`;
    benchServices(sandbox, cluster, family, scenario);
    const image = `${family}:v2`;
    if (scenario.behavior) sandbox.admin.setImageBehavior(image, scenario.behavior);
    const services = serviceNames(scenario);
    const truth = groundTruth(sandbox, cluster, services, `arn:aws:ecs:us-east-1:123456789012:task-definition/${family}:2`);
    return { oracle, cluster, family, image, services, truth };
  });
  const sleep = (ms: number) => time.sleep(ms);
  const daemons = [
    ...runs.map((run) => () => run.truth.probe(sleep)),
    ...(scenario.throttle
      ? [
          async () => {
            for (;;) {
              sandbox.admin.injectFault({ service: 'ecs', operation: 'DescribeServices', kind: 'throttle', count: 3 });
              await sleep(BURST_EVERY_MS);
            }
          },
        ]
      : []),
    ...(scenario.failingService !== undefined
      ? runs.map((run) => async () => {
          await sleep(ALARM_AFTER_SECONDS * 1000);
          sandbox.admin.setAlarmState(alarmName(run.cluster, run.services[scenario.failingService ?? 0] ?? ''), 'ALARM');
        })
      : []),
  ];
  const started = Date.now();
  const outcomes = await time.run(
    runs.map(
      (run) => async (): Promise<Outcome> =>
        runOracle(run.oracle, {
          clock: time,
          cluster: run.cluster,
          family: run.family,
          image: run.image,
          services: run.services,
          pollMs: POLL_MS,
          waitMs: WAIT_MS,
        }),
    ),
    daemons,
  );
  const wallMs = Date.now() - started;
  sandbox.admin.clearFaults();
  return runs.map((run, i) => {
    const outcome = outcomes[i] as Outcome;
    for (const service of run.services) {
      sandbox.admin.setAlarmState(alarmName(run.cluster, service), 'OK');
      sandbox.admin.settle(run.cluster, service);
    }
    const leftOn = run.services.map((service) => {
      const primary = sandbox.admin.ecs.services.get(`${run.cluster}/${service}`)?.deployments.find((d) => d.status === 'PRIMARY');
      return `${primary?.taskDefinitionArn.replace(/^.*\//, '') ?? '?'} ${primary?.rolloutState ?? '?'}`;
    });
    // The run's own cluster, exactly: `crash-ours` must not also count the calls of `largecrash-ours`.
    const ours = new RegExp(`(^|[^a-z0-9-])${run.cluster}(?![a-z0-9])`);
    const ecsCalls = sandbox.admin.requests.list({ service: 'ecs' }).filter((e) => ours.test(JSON.stringify(e.params ?? {})));
    const { start, verdict, end } = outcome.sim;
    const updatedAt = ecsCalls.find((e) => e.operation === 'UpdateService')?.time ?? start;
    const expectedTd = scenario.expected === 'success' ? `${run.family}:2` : `${run.family}:1`;
    const decidedAt = run.truth.decidedAt();
    if (TRACE && run.oracle === 'ecs-deploy') traceCalls(scenario.id, ecsCalls, start, decidedAt);
    return {
      scenario,
      oracle: run.oracle,
      outcome,
      ...(decidedAt !== undefined ? { decidedAt } : {}),
      services: run.services.length,
      calls: ecsCalls.filter((e) => e.time >= start && e.time <= end).length,
      byOperation: countBy(ecsCalls.filter((e) => e.time >= start && e.time <= end).map((e) => e.operation)),
      wait: {
        calls: ecsCalls.filter((e) => e.time > updatedAt && e.time <= verdict).length,
        polls: Math.max(1, (verdict - updatedAt) / POLL_MS),
      },
      polls: Math.max(1, (end - start) / POLL_MS),
      leftOn: summarizeLeftOn(leftOn),
      good: leftOn.every((state) => state === `${expectedTd} COMPLETED`),
      wallMs: wallMs,
    };
  });
}

function traceCalls(id: string, calls: { time: number; operation: string; status: number }[], start: number, decidedAt?: number): void {
  const at = (time: number) => `${((time - start) / 1000).toFixed(1)} s`;
  console.log(`${id}: ground truth at ${decidedAt === undefined ? 'n/a' : at(decidedAt)}`);
  for (const call of calls.filter((c) => c.time >= start))
    console.log(`  ${at(call.time)} ${call.operation}${call.status === 200 ? '' : ` (${call.status})`}`);
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** `web:2 COMPLETED` once for services that all ended the same, else each. */
function summarizeLeftOn(states: string[]): string {
  const distinct = [...new Set(states)];
  return distinct.length === 1 && states.length > 1 ? `${states.length} × ${distinct[0]}` : states.join(', ');
}

async function main(): Promise<void> {
  const write = !process.argv.includes('--no-write');
  const only = process.argv
    .find((arg) => arg.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const time = new VirtualTime(START, SEED);
  const restore = virtualizeGlobals(time);
  const sandbox = await startSandbox({ clock: time, seed: SEED });
  Object.assign(process.env, sandbox.env);
  const measured: Measured[] = [];
  try {
    for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.id))) {
      const results = await runScenario(sandbox, time, scenario);
      for (const result of results) console.log(JSON.stringify(rowFacts(result)));
      measured.push(...results);
    }
    // CODE_DEPLOY services beside aws-actions' CodeDeploy waiter (codedeploy.ts).
    for (const scenario of CODEDEPLOY_SCENARIOS.filter((s) => !only || only.includes(s.id))) {
      const results = await runCodeDeployScenario(sandbox, time, scenario, { pollMs: POLL_MS, waitMs: WAIT_MS });
      for (const result of results) console.log(JSON.stringify(rowFacts(result)));
      measured.push(...results);
    }
  } finally {
    await sandbox.stop();
    restore();
  }
  const section = deploySection(measured, { pollMs: POLL_MS, waitMs: WAIT_MS, seed: SEED });
  if (write) writeBenchmarkSection('deploy', section);
  else console.log(section);
}

/** What must repeat exactly between two runs (everything but wall time), one JSON line per row. */
function rowFacts(m: Measured): Record<string, unknown> {
  return {
    scenario: m.scenario.id,
    oracle: m.oracle,
    verdict: m.outcome.verdict,
    detail: m.outcome.detail,
    lagMs: m.decidedAt === undefined ? null : m.outcome.sim.verdict - m.decidedAt,
    leftOn: m.leftOn,
    calls: m.calls,
    waitCalls: m.wait.calls,
    polls: m.polls,
    byOperation: m.byOperation,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
