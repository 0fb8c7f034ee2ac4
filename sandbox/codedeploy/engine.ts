import { createTaskSet, deleteTaskSet, isTaskSetStable, setPrimaryTaskSet } from '../ecs/task-sets.js';
import { greenWeightAfter, requireConfig } from './configs.js';
import { endDeployment, type Failure } from './outcome.js';
import type { DeploymentRecord, HookEventName, LifecycleEventRecord } from './records.js';
import { serviceOf, taskSetOf, type CodeDeployStore } from './store.js';

/**
 * What CodeDeploy does for an ECS blue/green deployment, one simulation step at a time: the
 * lifecycle events in order (hooks wait for their Lambda's answer), the replacement task set
 * (Install), test then production traffic, the termination wait, then the original task set goes.
 * Alarms stop a deployment in flight. https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-steps-ecs.html
 */

/** CodeDeploy's fixed limits: the replacement task set must be healthy, and a hook must answer, within an hour. */
const INSTALL_TIMEOUT_MS = 60 * 60_000;
const HOOK_TIMEOUT_MS = 60 * 60_000;
const DEFAULT_HOOK_SECONDS = 5;

type Progress = 'wait' | 'done' | Failure;

export function stepDeployments(store: CodeDeployStore, now: number): void {
  for (const deployment of store.deployments.values()) {
    if (deployment.status === 'Created')
      Object.assign(deployment, { status: 'InProgress', startTime: now, targetStatus: 'InProgress', targetUpdatedAt: now });
    if (deployment.status !== 'InProgress') continue;
    try {
      stepDeployment(store, deployment, now);
    } catch (error: unknown) {
      // A sandbox bug must not break the ECS request that happened to advance the clock: the deployment fails visibly instead.
      const message = `sandbox CodeDeploy failed: ${error instanceof Error ? error.message : String(error)}`;
      console.error(message, error);
      endDeployment(
        store,
        deployment,
        { status: 'Failed', code: 'INTERNAL_ERROR', message, rollbackOn: 'DEPLOYMENT_FAILURE', rollback: false },
        now,
      );
    }
  }
}

function stepDeployment(store: CodeDeployStore, d: DeploymentRecord, now: number): void {
  const group = store.groupOf(d);
  if (d.creator === 'user') {
    const alarms = d.alarms.enabled ? d.alarms.names.filter((name) => store.deps.ecs.alarms.get(name) === 'ALARM') : [];
    if (alarms.length > 0) {
      const message = `One or more alarms have been activated according to the Amazon CloudWatch metrics you selected, and the affected deployments have been stopped. Activated alarms: <${alarms.join(', ')}>`;
      endDeployment(store, d, { status: 'Stopped', code: 'ALARM_ACTIVE', message, rollbackOn: 'DEPLOYMENT_STOP_ON_ALARM' }, now);
      return;
    }
  }
  if (d.terminationWaitStartedAt !== undefined) {
    if (now >= d.terminationWaitStartedAt + group.terminationWaitMinutes * 60_000) finishTermination(store, d, now);
    return;
  }
  while (d.current < d.events.length) {
    const event = d.events[d.current] as LifecycleEventRecord;
    if (event.status === 'Pending') Object.assign(event, { status: 'InProgress', startTime: now });
    const progress = d.creator === 'codeDeployRollback' ? rollbackProgress(store, d, event, now) : progressOf(store, d, event, now);
    if (progress === 'wait') return;
    if (progress !== 'done') {
      endDeployment(store, d, progress, now);
      return;
    }
    if (event.status === 'InProgress') Object.assign(event, { status: 'Succeeded', endTime: now });
    d.current += 1;
    d.targetUpdatedAt = now;
  }
  // Every event done: production traffic is on the replacement; the original waits out the termination wait.
  d.terminationWaitStartedAt = now;
  if (group.terminationWaitMinutes === 0 || d.creator === 'codeDeployRollback') finishTermination(store, d, now);
}

function progressOf(store: CodeDeployStore, d: DeploymentRecord, event: LifecycleEventRecord, now: number): Progress {
  const group = store.groupOf(d);
  switch (event.name) {
    case 'Install':
      return install(store, d, event, now);
    case 'AllowTestTraffic':
      if (d.greenTargetGroupArn) store.route(group.testListenerArns, d.greenTargetGroupArn);
      return 'done';
    case 'AllowTraffic':
      return allowTraffic(store, d, event, now);
    default:
      return hook(store, d, event, event.name, now);
  }
}

function install(store: CodeDeployStore, d: DeploymentRecord, event: LifecycleEventRecord, now: number): Progress {
  const service = serviceOf(store, d);
  if (!d.greenTaskSetId) {
    const failure = createReplacement(store, d, now);
    if (failure) return failure;
  }
  const green = taskSetOf(service, d.greenTaskSetId);
  if (service && green && isTaskSetStable(store.deps.ecs, service, green)) return 'done';
  if (now - (event.startTime ?? now) < INSTALL_TIMEOUT_MS) return 'wait';
  return {
    status: 'Failed',
    code: 'TIMEOUT',
    message: 'The deployment timed out while waiting for the replacement task set to become healthy. This time out period is 60 minutes.',
    rollbackOn: 'DEPLOYMENT_FAILURE',
  };
}

/** Creates the replacement task set behind the target group production does not use. */
function createReplacement(store: CodeDeployStore, d: DeploymentRecord, now: number): Failure | undefined {
  const group = store.groupOf(d);
  const ecs = store.deps.ecs;
  const ecsError = (message: string): Failure => ({
    status: 'Failed',
    code: 'ECS_UPDATE_ERROR',
    message,
    rollbackOn: 'DEPLOYMENT_FAILURE',
  });
  const service = serviceOf(store, d);
  const blue = service?.taskSets?.find((ts) => ts.status === 'PRIMARY');
  if (!service || service.status !== 'ACTIVE' || !blue)
    return {
      status: 'Failed',
      code: 'INVALID_ECS_SERVICE',
      message: `The ECS service ${group.cluster}/${group.service} does not exist or is not a CODE_DEPLOY service.`,
      rollbackOn: 'DEPLOYMENT_FAILURE',
    };
  const td = ecs.taskDefinitions.resolve(d.appSpec.taskDefinition);
  if (!td || td.status !== 'ACTIVE')
    return ecsError(
      `The ECS service cannot be updated due to an error: TaskDefinition ${d.appSpec.taskDefinition} not found or not ACTIVE.`,
    );
  if (!td.containers.some((c) => c.name === d.appSpec.containerName))
    return ecsError(
      `The ECS service cannot be updated due to an error: the container ${d.appSpec.containerName} does not exist in the task definition.`,
    );
  const blueTg = blue.loadBalancers[0]?.targetGroupArn ?? '';
  const [first, second] = group.targetGroupNames.map((name) => store.deps.targetGroups.all().find((g) => g.name === name)?.arn);
  const prodOnBlue = group.prodListenerArns.every((arn) => (store.listeners.get(arn)?.weights.get(blueTg) ?? 0) === 100);
  if (!prodOnBlue || !first || !second || (blueTg !== first && blueTg !== second))
    return {
      status: 'Failed',
      code: 'ELASTIC_LOAD_BALANCING_INVALID',
      message: 'The ELB could not be updated due to the following error: Primary taskset target group must be behind listener',
      rollbackOn: 'DEPLOYMENT_FAILURE',
    };
  const greenTg = (blueTg === first ? second : first) as string;
  const green = createTaskSet(
    ecs,
    service,
    {
      taskDefinitionArn: td.arn,
      loadBalancers: [{ targetGroupArn: greenTg, containerName: d.appSpec.containerName, containerPort: d.appSpec.containerPort }],
      status: 'ACTIVE',
      scalePercent: 100,
      startedBy: 'CodeDeploy',
      externalId: d.id,
      ...(d.appSpec.networkConfiguration
        ? { networkConfiguration: d.appSpec.networkConfiguration }
        : { networkConfiguration: blue.networkConfiguration }),
      ...(d.appSpec.platformVersion ? { platformVersion: d.appSpec.platformVersion } : {}),
      ...(d.appSpec.capacityProviderStrategy ? { capacityProviderStrategy: d.appSpec.capacityProviderStrategy } : {}),
    },
    now,
  );
  ecs.addEvent(service, `(taskSet ${green.id}) was created by (deployment ${d.id}).`, now);
  Object.assign(d, { blueTaskSetId: blue.id, greenTaskSetId: green.id, blueTargetGroupArn: blueTg, greenTargetGroupArn: greenTg });
  return undefined;
}

function allowTraffic(store: CodeDeployStore, d: DeploymentRecord, event: LifecycleEventRecord, now: number): Progress {
  const group = store.groupOf(d);
  if (!d.blueTargetGroupArn || !d.greenTargetGroupArn) return 'done';
  const weight = greenWeightAfter(requireConfig(d.configName), now - (event.startTime ?? now));
  if (weight !== d.greenWeight) {
    store.split(group.prodListenerArns, d.blueTargetGroupArn, d.greenTargetGroupArn, weight);
    Object.assign(d, { greenWeight: weight, lastShiftAt: now });
  }
  if (weight < 100) return 'wait';
  const service = serviceOf(store, d);
  const green = taskSetOf(service, d.greenTaskSetId);
  if (service && green) setPrimaryTaskSet(service, green, now);
  return 'done';
}

function hook(store: CodeDeployStore, d: DeploymentRecord, event: LifecycleEventRecord, name: HookEventName, now: number): Progress {
  const fn = d.appSpec.hooks[name];
  if (!fn) return 'done';
  if (!event.hook) {
    const response = store.hookResponses.get(fn) ?? { status: 'Succeeded' };
    const executionId = store.random.base64(120);
    event.hook = {
      functionArn: fn,
      executionId,
      ...(response.status === 'none'
        ? {}
        : { answer: response.status, answerAt: now + (response.afterSeconds ?? DEFAULT_HOOK_SECONDS) * 1000 }),
    };
    store.hookInvocations.push({
      deploymentId: d.id,
      lifecycleEventName: name,
      functionName: fn,
      lifecycleEventHookExecutionId: executionId,
      at: now,
    });
  }
  const { answer, answerAt } = event.hook;
  if (answer !== undefined && now >= (answerAt ?? now)) {
    if (answer === 'Succeeded') return 'done';
    const message = 'The deployment failed because one or more of the lifecycle event validation functions failed.';
    event.diagnostics = { errorCode: 'ScriptFailed', scriptName: fn, message, logTail: '' };
    return { status: 'Failed', code: 'HOOK_EXECUTION_FAILURE', message, rollbackOn: 'DEPLOYMENT_FAILURE' };
  }
  if (now - (event.startTime ?? now) < HOOK_TIMEOUT_MS) return 'wait';
  const message =
    'The deployment timed out while waiting for a status callback. CodeDeploy expects a status callback within one hour after a deployment hook is invoked.';
  event.diagnostics = { errorCode: 'ScriptTimedOut', scriptName: fn, message, logTail: '' };
  return { status: 'Failed', code: 'TIMEOUT', message, rollbackOn: 'DEPLOYMENT_FAILURE' };
}

/**
 * A rollback deployment reverses the one it undoes: its "green" is the original task set, still
 * running, so Install has nothing to start; traffic goes back to it; hooks do not run again.
 */
function rollbackProgress(store: CodeDeployStore, d: DeploymentRecord, event: LifecycleEventRecord, now: number): Progress {
  const group = store.groupOf(d);
  if (event.name === 'AllowTestTraffic' && d.greenTargetGroupArn) store.route(group.testListenerArns, d.greenTargetGroupArn);
  else if (event.name === 'AllowTraffic' && d.greenTargetGroupArn) {
    store.route(group.prodListenerArns, d.greenTargetGroupArn);
    d.greenWeight = 100;
    const service = serviceOf(store, d);
    const original = taskSetOf(service, d.greenTaskSetId);
    if (service && original) setPrimaryTaskSet(service, original, now);
  } else if (event.name !== 'AllowTestTraffic' && event.name !== 'AllowTraffic') Object.assign(event, { status: 'Skipped', endTime: now });
  return 'done';
}

/** The termination wait is over: the task set traffic left is deleted and the deployment succeeds. */
function finishTermination(store: CodeDeployStore, d: DeploymentRecord, now: number): void {
  const service = serviceOf(store, d);
  const blue = taskSetOf(service, d.blueTaskSetId);
  if (service && blue) {
    deleteTaskSet(blue, now);
    store.deps.ecs.addEvent(service, `(taskSet ${blue.id}) was deleted by (deployment ${d.id}).`, now);
  }
  Object.assign(d, { status: 'Succeeded', completeTime: now, targetStatus: 'Succeeded', targetUpdatedAt: now });
  const group = store.groupOf(d);
  group.lastAttemptedId = d.id;
  group.lastSuccessfulId = d.id;
}
