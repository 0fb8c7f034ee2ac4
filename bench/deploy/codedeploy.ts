import { fargateTaskDefinition } from '../../sandbox/fargate-task-definition.js';
import type { Sandbox } from '../../sandbox/index.js';
import { awsActions, HOOK_FUNCTION, ours, type CodeDeployOutcome } from './codedeploy-oracles.js';
import type { Measured } from './report.js';
import { START_SECONDS, type Scenario } from './scenarios.js';
import type { VirtualTime } from './virtual-time.js';

/**
 * The CodeDeploy rows of the deploy benchmark: a CODE_DEPLOY service deployed by ecs-deploy (which
 * follows the lifecycle events and the replacement task set) and the way aws-actions does it
 * (GetDeploymentGroup, CreateDeployment with the AppSpec, then the SDK waiter
 * `waitUntilDeploymentSuccessful` for ready wait + termination wait + wait-for-minutes), side by
 * side on the same virtual clock. Ground truth, from the sandbox's CodeDeploy record: the deployment
 * Succeeded, or its hook failed, or (crashing image) the first replacement task stopped.
 */

const HEALTHY = { kind: 'slow-start' as const, startSeconds: START_SECONDS };
/** CodeDeploy's default termination wait is an hour; 5 minutes is a common setting. */
const TERMINATION_WAIT_MINUTES = 5;

export const CODEDEPLOY_SCENARIOS: Scenario[] = [
  {
    id: 'codedeploy',
    title: 'CodeDeploy blue/green, healthy',
    behavior: HEALTHY,
    breaker: { enable: false, rollback: false },
    expected: 'success',
  },
  {
    id: 'codedeployhook',
    title: 'CodeDeploy blue/green, AfterAllowTestTraffic hook fails',
    behavior: HEALTHY,
    breaker: { enable: false, rollback: false },
    expected: 'failure',
  },
  {
    id: 'codedeploycrash',
    title: 'CodeDeploy blue/green, crash-looping image',
    behavior: { kind: 'exit', exitCode: 1, startSeconds: 10 },
    breaker: { enable: false, rollback: false },
    expected: 'failure',
  },
];

const ORACLES = ['ecs-deploy', 'waitUntilDeploymentSuccessful'] as const;

interface Settings {
  pollMs: number;
  waitMs: number;
}

export async function runCodeDeployScenario(
  sandbox: Sandbox,
  time: VirtualTime,
  scenario: Scenario,
  settings: Settings,
): Promise<Measured[]> {
  const runs = ORACLES.map((oracle) => {
    const cluster = `${scenario.id}-${oracle === 'ecs-deploy' ? 'ours' : 'waiter'}`;
    const family = `${cluster}-web`;
    sandbox.admin.createCluster(cluster);
    sandbox.admin.setImageBehavior(`${family}:v1`, HEALTHY);
    const v1 = sandbox.admin.registerTaskDefinition(fargateTaskDefinition(family, `${family}:v1`));
    sandbox.admin.codedeploy.createBlueGreenService({
      cluster,
      serviceName: 'web',
      taskDefinition: v1,
      desiredCount: 2,
      containerName: 'web',
      containerPort: 8080,
      applicationName: `AppECS-${cluster}-web`,
      deploymentGroupName: `DgpECS-${cluster}-web`,
      terminationWaitTimeInMinutes: TERMINATION_WAIT_MINUTES,
      deregistrationDelaySeconds: 30,
    });
    sandbox.admin.codedeploy.settleService(cluster, 'web');
    if (scenario.behavior) sandbox.admin.setImageBehavior(`${family}:v2`, scenario.behavior);
    return { oracle, cluster, family };
  });
  sandbox.admin.codedeploy.setHookResponse(HOOK_FUNCTION, {
    status: scenario.id === 'codedeployhook' ? 'Failed' : 'Succeeded',
    afterSeconds: 20,
  });
  const hooks = scenario.id === 'codedeployhook';
  const started = Date.now();
  const outcomes = await time.run(
    runs.map((run) => (): Promise<CodeDeployOutcome> => {
      const options = { clock: time, cluster: run.cluster, family: run.family, hooks, ...settings };
      return run.oracle === 'ecs-deploy' ? ours(options) : awsActions(options);
    }),
    [],
  );
  const wallMs = Date.now() - started;
  return runs.map((run, i) => {
    const outcome = outcomes[i] as CodeDeployOutcome;
    sandbox.admin.codedeploy.settleService(run.cluster, 'web');
    const primary = sandbox.admin.ecs.services.get(`${run.cluster}/web`)?.taskSets?.find((set) => set.status === 'PRIMARY');
    const leftOn = `${primary?.taskDefinitionArn.replace(/^.*\//, '') ?? '?'} PRIMARY`;
    const expected = `${run.family}:${scenario.expected === 'success' ? 2 : 1} PRIMARY`;
    const record = outcome.deploymentId ? sandbox.admin.codedeploy.deployment(outcome.deploymentId) : undefined;
    const decidedAt = groundTruth(sandbox, scenario, run.family, record);
    // ECS calls, as in every other row; CodeDeploy's are not counted (ours: GetDeployment and BatchGetDeploymentTargets per poll).
    const calls = sandbox.admin.requests.list({ service: 'ecs' }).filter((e) => mentions(e.params, run.cluster));
    const { start, verdict, end } = outcome.sim;
    const runCalls = calls.filter((e) => e.time >= start && e.time <= end);
    const createdAt =
      sandbox.admin.requests.list({ service: 'codedeploy', operation: 'CreateDeployment' }).find((e) => mentions(e.params, run.cluster))
        ?.time ?? start;
    return {
      scenario,
      oracle: run.oracle,
      outcome,
      ...(decidedAt !== undefined ? { decidedAt } : {}),
      services: 1,
      calls: runCalls.length,
      byOperation: Object.fromEntries(
        [...new Set(runCalls.map((e) => e.operation))].map((op) => [op, runCalls.filter((e) => e.operation === op).length]),
      ),
      wait: {
        calls: calls.filter((e) => e.time > createdAt && e.time <= verdict).length,
        polls: Math.max(1, (verdict - createdAt) / settings.pollMs),
      },
      polls: Math.max(1, (end - start) / settings.pollMs),
      leftOn,
      good: leftOn === expected,
      wallMs,
    };
  });
}

/**
 * The moment the outcome is decided: Succeeded, the failed hook's end, or (crashing image, which
 * CodeDeploy itself only fails after Install's hour) the first replacement task that stopped.
 */
function groundTruth(
  sandbox: Sandbox,
  scenario: Scenario,
  family: string,
  record: ReturnType<Sandbox['admin']['codedeploy']['deployment']>,
): number | undefined {
  if (scenario.id === 'codedeploycrash') {
    const crashed = [...sandbox.admin.ecs.tasks.values()]
      .filter((task) => task.taskDefinitionArn.endsWith(`/${family}:2`) && task.stoppedAt !== undefined)
      .map((task) => task.stoppedAt ?? Infinity);
    return crashed.length > 0 ? Math.min(...crashed) : undefined;
  }
  const failedEvent = record?.events.find((event) => event.status === 'Failed');
  if (failedEvent?.endTime !== undefined) return failedEvent.endTime;
  return record?.status === 'Succeeded' ? record.completeTime : undefined;
}

/** A request of this run: it names the run's cluster (ECS calls, and CodeDeploy's AppECS-<cluster>-web names). */
function mentions(params: unknown, cluster: string): boolean {
  return JSON.stringify(params ?? {}).includes(cluster);
}
