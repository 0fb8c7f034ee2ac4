import { computedDesiredCount, taskSetTasks } from '../ecs/task-sets.js';
import type { AlarmSettings, DeploymentGroupRecord, DeploymentRecord } from './records.js';
import { serviceOf, taskSetOf, type CodeDeployStore } from './store.js';

/** Records → the shapes of codedeploy.service-2.json. Dates stay Date objects; the protocol writes epoch seconds. */
const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

export const ecsTargetId = (group: DeploymentGroupRecord) => `${group.cluster}:${group.service}`;

const alarmView = (alarms: AlarmSettings) => ({
  enabled: alarms.enabled,
  ignorePollAlarmFailure: alarms.ignorePollAlarmFailure,
  alarms: alarms.names.map((name) => ({ name })),
});

function loadBalancerInfo(group: DeploymentGroupRecord) {
  return {
    targetGroupPairInfoList: [
      {
        targetGroups: group.targetGroupNames.map((name) => ({ name })),
        prodTrafficRoute: { listenerArns: group.prodListenerArns },
        ...(group.testListenerArns.length > 0 ? { testTrafficRoute: { listenerArns: group.testListenerArns } } : {}),
      },
    ],
  };
}

function blueGreenConfiguration(group: DeploymentGroupRecord) {
  return {
    terminateBlueInstancesOnDeploymentSuccess: { action: 'TERMINATE', terminationWaitTimeInMinutes: group.terminationWaitMinutes },
    deploymentReadyOption: { actionOnTimeout: 'CONTINUE_DEPLOYMENT', waitTimeInMinutes: 0 },
  };
}

export function deploymentInfo(store: CodeDeployStore, d: DeploymentRecord): Record<string, unknown> {
  const group = store.groupOf(d);
  const overview = { Pending: 0, InProgress: 0, Succeeded: 0, Failed: 0, Skipped: 0, Ready: 0 };
  if (d.targetStatus in overview) overview[d.targetStatus as keyof typeof overview] = 1;
  return {
    applicationName: d.applicationName,
    deploymentGroupName: d.groupName,
    deploymentConfigName: d.configName,
    deploymentId: d.id,
    previousRevision: d.previousRevision,
    revision: d.revision,
    status: d.status,
    errorInformation: d.errorInformation,
    createTime: date(d.createTime),
    startTime: date(d.startTime),
    completeTime: date(d.completeTime),
    deploymentOverview: overview,
    description: d.description,
    creator: d.creator,
    ignoreApplicationStopFailures: false,
    autoRollbackConfiguration: { enabled: d.autoRollback.enabled, events: d.autoRollback.events },
    updateOutdatedInstancesOnly: false,
    rollbackInfo: d.rollbackInfo,
    deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
    instanceTerminationWaitTimeStarted: d.terminationWaitStartedAt !== undefined,
    blueGreenDeploymentConfiguration: blueGreenConfiguration(group),
    loadBalancerInfo: loadBalancerInfo(group),
    deploymentStatusMessages: [],
    computePlatform: 'ECS',
    ...(d.overrideAlarms ? { overrideAlarmConfiguration: alarmView(d.overrideAlarms) } : {}),
  };
}

/** The ECS target of a deployment: the service, its lifecycle events, and the two task sets with their traffic. */
export function deploymentTarget(store: CodeDeployStore, d: DeploymentRecord): Record<string, unknown> {
  const group = store.groupOf(d);
  const service = serviceOf(store, d);
  const taskSetInfo = (id: string | undefined, label: 'Blue' | 'Green', weight: number, targetGroupArn: string | undefined) => {
    const ts = taskSetOf(service, id);
    if (!ts || !service) return [];
    const tasks = taskSetTasks(store.deps.ecs, service, ts);
    const name = store.targetGroupName(targetGroupArn);
    return [
      {
        identifer: ts.id,
        desiredCount: computedDesiredCount(service, ts),
        pendingCount: tasks.filter((t) => t.lastStatus !== 'RUNNING').length,
        runningCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
        status: ts.status,
        trafficWeight: weight,
        ...(name ? { targetGroup: { name } } : {}),
        taskSetLabel: label,
      },
    ];
  };
  return {
    deploymentTargetType: 'ECSTarget',
    ecsTarget: {
      deploymentId: d.id,
      targetId: ecsTargetId(group),
      targetArn: service?.arn ?? store.deps.ecs.arns.service(group.cluster, group.service),
      lastUpdatedAt: date(d.targetUpdatedAt),
      lifecycleEvents: d.events.map((e) => ({
        lifecycleEventName: e.name,
        ...(e.diagnostics ? { diagnostics: e.diagnostics } : {}),
        startTime: date(e.startTime),
        endTime: date(e.endTime),
        status: e.status,
      })),
      status: d.targetStatus,
      taskSetsInfo: [
        ...taskSetInfo(d.blueTaskSetId, 'Blue', 100 - d.greenWeight, d.blueTargetGroupArn),
        ...taskSetInfo(d.greenTaskSetId, 'Green', d.greenWeight, d.greenTargetGroupArn),
      ],
    },
  };
}

export function deploymentGroupInfo(store: CodeDeployStore, group: DeploymentGroupRecord): Record<string, unknown> {
  const last = (id: string | undefined) => {
    const d = id ? store.deployments.get(id) : undefined;
    return d ? { deploymentId: d.id, status: d.status, endTime: date(d.completeTime), createTime: date(d.createTime) } : undefined;
  };
  const lastSuccessful = group.lastSuccessfulId ? store.deployments.get(group.lastSuccessfulId) : undefined;
  return {
    applicationName: group.applicationName,
    deploymentGroupId: group.id,
    deploymentGroupName: group.name,
    deploymentConfigName: group.configName,
    ec2TagFilters: [],
    onPremisesInstanceTagFilters: [],
    autoScalingGroups: [],
    serviceRoleArn: group.serviceRoleArn,
    ...(lastSuccessful ? { targetRevision: lastSuccessful.revision } : {}),
    triggerConfigurations: [],
    alarmConfiguration: alarmView(group.alarms),
    autoRollbackConfiguration: { enabled: group.autoRollback.enabled, events: group.autoRollback.events },
    deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
    outdatedInstancesStrategy: 'UPDATE',
    blueGreenDeploymentConfiguration: blueGreenConfiguration(group),
    loadBalancerInfo: loadBalancerInfo(group),
    lastSuccessfulDeployment: last(group.lastSuccessfulId),
    lastAttemptedDeployment: last(group.lastAttemptedId),
    computePlatform: 'ECS',
    ecsServices: [{ serviceName: group.service, clusterName: group.cluster }],
    terminationHookEnabled: false,
  };
}
