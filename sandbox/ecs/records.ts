/** The ECS sandbox's internal state. Times are sandbox-clock milliseconds; views turn them into API shapes. */

export type Tag = { key: string; value: string };

/**
 * ServiceDeployment.lifecycleStage values of a BLUE_GREEN / LINEAR / CANARY deployment. Declared
 * with the records that hold it; staged-deployment.ts steps through them.
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
  /** BLUE_GREEN / LINEAR / CANARY: where green registers and the listener rules ECS moves traffic with. */
  advancedConfiguration?: { alternateTargetGroupArn: string; productionListenerRule: string; testListenerRule?: string; roleArn: string };
}

export interface CircuitBreakerSpec {
  enable: boolean;
  rollback: boolean;
  resetOnHealthyTask?: boolean;
  /** COUNT: `value` failures; BOUNDED_PERCENT (default): `value`% of the desired count within 3..200; UNBOUNDED_PERCENT: no bounds. */
  thresholdConfiguration?: { type: ThresholdType; value: number };
}

export type ThresholdType = 'COUNT' | 'BOUNDED_PERCENT' | 'UNBOUNDED_PERCENT';
export type DeploymentStrategy = 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY';
/** DeploymentLifecycleHookStage: where a hook may run (PRE_PRODUCTION_TRAFFIC_SHIFT is a hook point, never a lifecycleStage). */
export type HookStage = Exclude<LifecycleStage, 'SCALE_UP' | 'BAKE_TIME' | 'CLEAN_UP'> | 'PRE_PRODUCTION_TRAFFIC_SHIFT';
export type HookAction = 'CONTINUE' | 'ROLLBACK';

export interface LifecycleHookSpec {
  targetType: 'AWS_LAMBDA' | 'PAUSE';
  hookTargetArn?: string;
  roleArn?: string;
  lifecycleStages: HookStage[];
  hookDetails?: unknown;
  timeoutConfiguration?: { timeoutInMinutes: number; action: HookAction };
}

export interface DeploymentConfigurationSpec {
  strategy: DeploymentStrategy;
  /** Minutes both revisions run after production traffic shifted (required for BLUE_GREEN; 0 when not given). */
  bakeTimeInMinutes?: number;
  linearConfiguration?: { stepPercent: number; stepBakeTimeInMinutes: number };
  canaryConfiguration?: { canaryPercent: number; canaryBakeTimeInMinutes: number };
  lifecycleHooks?: LifecycleHookSpec[];
  /** Rolling only: complete once this share of the desired count is healthy. */
  earlySuccessCriteria?: { enable: boolean; healthyPercent?: number; sourceServiceRevisionCleanup?: 'BLOCKING' | 'DEFERRED' };
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
  /** Set once a task of this deployment ran healthy: ECS stops counting failedTasks (and, with resetOnHealthyTask, breaker failures). */
  failedTasksFrozen?: boolean;
  breakerFrozen?: boolean;
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
  /** Staged strategies only: the stage the deployment is in, and since when (sandbox ms). */
  lifecycleStage?: LifecycleStage;
  lifecycleStageAt?: number;
  rollback?: { reason: string; startedAt: number; serviceRevisionArn: string };
  rollbackDeploymentId?: string;
  /** Set by StopServiceDeployment; acted on at the next simulation step. */
  rollbackRequested?: boolean;
  /** Why the requested rollback happens, when not a stop (ContinueServiceDeployment ROLLBACK). */
  rollbackRequestReason?: string;
  /** BLUE_GREEN / LINEAR / CANARY progress (staged-deployment.ts). */
  staged?: StagedProgress;
}

/** Where a staged deployment is: its plan of checkpoints, traffic on the target revision, hook runs. */
export interface StagedProgress {
  checkpoint: number;
  checkpointAt: number;
  productionWeight: number;
  testWeight: number;
  hookRuns: HookRun[];
}

/** One hook invocation at one checkpoint (a LINEAR PRODUCTION_TRAFFIC_SHIFT hook runs once per step). */
export interface HookRun {
  hookId: string;
  hook: LifecycleHookSpec;
  stage: HookStage;
  checkpoint: number;
  status: 'AWAITING_ACTION' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
  startedAt: number;
  expiresAt: number;
  /** Lambda: when ECS next invokes the function, and how many times it has. */
  nextInvokeAt?: number;
  invocations: number;
  reason?: string;
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
  /** Set for `deploymentController: CODE_DEPLOY`; absent means ECS. */
  deploymentController?: 'CODE_DEPLOY';
  /** CODE_DEPLOY services run task sets instead of deployments (task-sets.ts); CodeDeploy adds and removes them. */
  taskSets?: TaskSetRecord[];
}

/** A task set of a CODE_DEPLOY service, as ECS's TaskSet shape reports it. */
export interface TaskSetRecord {
  /** `ecs-svc/<19 digits>`, also the `startedBy` and deployment id of its tasks. */
  id: string;
  arn: string;
  /** PRIMARY serves production traffic; DRAINING is being deleted (gone once its tasks have stopped). */
  status: 'PRIMARY' | 'ACTIVE' | 'DRAINING';
  taskDefinitionArn: string;
  /** `CodeDeploy` for task sets CodeDeploy created; the service's first task set has none. */
  startedBy?: string;
  /** The CodeDeploy deployment that created it. */
  externalId?: string;
  /** Percent of the service's desired count this task set runs. */
  scalePercent: number;
  loadBalancers: LoadBalancerSpec[];
  networkConfiguration?: unknown;
  platformVersion?: string;
  capacityProviderStrategy?: unknown;
  createdAt: number;
  updatedAt: number;
  stabilityStatus: 'STEADY_STATE' | 'STABILIZING';
  stabilityStatusAt: number;
}

export type TaskStatus = 'PROVISIONING' | 'PENDING' | 'ACTIVATING' | 'RUNNING' | 'DEACTIVATING' | 'STOPPED';
export type TargetState = 'initial' | 'healthy' | 'unhealthy' | 'draining';

export interface ContainerRecord {
  spec: ContainerSpec;
  arn: string;
  runtimeId: string;
  imageDigest: string;
  /** RunTask's command override for this container: it runs this instead of its image's CMD. */
  command?: string[];
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
