import { fargateTaskDefinition } from '../../sandbox/fargate-task-definition.js';
import type { ImageBehavior, Sandbox } from '../../sandbox/index.js';

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
];

/** ECS's circuit-breaker threshold for 2 desired tasks; also the point where a failure is certain without a breaker. */
const FAILURE_THRESHOLD = 3;

/**
 * Watches the sandbox's own state (not its API) in real time and records the moment the outcome of
 * the deployment of `taskDefinitionArn` is decided: COMPLETED, FAILED, or (without a breaker) the
 * failed-task count reaching the threshold at which ECS's breaker would have tripped.
 */
export function groundTruth(
  sandbox: Sandbox,
  cluster: string,
  service: string,
  taskDefinitionArn: string,
): { stop(): void; decidedAt(): number | undefined } {
  let decided: number | undefined;
  const timer = setInterval(() => {
    if (decided !== undefined) return;
    sandbox.admin.ecs.sync();
    const deployment = sandbox.admin.ecs.services
      .get(`${cluster}/${service}`)
      ?.deployments.find((d) => d.taskDefinitionArn === taskDefinitionArn);
    if (!deployment) return;
    if (deployment.rolloutState !== 'IN_PROGRESS' || deployment.failedTasks >= FAILURE_THRESHOLD) decided = Date.now();
  }, 5);
  return { stop: () => clearInterval(timer), decidedAt: () => decided };
}

/** A service on `<family>:1` that completed its first deployment, in its own cluster (so API calls can be told apart). */
export function benchService(sandbox: Sandbox, cluster: string, family: string, breaker: Scenario['breaker']): string {
  sandbox.admin.createCluster(cluster);
  // The good image starts as slowly as the new one: a rollback back to it takes real time too.
  sandbox.admin.setImageBehavior(`${family}:v1`, HEALTHY);
  const taskDefinitionArn = sandbox.admin.registerTaskDefinition(fargateTaskDefinition(family, `${family}:v1`));
  const targetGroupArn = sandbox.admin.createTargetGroup({ name: family, port: 8080, deregistrationDelaySeconds: DEREGISTRATION_SECONDS });
  sandbox.admin.createService({
    cluster,
    serviceName: 'web',
    taskDefinition: taskDefinitionArn,
    desiredCount: 2,
    loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 8080 }],
    deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100, deploymentCircuitBreaker: breaker },
    healthCheckGracePeriodSeconds: GRACE_SECONDS,
  });
  sandbox.admin.settle(cluster, 'web');
  return taskDefinitionArn;
}
