/** The ECS sandbox's internal state. Times are sandbox-clock milliseconds; views turn them into API shapes. */

export type Tag = { key: string; value: string };

/**
 * ServiceDeployment.lifecycleStage values of a blue/green deployment (RECONCILE_SERVICE is never
 * entered here). Declared with the records that hold it; blue-green.ts steps through them.
 */
export type LifecycleStage =
  | 'RECONCILE_SERVICE'
  | 'PRE_SCALE_UP'
  | 'SCALE_UP'
  | 'POST_SCALE_UP'
  | 'TEST_TRAFFIC_SHIFT'
  | 'POST_TEST_TRAFFIC_SHIFT'
  | 'PRODUCTION_TRAFFIC_SHIFT'
  | 'POST_PRODUCTION_TRAFFIC_SHIFT'
  | 'BAKE_TIME'
  | 'CLEAN_UP';

export interface TaskDefinitionRecord {
  arn: string;
  family: string;
  revision: number;
  status: 'ACTIVE' | 'INACTIVE';
  /** What was registered (without tags), as sent. */
  body: Record<string, unknown>;
  containers: ContainerSpec[];
  tags: Tag[];
  registeredAt: number;
  registeredBy: string;
  deregisteredAt?: number;
}

export interface ContainerSpec {
  name: string;
  image: string;
  essential: boolean;
  hasHealthCheck: boolean;
  logGroup?: string;
  logStreamPrefix?: string;
}

export interface ClusterRecord {
  name: string;
  arn: string;
  createdAt: number;
  /** As given to CreateCluster; DescribeClusters returns them with `include: ['TAGS']`. */
  tags?: Tag[];
  /** Set by admin: every placement fails with this reason. */
  placementFailure?: string;
  /** Only tasks of this task definition (`family:revision` or ARN) fail to place, as when only the new revision does not fit. */
  placementFailureFor?: string;
}

export interface LoadBalancerSpec {
  targetGroupArn: string;
  containerName: string;
  containerPort: number;
}

export interface CircuitBreakerSpec {
  enable: boolean;
  rollback: boolean;
  resetOnHealthyTask?: boolean;
  /** BOUNDED_PERCENT: `value` percent of the desired count, clamped to 3..200 (default 50). */
  thresholdConfiguration?: { type?: string; value?: number };
}

export interface DeploymentConfigurationSpec {
  /** ROLLING (the default) or BLUE_GREEN; LINEAR and CANARY are not modelled. */
  strategy: 'ROLLING' | 'BLUE_GREEN';
  /** Blue/green: minutes both revisions run after production traffic shifted (0 when not given). */
  bakeTimeInMinutes?: number;
  maximumPercent: number;
  minimumHealthyPercent: number;
  deploymentCircuitBreaker: CircuitBreakerSpec;
  alarms: { alarmNames: string[]; enable: boolean; rollback: boolean };
}

export type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface DeploymentRecord {
  id: string;
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  taskDefinitionArn: string;
  revisionArn: string;
  serviceDeploymentArn: string;
  createdAt: number;
  updatedAt: number;
  rolloutState: RolloutState;
  rolloutStateReason: string;
  failedTasks: number;
  /** Failures the circuit breaker counts (reset when a task turns healthy, unless told not to). */
  breakerFailures: number;
  /** A failed deployment without rollback stops launching tasks. */
  launching: boolean;
}

export type ServiceDeploymentStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'STOP_REQUESTED'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';

export interface ServiceDeploymentRecord {
  id: string;
  arn: string;
  serviceName: string;
  clusterName: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  stoppedAt?: number;
  updatedAt: number;
  sourceRevisionArns: string[];
  targetRevisionArn: string;
  deploymentId: string;
  status: ServiceDeploymentStatus;
  statusReason?: string;
  configuration: DeploymentConfigurationSpec;
  breakerStatus: 'DISABLED' | 'MONITORING' | 'MONITORING_COMPLETE' | 'TRIGGERED';
  breakerThreshold: number;
  /** CloudWatch alarms of `configuration.alarms`, as ServiceDeploymentAlarms reports them. */
  alarmsStatus: 'DISABLED' | 'MONITORING' | 'MONITORING_COMPLETE' | 'TRIGGERED';
  triggeredAlarmNames?: string[];
  /** Alarms already in ALARM when the deployment started, which ECS does not count until they go OK. */
  alarmsIgnored?: Set<string>;
  /** Blue/green only: the stage the deployment is in, and since when (sandbox ms). */
  lifecycleStage?: LifecycleStage;
  lifecycleStageAt?: number;
  rollback?: { reason: string; startedAt: number; serviceRevisionArn: string };
  rollbackDeploymentId?: string;
  /** Set by StopServiceDeployment; acted on at the next simulation step. */
  rollbackRequested?: boolean;
}

export interface ServiceRevisionRecord {
  arn: string;
  serviceArn: string;
  clusterArn: string;
  taskDefinitionArn: string;
  containerImages: { containerName: string; imageDigest: string; image: string }[];
  loadBalancers: LoadBalancerSpec[];
  networkConfiguration?: unknown;
  createdAt: number;
}

export interface ServiceEvent {
  id: string;
  createdAt: number;
  message: string;
  /** Events that count things done together (targets registered in one step): what they count and how many. */
  batch?: { key: string; count: number };
}

export interface ServiceRecord {
  name: string;
  arn: string;
  clusterName: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  desiredCount: number;
  taskDefinitionArn: string;
  launchType: string;
  networkConfiguration?: unknown;
  loadBalancers: LoadBalancerSpec[];
  deploymentConfiguration: DeploymentConfigurationSpec;
  healthCheckGracePeriodSeconds: number;
  createdAt: number;
  createdBy: string;
  tags: Tag[];
  propagateTags: string;
  enableECSManagedTags: boolean;
  /** Newest first, as DescribeServices returns them. */
  events: ServiceEvent[];
  /** Every deployment ever made, newest first; INACTIVE ones are not shown. */
  deployments: DeploymentRecord[];
  lastCompletedDeploymentId?: string;
  /** One-shot event messages already emitted (so a stuck deployment does not repeat them every step). */
  emittedOnce: Set<string>;
}

export type TaskStatus = 'PROVISIONING' | 'PENDING' | 'ACTIVATING' | 'RUNNING' | 'DEACTIVATING' | 'STOPPED';
export type TargetState = 'initial' | 'healthy' | 'unhealthy' | 'draining';

export interface ContainerRecord {
  spec: ContainerSpec;
  arn: string;
  runtimeId: string;
  imageDigest: string;
  lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED';
  healthStatus: 'UNKNOWN' | 'HEALTHY' | 'UNHEALTHY';
  exitCode?: number;
  reason?: string;
}

/** Where the task's fate is decided: times (sandbox ms) computed from the image behaviours at launch. */
export interface TaskPlan {
  pendingAt: number;
  pullDoneAt: number;
  /** Undefined when the image cannot be pulled. */
  runningAt?: number;
  pullError?: string;
  /** An essential container exits at this time with this code. */
  exitAt?: number;
  exitCode?: number;
  exitContainer?: string;
  containerHealthyAt?: number;
  containerUnhealthyAt?: number;
  unhealthyContainer?: string;
  /** When the load balancer decides about the target. */
  targetVerdictAt?: number;
  targetHealthy: boolean;
}

export interface TaskRecord {
  id: string;
  arn: string;
  clusterName: string;
  taskDefinitionArn: string;
  group: string;
  startedBy?: string;
  serviceName?: string;
  deploymentId?: string;
  createdAt: number;
  version: number;
  lastStatus: TaskStatus;
  desiredStatus: 'RUNNING' | 'STOPPED';
  cpu: string;
  memory: string;
  privateIp: string;
  subnetId: string;
  eniId: string;
  attachmentId: string;
  macAddress: string;
  containers: ContainerRecord[];
  plan: TaskPlan;
  overrides: unknown;
  tags: Tag[];
  loadBalancers: LoadBalancerSpec[];
  healthCheckGraceSeconds: number;
  connectivityAt?: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  stoppingAt?: number;
  stoppedAt?: number;
  executionStoppedAt?: number;
  stoppedReason?: string;
  stopCode?: string;
  /** Why the scheduler should count this stop: a failure counts for the circuit breaker, a scale-in does not. */
  stopCause?: 'failure' | 'scheduler' | 'user';
  targetState?: TargetState;
  /** When a draining target is gone and the task can stop. */
  drainUntil?: number;
  /** True once this task was healthy (for circuit-breaker resets). */
  becameHealthy: boolean;
}
