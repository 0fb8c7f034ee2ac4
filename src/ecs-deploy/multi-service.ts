import { UpdateServiceCommand, type Service } from '@aws-sdk/client-ecs';
import { shortTaskDefinition } from '../lib/arn.js';
import { awsCall } from '../lib/aws-call.js';
import { NotFoundError } from '../lib/errors.js';
import { assessDeployment, newPrimaryDeployment, type Verdict } from '../lib/ecs/deployment-assessment.js';
import type { Clock, EcsDeps, ServiceRef } from '../lib/ecs/deps.js';
import { describeServicesBatch } from '../lib/ecs/service-batch-poller.js';
import { deploymentController, knownGoodTaskDefinition } from '../lib/ecs/service-state.js';
import { verifyDeployment } from '../lib/ecs/verify-deployment.js';
import { Timeline } from '../lib/ecs/timeline.js';
import type { DeployStatus } from './deploy-record.js';
import type { EcsDeployInputs } from './inputs.js';
import { watchServices, type ServiceWatch } from './multi-service-watch.js';
import { resolveTaskDefinition } from './register.js';
import { updateService } from './update-service.js';

/**
 * One release to several services of a cluster in one step: the task definition is registered once,
 * every service is updated, all are watched in one loop (DescribeServices shared, 10 per call), and
 * the verdict is all-or-nothing — when any service fails, every service that moved is brought back
 * to its own known-good revision (ECS's own rollback followed where it already runs), and those
 * rollbacks are watched in one loop too.
 */

export type ServiceStatus = 'succeeded' | 'failed' | 'rolled-back' | 'not-updated' | 'updated';

export interface ServiceOutcome {
  service: string;
  status: ServiceStatus;
  previousTaskDefinitionArn?: string;
  deploymentId?: string;
  rollbackTaskDefinitionArn?: string;
  reason?: string;
}

export class MultiDeployRecord {
  status: DeployStatus = 'failed';
  reason?: string;
  taskDefinitionArn?: string;
  registered = false;
  services: ServiceOutcome[] = [];
  readonly timeline: Timeline;
  readonly startedAt: number;

  constructor(clock: Pick<Clock, 'now'>) {
    this.timeline = new Timeline(clock);
    this.startedAt = clock.now();
  }
}

export type MultiServiceInputs = EcsDeployInputs & { services: string[] };

export async function deployServices(inputs: MultiServiceInputs, deps: EcsDeps, record: MultiDeployRecord): Promise<void> {
  const refs = inputs.services.map((service): ServiceRef => ({ cluster: inputs.cluster, service, region: inputs.region }));
  const before = await selectServices(inputs, deps);
  record.services = inputs.services.map((service) => {
    const previous = knownGoodTaskDefinition(before.get(service) as Service);
    return { service, status: 'not-updated', ...(previous ? { previousTaskDefinitionArn: previous } : {}) };
  });
  const resolved = await resolveTaskDefinition(inputs.taskDefinition, deps);
  record.taskDefinitionArn = resolved.arn;
  record.registered = resolved.registered;
  record.timeline.add(`${resolved.registered ? 'Registered' : 'Promoting existing'} task definition ${shortTaskDefinition(resolved.arn)}`);
  const deadline = deps.clock.now() + inputs.waitMs;

  const watches: ServiceWatch[] = [];
  try {
    for (const [i, ref] of refs.entries()) {
      const outcome = record.services[i] as ServiceOutcome;
      const updated = await updateService(ref, resolved.arn, inputs, deps);
      const primary = newPrimaryDeployment(updated);
      if (!primary?.id) throw new Error(`UpdateService of ${ref.service} answered without a PRIMARY deployment`);
      outcome.status = 'updated';
      outcome.deploymentId = primary.id;
      deps.log.info(`Updated service ${ref.service}: deployment ${primary.id} rolls out ${shortTaskDefinition(resolved.arn)}`);
      watches.push({
        ref,
        deploymentId: primary.id,
        ...(updated?.currentServiceDeployment ? { serviceDeploymentArn: updated.currentServiceDeployment } : {}),
        taskDefinitionArn: resolved.arn,
        seen: before.get(ref.service),
        kind: 'rollout',
      });
    }
  } catch (error: unknown) {
    record.reason = `Updating the services stopped at ${record.services.find((s) => s.status === 'not-updated')?.service ?? '?'}: ${String(error instanceof Error ? error.message : error)}`;
    deps.log.error(record.reason);
    await rollBackAll(inputs, deps, record, new Map());
    return;
  }
  record.timeline.add(`Updated ${watches.length} services`);
  if (!inputs.waitForStability) {
    record.status = 'succeeded';
    return;
  }

  const result = await watchServices(
    watches,
    { pollIntervalMs: inputs.pollIntervalMs, deadline, failFast: true, containers: resolved.containerDefinitions },
    deps,
  );
  let failure = result.failure;
  if (!failure && result.timedOut)
    failure = { service: result.timedOut, reason: `ECS did not finish within wait-for-minutes (${inputs.waitMs / 60_000} min)` };
  if (!failure) {
    for (const [i, ref] of refs.entries()) {
      const service = result.services.get(ref.service);
      if (!service) continue;
      const problem = await verifyDeployment(
        { pollIntervalMs: inputs.pollIntervalMs },
        { ref, service, taskDefinitionArn: resolved.arn, containerDefinitions: resolved.containerDefinitions, deadline },
        deps,
      );
      if (problem) {
        failure = { service: ref.service, reason: problem };
        break;
      }
      (record.services[i] as ServiceOutcome).status = 'succeeded';
    }
  }
  if (!failure) {
    for (const outcome of record.services) outcome.status = 'succeeded';
    record.status = 'succeeded';
    record.timeline.add(`All ${refs.length} services run ${shortTaskDefinition(resolved.arn)}`);
    deps.log.info(`All ${refs.length} services run ${shortTaskDefinition(resolved.arn)}`);
    return;
  }
  const failed = record.services.find((s) => s.service === failure.service);
  if (failed) {
    failed.status = 'failed';
    failed.reason = failure.reason;
  }
  record.reason = `Service ${failure.service} failed: ${failure.reason.replace(/\.+\s*$/, '')}. All-or-nothing: every service that moved goes back to its known-good revision`;
  deps.log.error(record.reason);
  record.timeline.add(record.reason);
  await rollBackAll(inputs, deps, record, result.verdicts);
}

/** Reads every service before anything changes; each must exist, run the ECS controller and have a revision to come back to. */
async function selectServices(inputs: MultiServiceInputs, deps: EcsDeps): Promise<Map<string, Service | undefined>> {
  const found = await describeServicesBatch(inputs.cluster, inputs.services, deps);
  for (const name of inputs.services) {
    const service = found.get(name);
    if (!service)
      throw new NotFoundError(`Service ${name} does not exist in cluster ${inputs.cluster} (region ${inputs.region}). Check 'service'`);
    const controller = deploymentController(service);
    if (controller.kind === 'unsupported')
      throw new Error(
        `Service ${name} uses the ${controller.name} deployment controller; several services in one step must all use the ECS controller (rolling, blue/green, linear or canary)`,
      );
    const previous = knownGoodTaskDefinition(service);
    if (previous) deps.log.info(`Service ${name} runs ${shortTaskDefinition(previous)}; it is the revision to return to on failure`);
    else
      deps.log.warning(
        `Service ${name} has no completed deployment right now: if the step fails, it has no known-good revision to return to`,
      );
  }
  return found;
}

/**
 * Brings every service that moved back: the ones ECS is already rolling back are followed, the others
 * get UpdateService to their own known-good revision; then all are watched together.
 */
async function rollBackAll(
  inputs: MultiServiceInputs,
  deps: EcsDeps,
  record: MultiDeployRecord,
  verdicts: Map<string, Verdict>,
): Promise<void> {
  const moved = record.services.filter((s) => s.status !== 'not-updated' && s.deploymentId);
  if (!inputs.rollbackOnFailure) {
    record.reason += `. rollback-on-failure is false: ${moved.map((s) => s.service).join(', ')} left as they are`;
    return;
  }
  const watches: ServiceWatch[] = [];
  const unreachable: string[] = [];
  for (const outcome of moved) {
    const ref: ServiceRef = { cluster: inputs.cluster, service: outcome.service, region: inputs.region };
    const verdict = verdicts.get(outcome.service);
    if (verdict?.state === 'failed' && verdict.rollback.startsWith('ecs-')) {
      watches.push({
        ref,
        deploymentId: outcome.deploymentId ?? '',
        taskDefinitionArn: record.taskDefinitionArn ?? '',
        kind: 'ecs-rollback',
      });
      continue;
    }
    const previous = outcome.previousTaskDefinitionArn;
    if (!previous) {
      unreachable.push(outcome.service);
      continue;
    }
    const updated = await awsCall(
      deps,
      `update service ${outcome.service} in cluster ${inputs.cluster} back to ${previous}`,
      'ecs:UpdateService',
      () => deps.ecs.send(new UpdateServiceCommand({ cluster: inputs.cluster, service: outcome.service, taskDefinition: previous })),
    ).catch(() => undefined);
    const primary = newPrimaryDeployment(updated?.service);
    if (!primary?.id) {
      unreachable.push(outcome.service);
      continue;
    }
    deps.log.info(`Rolling service ${outcome.service} back to ${shortTaskDefinition(previous)} (deployment ${primary.id})`);
    watches.push({ ref, deploymentId: primary.id, taskDefinitionArn: previous, kind: 'rollout' });
  }
  const deadline = deps.clock.now() + inputs.waitMs;
  const result = await watchServices(watches, { pollIntervalMs: inputs.pollIntervalMs, deadline, failFast: false }, deps);
  const notBack = [...unreachable];
  for (const watch of watches) {
    const outcome = record.services.find((s) => s.service === watch.ref.service);
    const settled = watch.kind === 'ecs-rollback' ? result.rolledBack.has(watch.ref.service) : result.succeeded.has(watch.ref.service);
    if (!outcome) continue;
    if (settled) {
      outcome.status = 'rolled-back';
      const primary = newPrimaryDeployment(result.services.get(watch.ref.service));
      const back = primary?.taskDefinition ?? outcome.previousTaskDefinitionArn;
      if (back) outcome.rollbackTaskDefinitionArn = back;
    } else notBack.push(watch.ref.service);
  }
  if (notBack.length === 0) {
    record.status = 'rolled-back';
    record.reason += `. Rolled back: ${moved.map((s) => `${s.service} runs ${s.rollbackTaskDefinitionArn ? shortTaskDefinition(s.rollbackTaskDefinitionArn) : '?'}`).join(', ')} again`;
    deps.log.info(`Rollback finished: ${moved.length} services run their previous revisions again`);
  } else {
    record.reason += `. Not rolled back: ${notBack.join(', ')} (roll them back with the ecs-rollback action)`;
  }
}

/** The verdict of one service's deployment from deployments[] alone (no per-service record calls). */
export function serviceVerdict(service: Service, deploymentId: string): Verdict {
  return assessDeployment(service, undefined, deploymentId);
}
