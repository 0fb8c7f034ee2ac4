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

export const SCENARIOS: Scenario[] = [
  { id: 'healthy', title: 'healthy rollout', breaker: { enable: true, rollback: true }, expected: 'success' },
  {
    id: 'crash',
    title: 'crash-looping image, circuit breaker with rollback',
    behavior: { kind: 'exit', exitCode: 1 },
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
    behavior: { kind: 'exit', exitCode: 1 },
    breaker: { enable: true, rollback: false },
    expected: 'failure',
  },
  {
    id: 'throttle',
    title: 'throttling bursts during the wait',
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

/** A Fargate task definition with awslogs, as ecs-render renders it. */
export function benchTaskDefinition(family: string, image: string): Record<string, unknown> {
  return {
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    containerDefinitions: [
      {
        name: 'web',
        image,
        essential: true,
        portMappings: [{ containerPort: 8080 }],
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': `/ecs/${family}`, 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs' },
        },
      },
    ],
  };
}

/** A service on `<family>:1` that completed its first deployment, in its own cluster (so API calls can be told apart). */
export function benchService(sandbox: Sandbox, cluster: string, family: string, breaker: Scenario['breaker']): string {
  sandbox.admin.createCluster(cluster);
  const taskDefinitionArn = sandbox.admin.registerTaskDefinition(benchTaskDefinition(family, `${family}:v1`));
  const targetGroupArn = sandbox.admin.createTargetGroup({ name: family, port: 8080, deregistrationDelaySeconds: 5 });
  sandbox.admin.createService({
    cluster,
    serviceName: 'web',
    taskDefinition: taskDefinitionArn,
    desiredCount: 2,
    loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 8080 }],
    deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100, deploymentCircuitBreaker: breaker },
    healthCheckGracePeriodSeconds: 10,
  });
  sandbox.admin.settle(cluster, 'web');
  return taskDefinitionArn;
}
