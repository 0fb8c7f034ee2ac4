/**
 * CodeDeploy's state in the sandbox. Times are sandbox-clock milliseconds; views.ts turns records
 * into the shapes of codedeploy.service-2.json.
 */

/** The lifecycle events of an ECS deployment, in the order CodeDeploy runs them. */
export const LIFECYCLE_EVENTS = [
  'BeforeInstall',
  'Install',
  'AfterInstall',
  'AllowTestTraffic',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AllowTraffic',
  'AfterAllowTraffic',
] as const;
export type LifecycleEventName = (typeof LIFECYCLE_EVENTS)[number];

/** The events an AppSpec `Hooks` section may name (a Lambda function runs at each). */
export const HOOK_EVENTS = ['BeforeInstall', 'AfterInstall', 'AfterAllowTestTraffic', 'BeforeAllowTraffic', 'AfterAllowTraffic'] as const;
export type HookEventName = (typeof HOOK_EVENTS)[number];

export type DeploymentStatus = 'Created' | 'Queued' | 'InProgress' | 'Baking' | 'Succeeded' | 'Failed' | 'Stopped' | 'Ready';
export type EventStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'Skipped' | 'Unknown';
export type TargetStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'Skipped' | 'Unknown' | 'Ready';
export type AutoRollbackEvent = 'DEPLOYMENT_FAILURE' | 'DEPLOYMENT_STOP_ON_ALARM' | 'DEPLOYMENT_STOP_ON_REQUEST';

/** The ECS part of an AppSpec file (Resources[0].<name>.Properties and Hooks). */
export interface EcsAppSpec {
  taskDefinition: string;
  containerName: string;
  containerPort: number;
  platformVersion?: string;
  /** Already in ECS's own spelling (awsvpcConfiguration.subnets…). */
  networkConfiguration?: { awsvpcConfiguration: { subnets: string[]; securityGroups?: string[]; assignPublicIp?: string } };
  capacityProviderStrategy?: { capacityProvider: string; base?: number; weight?: number }[];
  hooks: Partial<Record<HookEventName, string>>;
}

/** RevisionLocation as the wire carries it (AppSpecContent or String for ECS). */
export interface RevisionLocation {
  revisionType: 'AppSpecContent' | 'String';
  appSpecContent?: { content: string; sha256: string };
  string?: { content: string; sha256: string };
}

export interface ApplicationRecord {
  id: string;
  name: string;
  createdAt: number;
}

/** A load balancer listener as CodeDeploy moves it: the target groups it forwards to, by weight (percent). */
export interface ListenerRecord {
  arn: string;
  port: number;
  weights: Map<string, number>;
}

export interface AlarmSettings {
  enabled: boolean;
  ignorePollAlarmFailure: boolean;
  names: string[];
}

export interface AutoRollbackSettings {
  enabled: boolean;
  events: AutoRollbackEvent[];
}

export interface DeploymentGroupRecord {
  id: string;
  applicationName: string;
  name: string;
  configName: string;
  serviceRoleArn: string;
  cluster: string;
  service: string;
  /** Names of the two target groups CodeDeploy alternates between. */
  targetGroupNames: [string, string];
  prodListenerArns: string[];
  testListenerArns: string[];
  alarms: AlarmSettings;
  autoRollback: AutoRollbackSettings;
  /** Minutes the original task set keeps running after production traffic moved. */
  terminationWaitMinutes: number;
  lastSuccessfulId?: string;
  lastAttemptedId?: string;
}

export interface RevisionRecord {
  applicationName: string;
  revision: RevisionLocation;
  registerTime: number;
  firstUsedTime: number;
  lastUsedTime: number;
  groups: Set<string>;
}

export interface HookExecution {
  functionArn: string;
  executionId: string;
  /** What the function reported through PutLifecycleEventHookExecutionStatus, and when it takes effect. */
  answer?: 'Succeeded' | 'Failed';
  answerAt?: number;
}

export interface LifecycleEventRecord {
  name: LifecycleEventName;
  status: EventStatus;
  startTime?: number;
  endTime?: number;
  diagnostics?: { errorCode: string; scriptName: string; message: string; logTail: string };
  hook?: HookExecution;
}

export interface DeploymentRecord {
  id: string;
  applicationName: string;
  groupName: string;
  configName: string;
  description?: string;
  creator: 'user' | 'codeDeployRollback';
  status: DeploymentStatus;
  errorInformation?: { code: string; message: string };
  createTime: number;
  startTime?: number;
  completeTime?: number;
  revision: RevisionLocation;
  appSpec: EcsAppSpec;
  previousRevision?: RevisionLocation;
  autoRollback: AutoRollbackSettings;
  alarms: AlarmSettings;
  overrideAlarms?: AlarmSettings;
  events: LifecycleEventRecord[];
  /** Index of the event in progress (events.length once all are done). */
  current: number;
  /** The task set traffic leaves, and the one it goes to (a rollback reverses an earlier pair). */
  blueTaskSetId?: string;
  greenTaskSetId?: string;
  blueTargetGroupArn?: string;
  greenTargetGroupArn?: string;
  /** Percent of production traffic on green, and when it last moved. */
  greenWeight: number;
  lastShiftAt?: number;
  terminationWaitStartedAt?: number;
  rollbackInfo?: { rollbackDeploymentId?: string; rollbackTriggeringDeploymentId?: string; rollbackMessage?: string };
  targetStatus: TargetStatus;
  targetUpdatedAt: number;
}
