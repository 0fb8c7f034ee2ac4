import { fargateTaskDefinition } from '../../sandbox/fargate-task-definition.js';
import type { ImageBehavior, Sandbox } from '../../sandbox/index.js';
import { settledWebService } from '../../sandbox/web-service.js';

/**
 * The deploy benchmark's scenarios: what the new image does, how the service's circuit breaker is
 * set, what the right verdict is, and when the sandbox's ground truth says the outcome is decided.
 */

export interface Scenario {
  id: string;
  title: string;
  behavior?: ImageBehavior;
  breaker: { enable: boolean; rollback: boolean };
  expected: 'success' | 'failure';
  /** Throttling bursts on DescribeServices during the wait. */
  throttle?: boolean;
  /** Tasks per service (default 2). */
  tasks?: number;
  /** Services deployed in one step (default 1); with `failingService`, that one's alarm goes off mid-rollout. */
  services?: number;
  failingService?: number;
}

/**
 * Rollout timing close to a small Fargate service behind an ALB, on the fast side of real: the
 * sandbox takes 10 s to provision and pull; the app then needs START_SECONDS to boot (JVM/Rails/
 * migrations-check style start-ups take 30–90 s), the ALB judges a target 15 s after it runs (real
 * defaults: 5 × 30 s), the scheduler ignores failing checks for the grace period, and old targets
 * drain for DEREGISTRATION_SECONDS (real default 300 s). Without these the sandbox's defaults finish a
 * rollout in ~40 s (4 polls), far shorter than any real one.
 */
export const START_SECONDS = 60;
export const GRACE_SECONDS = 60;
export const DEREGISTRATION_SECONDS = 30;
/** A bad build usually boots, then dies on its first real work (a missing env var, a failed DB connection). */
const CRASH_AFTER_SECONDS = 10;
const HEALTHY: ImageBehavior = { kind: 'slow-start', startSeconds: START_SECONDS };

export const SCENARIOS: Scenario[] = [
  { id: 'healthy', title: 'healthy rollout', behavior: HEALTHY, breaker: { enable: true, rollback: true }, expected: 'success' },
  {
    id: 'crash',
    title: 'crash-looping image, circuit breaker with rollback',
    behavior: { kind: 'exit', exitCode: 1, startSeconds: CRASH_AFTER_SECONDS },
    breaker: { enable: true, rollback: true },
    expected: 'failure',
  },
  {
    id: 'target',
    title: 'failing target-group health, no circuit breaker',
    behavior: { kind: 'unhealthy-target' },
    breaker: { enable: false, rollback: false },
    expected: 'failure',
  },
  {
    id: 'norollback',
    title: 'circuit breaker without rollback',
    behavior: { kind: 'exit', exitCode: 1, startSeconds: CRASH_AFTER_SECONDS },
    breaker: { enable: true, rollback: false },
    expected: 'failure',
  },
  {
    id: 'throttle',
    title: 'throttling bursts during the wait',
    behavior: HEALTHY,
    breaker: { enable: true, rollback: true },
    expected: 'success',
    throttle: true,
  },
  {
    id: 'large',
    title: '200 tasks, healthy',
    behavior: HEALTHY,
    breaker: { enable: true, rollback: true },
    expected: 'success',
    tasks: 200,
  },
  {
    id: 'largecrash',
    title: '200 tasks, crash-looping image',
    behavior: { kind: 'exit', exitCode: 1, startSeconds: CRASH_AFTER_SECONDS },
    breaker: { enable: true, rollback: true },
    expected: 'failure',
    tasks: 200,
  },
  {
    id: 'largetarget',
    title: '200 tasks, failing target-group health, no circuit breaker',
    behavior: { kind: 'unhealthy-target' },
    breaker: { enable: false, rollback: false },
    expected: 'failure',
    tasks: 200,
  },
  {
    id: 'multi',
    title: '10 services in one step, all healthy',
    behavior: HEALTHY,
    breaker: { enable: true, rollback: true },
    expected: 'success',
    services: 10,
  },
  {
    id: 'multifail',
    title: "10 services in one step, one's alarm fires",
    behavior: HEALTHY,
    breaker: { enable: true, rollback: true },
    expected: 'failure',
    services: 10,
    failingService: 6,
  },
];

/** When the failing service's alarm goes off: mid-rollout, its new tasks still booting. */
export const ALARM_AFTER_SECONDS = 40;

/** `web` for one service, `web-0` … `web-9` for several. */
export function serviceNames(scenario: Scenario): string[] {
  const count = scenario.services ?? 1;
  return count === 1 ? ['web'] : Array.from({ length: count }, (_, i) => `web-${i}`);
}

export function alarmName(cluster: string, service: string): string {
  return `${cluster}-${service}-5xx`;
}

/** ECS's circuit-breaker threshold (half the desired count, 3 to 200); also the point where a failure is certain without a breaker. */
function failureThreshold(desired: number): number {
  return Math.min(200, Math.max(3, Math.ceil(desired / 2)));
}

/**
 * The sandbox's own state (not its API), looked at every simulated second: the moment the outcome of
 * the deployments of `taskDefinitionArn` is decided — any service's deployment FAILED (or, without a
 * breaker, its failed-task count at the threshold where ECS's breaker would have tripped), or every
 * one COMPLETED. Runs as a daemon on virtual time.
 */
export function groundTruth(
  sandbox: Sandbox,
  cluster: string,
  services: string[],
  taskDefinitionArn: string,
): { probe(sleep: (ms: number) => Promise<void>): Promise<void>; decidedAt(): number | undefined } {
  let decided: number | undefined;
  const look = () => {
    sandbox.admin.ecs.sync();
    const states = services.map((service) => {
      const record = sandbox.admin.ecs.services.get(`${cluster}/${service}`);
      const deployment = record?.deployments.find((d) => d.taskDefinitionArn === taskDefinitionArn);
      if (!record || !deployment) return 'pending';
      const threshold = failureThreshold(record.desiredCount);
      if (deployment.rolloutState === 'FAILED' || deployment.failedTasks >= threshold) return 'failed';
      return deployment.rolloutState === 'COMPLETED' ? 'completed' : 'pending';
    });
    if (states.includes('failed') || states.every((state) => state === 'completed')) decided = sandbox.admin.clock.now();
  };
  return {
    async probe(sleep) {
      while (decided === undefined) {
        look();
        await sleep(1000);
      }
    },
    decidedAt: () => decided,
  };
}

/**
 * The scenario's services on `<family>:1`, each having completed its first deployment, in their own
 * cluster (so API calls can be told apart); each watches its own CloudWatch alarm.
 */
export function benchServices(sandbox: Sandbox, cluster: string, family: string, scenario: Scenario): string {
  sandbox.admin.createCluster(cluster);
  // The good image starts as slowly as the new one: a rollback back to it takes time too.
  sandbox.admin.setImageBehavior(`${family}:v1`, HEALTHY);
  const taskDefinitionArn = sandbox.admin.registerTaskDefinition(fargateTaskDefinition(family, `${family}:v1`));
  for (const service of serviceNames(scenario)) {
    sandbox.admin.setAlarmState(alarmName(cluster, service), 'OK');
    settledWebService(sandbox.admin, {
      cluster,
      name: service,
      taskDefinitionArn,
      targetGroup: { name: `${cluster}-${service}`, deregistrationDelaySeconds: DEREGISTRATION_SECONDS },
      desiredCount: scenario.tasks ?? 2,
      deploymentConfiguration: {
        deploymentCircuitBreaker: scenario.breaker,
        alarms: { alarmNames: [alarmName(cluster, service)], enable: true, rollback: true },
      },
      healthCheckGracePeriodSeconds: GRACE_SECONDS,
    });
  }
  return taskDefinitionArn;
}
