import type { Outcome } from './oracles.js';
import { DEREGISTRATION_SECONDS, GRACE_SECONDS, START_SECONDS, type Scenario } from './scenarios.js';

/** One oracle's run of one scenario, as measured. */
export interface Measured {
  scenario: Scenario;
  oracle: 'ecs-deploy' | 'waitUntilServicesStable' | 'waitUntilDeploymentSuccessful';
  outcome: Outcome;
  /** Virtual time at which the sandbox's ground truth decided the outcome. */
  decidedAt?: number;
  services: number;
  calls: number;
  /** The run's ECS calls per operation (printed, for finding where calls go). */
  byOperation: Record<string, number>;
  /** ECS calls between the first UpdateService and the verdict, and the poll intervals that window spans. */
  wait: { calls: number; polls: number };
  /** Poll intervals the whole run spans. */
  polls: number;
  leftOn: string;
  good: boolean;
  /** Real milliseconds the scenario took (both oracles at once): the only column that varies between runs. */
  wallMs: number;
}

/** ecs-deploy's targets; a row that misses one shows ❌ and the target. */
export const TARGET_CALLS_PER_POLL_PER_SERVICE = 1.2;

const ratio = (calls: number, polls: number, services: number) => calls / polls / services;

function row(m: Measured, pollMs: number): string[] {
  const ours = m.oracle === 'ecs-deploy';
  const lagMs = m.decidedAt !== undefined ? m.outcome.sim.verdict - m.decidedAt : undefined;
  const lag =
    lagMs === undefined
      ? 'n/a'
      : `${(lagMs / 1000).toFixed(0)} s${ours ? (lagMs <= pollMs ? ' ✅' : ` ❌ (target ≤ ${pollMs / 1000} s)`) : ''}`;
  const right = m.outcome.verdict === m.scenario.expected ? '✅' : '❌';
  const run = ratio(m.calls, m.polls, m.services);
  const runCell = `${run.toFixed(2)}${ours && run > TARGET_CALLS_PER_POLL_PER_SERVICE ? ` ❌ (target ≤ ${TARGET_CALLS_PER_POLL_PER_SERVICE})` : ''}`;
  return [
    m.scenario.title,
    m.oracle,
    `${m.services} × ${m.scenario.tasks ?? 2}`,
    lag,
    `${right} ${m.outcome.verdict} (${m.outcome.detail})`,
    `${m.good ? '✅' : ours ? '❌' : '⚠️'} ${m.leftOn}`,
    m.polls.toFixed(0),
    `${m.calls}`,
    ratio(m.wait.calls, m.wait.polls, m.services).toFixed(2),
    runCell,
    ours ? whereCallsGo(m.byOperation) : '',
    (m.wallMs / 1000).toFixed(1),
  ];
}

/** Per healthy single-service row without throttling: its fixed calls F (all but one DescribeServices per interval) and the run length from which it would meet the target. */
function floors(mine: Measured[]): string {
  // CodeDeploy rows poll ListTasks and CodeDeploy instead, so the formula is not theirs.
  const healthy = mine.filter(
    (m) => m.services === 1 && m.scenario.expected === 'success' && !m.scenario.throttle && !m.scenario.id.startsWith('codedeploy'),
  );
  return healthy
    .map((m) => {
      const fixed = m.calls - Math.round(m.polls);
      return `${m.scenario.title} (${m.scenario.tasks ?? 2} tasks), ${m.calls} calls in ${m.polls.toFixed(0)} intervals, F = ${fixed}, at the target from ${Math.ceil(fixed / (TARGET_CALLS_PER_POLL_PER_SERVICE - 1) - 1e-9)} intervals`;
    })
    .join('; ');
}

/** `DescribeServices 13, UpdateService 1, …`, busiest first: where a row's calls went. */
function whereCallsGo(byOperation: Record<string, number>): string {
  return Object.entries(byOperation)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([operation, count]) => `${operation} ${count}`)
    .join(', ');
}

export function deploySection(measured: Measured[], settings: { pollMs: number; waitMs: number; seed: number }): string {
  const header = [
    'scenario',
    'oracle',
    'services × tasks',
    'ground truth → verdict',
    'verdict',
    'services left on',
    'polls (run)',
    'ECS calls (run)',
    'calls / poll / service: wait',
    'calls / poll / service: run',
    "where ecs-deploy's calls go",
    'wall s',
  ];
  const lines = [header, header.map(() => '---'), ...measured.map((m) => row(m, settings.pollMs))].map(
    (cells) => `| ${cells.join(' | ')} |`,
  );
  const mine = measured.filter((m) => m.oracle === 'ecs-deploy');
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const serviceWeighted = (pick: (m: Measured) => { calls: number; polls: number }) =>
    sum(mine.map((m) => pick(m).calls)) / sum(mine.map((m) => pick(m).polls * m.services));
  const waitAverage = serviceWeighted((m) => m.wait);
  const runAverage = serviceWeighted((m) => ({ calls: m.calls, polls: m.polls }));
  // The same without weighting by services: what one row (one step) costs on average, shared calls or not.
  const rowMean = sum(mine.map((m) => ratio(m.calls, m.polls, m.services))) / Math.max(1, mine.length);
  const missed = mine.filter(
    (m) =>
      !m.good ||
      m.outcome.verdict !== m.scenario.expected ||
      m.decidedAt === undefined ||
      m.outcome.sim.verdict - m.decidedAt > settings.pollMs ||
      ratio(m.calls, m.polls, m.services) > TARGET_CALLS_PER_POLL_PER_SERVICE,
  );
  const averageMark = runAverage <= TARGET_CALLS_PER_POLL_PER_SERVICE ? '✅' : `❌ (target ≤ ${TARGET_CALLS_PER_POLL_PER_SERVICE})`;
  return [
    '## ecs-deploy: watcher vs `waitUntilServicesStable`',
    '',
    `\`npx tsx bench/deploy/run.ts\`, one process, on one virtual clock (seed ${settings.seed}): the sandbox and both oracles read it, it moves only when every actor sleeps, and actors run one at a time, so verdicts and call counts repeat exactly from run to run (two runs' non-time columns are identical; only "wall s" varies). ` +
      `Times below are simulated: our poll interval is the default ${settings.pollMs / 1000} s; the waiter runs with its own defaults (15–120 s between polls); the SDK's retry back-off, the waiter's delays and its maxWaitTime all run on the same clock; both give up after ${settings.waitMs / 60_000} simulated minutes. ` +
      'Both deploy the same new image to identical services at the same moment. Ground truth: the sandbox state in which the outcome is decided (every rollout COMPLETED, or any one FAILED, or, without a circuit breaker, its failed-task count reaching the breaker threshold).',
    '',
    `Rollout timing: services behind target groups; the sandbox provisions and pulls in 10 s, the app then boots for ${START_SECONDS} s (old and new image alike, so rollbacks take time too), the target is judged 15 s after it runs, health check grace period ${GRACE_SECONDS} s, deregistration delay ${DEREGISTRATION_SECONDS} s; crashing images die 10 s after starting. ` +
      "Several services are deployed in one step; in the failing case one service's CloudWatch alarm goes off 40 s in and ECS rolls that one back; the verdict is all-or-nothing, so ecs-deploy rolls every other service back to its known-good revision too (the waiter, given the same list, waits for all and rolls nothing back).",
    '',
    'Calls counted: every ECS request of the run, throttled ones and the SDK retries included (ELBv2 DescribeTargetHealth, CloudWatch Logs and, in the CodeDeploy rows, CodeDeploy not counted), divided by the poll intervals the window spans and by the number of services. ' +
      '"wait" = calls after the first UpdateService up to the verdict; "run" = every call of the run (select, register, update, wait, stopped-task lookups, health checks, images, and any rollback until the services settled). ' +
      `Targets for ecs-deploy: the verdict within one poll interval of the ground truth, the right verdict, services left on the right revision, and ≤ ${TARGET_CALLS_PER_POLL_PER_SERVICE} ECS calls per poll interval per service over the run (on average over the rows; each row flagged too). ` +
      `Average over the ecs-deploy rows, per service: wait **${waitAverage.toFixed(2)}**, run **${runAverage.toFixed(2)}** ${averageMark} calls per poll interval per service; ` +
      `the mean of the rows' run figures, each row counted once whatever its number of services, is **${rowMean.toFixed(2)}** ${rowMean <= TARGET_CALLS_PER_POLL_PER_SERVICE ? '✅' : `❌ (target ≤ ${TARGET_CALLS_PER_POLL_PER_SERVICE})`}.` +
      (missed.length > 0
        ? ` **${missed.length} ecs-deploy row(s) miss a target** (marked ❌).`
        : ' Every ecs-deploy row meets its targets.'),
    '',
    "**The floor of a short run.** Each poll interval costs one DescribeServices (a verdict within one interval of the ground truth needs a look every interval), and every run has fixed calls besides: the DescribeServices that reads the service before anything changes, RegisterTaskDefinition, UpdateService, the health checks of the new tasks (ListTasks + DescribeTasks, per 100 tasks; their image digests also serve the report) and the previous revision's images for the report (one DescribeTaskDefinition or DescribeServiceRevisions). " +
      `A healthy rollout of N intervals therefore costs N + F calls, and N + F ≤ 1.2 · N only from N = 5 · F: ${floors(mine)}. At the default 10 s poll that is 5 minutes or more, about what a real rollout behind an ALB takes with its default 300 s deregistration delay; the bench's rollouts are shorter (2 minutes), so their rows stay above the target. ` +
      'A failure adds what explains it: the stopped tasks (looked up at the first failure, which catches an image that cannot be pulled at once, and again at the verdict; each task described once), the service-deployment record at the verdict (its reason and monitors), and a rollback (StopServiceDeployment or UpdateService, then one DescribeServices per interval until it settles). ' +
      "Throttled calls count too: the throttling row pays for the burst (three throttled DescribeServices every 30 s, shared with the waiter, which eats some of them) on top of the healthy row's calls. " +
      "What is not spent: no DescribeServices right after UpdateService or StopServiceDeployment (the first poll waits one interval), no service-deployment record on a rolling deployment until something fails (every poll for BLUE_GREEN, LINEAR, CANARY and lifecycle hooks, whose stages show only there), no stopped-task lookups while ECS's circuit breaker still counts failures (after the first), and none while following ECS's own rollback unless it fails. Multi-service rows share DescribeServices (10 services per call) and stay far below the target.",
    '',
    ...lines,
    '',
    `_Measured ${new Date().toISOString().slice(0, 10)} on Node ${process.versions.node}. The waiter's "success" on a rolled-back service is the wrong verdict aws-actions reports; ⚠️ marks a service the waiter left on a broken revision._`,
  ].join('\n');
}
