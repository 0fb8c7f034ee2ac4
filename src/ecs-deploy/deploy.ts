import type { Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { newPrimaryDeployment } from '../lib/ecs/deployment-assessment.js';
import type { EcsDeps, ServiceRef } from '../lib/ecs/deps.js';
import { watchDeployment } from '../lib/ecs/deployment-watcher.js';
import { serviceDeploymentFor } from '../lib/ecs/service-deployments.js';
import { ServiceEventTracker } from '../lib/ecs/service-events.js';
import {
  circuitBreaker,
  deploymentController,
  describeService,
  knownGoodTaskDefinition,
  primaryDeployment,
} from '../lib/ecs/service-state.js';
import type { DeployRecord } from './deploy-record.js';
import type { EcsDeployInputs } from './inputs.js';
import { failedContainers, runOneOffTask } from './one-off-task.js';
import { checkWaitGoal, settleWatch } from './watch-outcome.js';
import { requestedImages, resolveTaskDefinition, type ResolvedTaskDefinition } from './register.js';
import { shortTaskDefinition } from '../lib/arn.js';
import { reportImages } from './deployed-images.js';
import { taskId } from '../lib/ecs/log-tail.js';
import { isCodeDeployService } from '../lib/codedeploy/deps.js';
import { deployThroughCodeDeploy } from './codedeploy-deploy.js';
import { updateService } from './update-service.js';

/**
 * ecs-deploy's logic: select (read the service, remember the known-good revision) → act (register,
 * one-off task, UpdateService) → wait (follow our deployment) → verify (target groups, container
 * health, health-check URL) → on failure, recover (roll back). Everything lands in `record`.
 */
export async function deploy(inputs: EcsDeployInputs, deps: EcsDeps, record: DeployRecord): Promise<void> {
  const ref: ServiceRef | undefined = inputs.service
    ? { cluster: inputs.cluster, service: inputs.service, region: inputs.region }
    : undefined;
  const events = new ServiceEventTracker();
  const before = ref ? await selectService(ref, deps, record, events) : undefined;
  const outcome = await rollOut(inputs, deps, record, { ref, before, events });
  // Images are read once, at the end: one DescribeServiceRevisions answers old and new when we followed a service deployment.
  await reportImages(ref, outcome?.serviceDeployment, record, deps, { deployed: outcome?.deployed === true });
}

async function rollOut(
  inputs: EcsDeployInputs,
  deps: EcsDeps,
  record: DeployRecord,
  { ref, before, events }: { ref: ServiceRef | undefined; before: Service | undefined; events: ServiceEventTracker },
): Promise<{ serviceDeployment?: ServiceDeployment; deployed: boolean } | undefined> {
  const resolved = await resolveTaskDefinition(inputs.taskDefinition, deps);
  record.taskDefinitionArn = resolved.arn;
  record.registered = resolved.registered;
  record.newImages = requestedImages(resolved.containerDefinitions);
  record.timeline.add(`${resolved.registered ? 'Registered' : 'Promoting existing'} task definition ${shortTaskDefinition(resolved.arn)}`);
  const deadline = deps.clock.now() + inputs.waitMs;

  if (inputs.runTask && !(await oneOffTaskPassed(inputs, deps, record, resolved, before, deadline))) return;
  if (!ref || !before) {
    record.status = 'succeeded';
    return;
  }
  if (isCodeDeployService(before)) {
    const codeDeploy = {
      inputs,
      ref,
      service: before,
      taskDefinitionArn: resolved.arn,
      containerDefinitions: resolved.containerDefinitions,
    };
    return { deployed: await deployThroughCodeDeploy({ ...codeDeploy, deadline, record }, deps) };
  }

  checkWaitGoal(inputs, before, deps);
  const updated = await updateService(ref, resolved.arn, inputs, deps);
  const primary = newPrimaryDeployment(updated);
  if (!primary?.id) throw new Error(`UpdateService of ${ref.service} answered without a PRIMARY deployment`);
  record.deploymentId = primary.id;
  const serviceDeploymentArn = await serviceDeploymentFor(updated, ref, resolved.arn, deps);
  if (serviceDeploymentArn) record.serviceDeploymentArn = serviceDeploymentArn;
  const started = primary.id !== primaryDeployment(before)?.id;
  if (started) deps.log.info(`Updated service ${ref.service}: deployment ${primary.id} rolls out ${shortTaskDefinition(resolved.arn)}`);
  else deps.log.info(`Service ${ref.service} already runs ${shortTaskDefinition(resolved.arn)}; ECS started no new deployment`);
  // An existing deployment's createdAt is from before this run: only a new one gives the ECS time of this step.
  record.timeline.addEcs(`Updated service ${ref.service}; deployment ${primary.id} started`, started ? primary.createdAt : undefined);

  if (!inputs.waitForStability) {
    record.status = 'succeeded';
    record.waited = false;
    deps.log.info('wait-for-service-stability is false: not waiting for the rollout');
    return;
  }

  const target = {
    deploymentId: primary.id,
    ...(record.serviceDeploymentArn ? { serviceDeploymentArn: record.serviceDeploymentArn } : {}),
    taskDefinitionArn: resolved.arn,
    containerDefinitions: resolved.containerDefinitions,
  };
  const base = { ref, pollIntervalMs: inputs.pollIntervalMs, events, seenTasks: new Set<string>(), timeline: record.timeline };
  const watch = await watchDeployment(
    {
      ...base,
      ...target,
      deadline,
      failFast: true,
      until: 'verdict',
      goal: inputs.waitUntil?.goal ?? 'completed',
      // UpdateService just answered with a new deployment: ECS cannot have moved it before one interval has passed.
      firstPollAfterInterval: started,
    },
    deps,
  );
  record.stoppedTasks = watch.stoppedTasks;
  const deployed = await settleWatch(watch, { inputs, ref, target, base, record, deadline }, deps);
  return { ...(watch.serviceDeployment ? { serviceDeployment: watch.serviceDeployment } : {}), deployed };
}

/** Reads the service before anything changes: the deployment controller, and the revision to come back to. */
async function selectService(ref: ServiceRef, deps: EcsDeps, record: DeployRecord, events: ServiceEventTracker): Promise<Service> {
  const service = await describeService(ref, deps);
  // CodeDeploy's revision to return to is read from the service's task sets (codedeploy-deploy.ts).
  if (isCodeDeployService(service)) return service;
  const controller = deploymentController(service);
  if (controller.kind === 'unsupported') {
    throw new Error(
      `Service ${ref.service} uses the ${controller.name} deployment controller; ecs-deploy drives the ECS (rolling, blue/green, linear, canary) and CODE_DEPLOY controllers only`,
    );
  }
  events.markSeen(service.events);
  record.circuitBreaker = circuitBreaker(service);
  const previous = knownGoodTaskDefinition(service);
  if (previous) {
    record.previousTaskDefinitionArn = previous;
    deps.log.info(
      `Service ${ref.service} runs ${shortTaskDefinition(previous)} (${controller.label}); it is the revision to return to on failure`,
    );
  } else {
    deps.log.warning(
      `Service ${ref.service} has no completed deployment right now; if this deployment fails there is no known-good revision to return to by ARN`,
    );
  }
  return service;
}

async function oneOffTaskPassed(
  inputs: EcsDeployInputs,
  deps: EcsDeps,
  record: DeployRecord,
  resolved: ResolvedTaskDefinition,
  before: Service | undefined,
  deadline: number,
): Promise<boolean> {
  if (!inputs.runTask) return true;
  const result = await runOneOffTask(
    {
      cluster: inputs.cluster,
      taskDefinitionArn: resolved.arn,
      containerDefinitions: resolved.containerDefinitions,
      options: inputs.runTask,
      ...(before?.networkConfiguration ? { serviceNetwork: before.networkConfiguration } : {}),
      ...(inputs.enableEcsManagedTags !== undefined ? { enableEcsManagedTags: inputs.enableEcsManagedTags } : {}),
      ...(inputs.propagateTags ? { propagateTags: inputs.propagateTags } : {}),
      pollIntervalMs: inputs.pollIntervalMs,
      deadline,
      timeline: record.timeline,
    },
    deps,
  );
  record.runTaskArn = result.taskArn;
  const failures = result.stopped ? failedContainers(result.stopped) : [];
  if (failures.length === 0) return true;
  record.status = 'failed';
  record.stoppedTasks = result.stopped ? [result.stopped] : [];
  record.reason = `The one-off task ${taskId(result.taskArn)} failed: ${failures.join('; ')}. ${inputs.service ? `Service ${inputs.service} was not updated` : 'No service was given'}`;
  return false;
}
