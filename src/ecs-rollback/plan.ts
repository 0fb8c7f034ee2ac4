import type { ContainerDefinition, Service } from '@aws-sdk/client-ecs';
import { NotFoundError } from '../lib/errors.js';
import type { EcsDeps, ServiceRef } from '../lib/ecs/deps.js';
import { describeServiceDeployment } from '../lib/ecs/service-deployments.js';
import { deploymentController, describeService, primaryDeployment } from '../lib/ecs/service-state.js';
import { describeTaskDefinition } from '../lib/ecs/task-definitions.js';
import { isCodeDeployService } from '../lib/codedeploy/deps.js';
import { shortTaskDefinition } from '../lib/arn.js';
import {
  HISTORY_DEPTH,
  describeRevisions,
  isEcsRollingBack,
  isInFlight,
  lastGoodBefore,
  reachedSteadyState,
  readDeploymentHistory,
  type DeploymentEntry,
} from './history.js';
import type { EcsRollbackInputs, RollbackTarget } from './inputs.js';
import { RollbackRefusedError, type RollbackRecord } from './rollback-record.js';

/**
 * The select phase: read the service and its deployment history, and decide once how to go back —
 * ask ECS to roll back the deployment in flight, follow a rollback ECS already started, deploy a
 * known-good revision by its existing ARN, or nothing. Only reads; dry-run stops after this.
 */

/** The deployment ECS is rolling out (or rolling back) right now, by both of its ids. */
export interface InFlightDeployment {
  entry: DeploymentEntry;
  /** The `ecs-svc/…` id in deployments[]. */
  deploymentId: string;
  taskDefinitionArn: string;
  /** A PAUSE lifecycle hook the deployment waits at: ContinueServiceDeployment ROLLBACK instead of a stop. */
  hookId?: string;
}

export type RollbackAction =
  | { kind: 'stop-in-flight'; deployment: InFlightDeployment }
  | { kind: 'follow-ecs'; deployment: InFlightDeployment }
  | { kind: 'update-service'; taskDefinitionArn: string }
  | { kind: 'none' };

export interface RollbackPlan {
  ref: ServiceRef;
  service: Service;
  action: RollbackAction;
  /** The target's containers, for the container health checks. */
  containerDefinitions: ContainerDefinition[];
}

/** A CODE_DEPLOY service: rolled back through CodeDeploy (codedeploy-rollback.ts), not planned here. */
export interface CodeDeployPlan {
  codeDeploy: true;
  service: Service;
}

export async function planRollback(
  inputs: EcsRollbackInputs,
  deps: EcsDeps,
  record: RollbackRecord,
): Promise<RollbackPlan | CodeDeployPlan> {
  const ref: ServiceRef = { cluster: inputs.cluster, service: inputs.service, region: inputs.region };
  const service = await describeService(ref, deps);
  if (isCodeDeployService(service)) return { codeDeploy: true, service };
  const controller = deploymentController(service);
  if (controller.kind === 'unsupported') {
    throw new Error(
      `Service ${ref.service} uses the ${controller.name} deployment controller; ecs-rollback drives the ECS (rolling, blue/green, linear, canary) and CODE_DEPLOY controllers only`,
    );
  }
  const history = await readDeploymentHistory(ref, deps);
  record.history = history;
  const primary = primaryDeployment(service);
  const running = primary?.taskDefinition ?? service.taskDefinition;
  if (running) record.fromTaskDefinitionArn = running;
  const current = history.find((entry) => entry.serviceDeploymentArn === service.currentServiceDeployment) ?? history[0];

  if (isEcsRollingBack(current) && current && inputs.to.kind === 'previous') {
    const deployment = await inFlight(ref, current, service, deps);
    if (deployment.sourceTaskDefinitionArn) record.toTaskDefinitionArn = deployment.sourceTaskDefinitionArn;
    record.method = `following ECS's rollback of deployment ${deployment.deploymentId}`;
    deps.log.info(`ECS is already rolling back deployment ${deployment.deploymentId}; following it`);
    return finish({ kind: 'follow-ecs', deployment }, ref, service, deployment.sourceTaskDefinitionArn, deps);
  }
  if (isInFlight(current) && current && inputs.to.kind === 'previous') {
    const deployment = await inFlight(ref, current, service, deps);
    record.fromTaskDefinitionArn = deployment.taskDefinitionArn;
    if (deployment.sourceTaskDefinitionArn) record.toTaskDefinitionArn = deployment.sourceTaskDefinitionArn;
    record.method = deployment.hookId
      ? `ContinueServiceDeployment (ROLLBACK) of deployment ${deployment.deploymentId} at its lifecycle hook`
      : `StopServiceDeployment (ROLLBACK) of deployment ${deployment.deploymentId}`;
    deps.log.info(
      `Deployment ${deployment.deploymentId} of ${shortTaskDefinition(deployment.taskDefinitionArn)} is still in flight; rolling back with ${record.method}`,
    );
    return finish({ kind: 'stop-in-flight', deployment }, ref, service, deployment.sourceTaskDefinitionArn, deps);
  }

  const target = resolveTarget(inputs.to, history, current, running);
  record.toTaskDefinitionArn = target;
  const described = await describeTaskDefinition(target, deps);
  checkTarget(target, described.status, history, inputs.force, deps);
  if (target === running && !isInFlight(current)) {
    deps.log.info(`Service ${ref.service} already runs ${shortTaskDefinition(target)}; nothing to roll back`);
    return { ref, service, action: { kind: 'none' }, containerDefinitions: described.containerDefinitions };
  }
  record.method = `UpdateService to ${shortTaskDefinition(target)}`;
  deps.log.info(
    `Rolling service ${ref.service} back from ${running ? shortTaskDefinition(running) : 'its current revision'} to ${shortTaskDefinition(target)}`,
  );
  return {
    ref,
    service,
    action: { kind: 'update-service', taskDefinitionArn: target },
    containerDefinitions: described.containerDefinitions,
  };
}

async function finish(
  action: RollbackAction,
  ref: ServiceRef,
  service: Service,
  target: string | undefined,
  deps: EcsDeps,
): Promise<RollbackPlan> {
  const containerDefinitions = target ? (await describeTaskDefinition(target, deps)).containerDefinitions : [];
  return { ref, service, action, containerDefinitions };
}

/** The in-flight deployment's ids, the revision ECS will go back to, and a paused lifecycle hook if there is one. */
async function inFlight(
  ref: ServiceRef,
  current: DeploymentEntry,
  service: Service,
  deps: EcsDeps,
): Promise<InFlightDeployment & { sourceTaskDefinitionArn?: string }> {
  const taskDefinitionArn = current.taskDefinitionArn ?? primaryDeployment(service)?.taskDefinition ?? '';
  const ours =
    service.deployments?.find((d) => d.taskDefinition === taskDefinitionArn && d.status === 'PRIMARY') ?? primaryDeployment(service);
  if (!ours?.id) throw new Error(`Service ${ref.service} lists no PRIMARY deployment for ${current.serviceDeploymentArn}`);
  const described = await describeServiceDeployment(current.serviceDeploymentArn, ref, deps);
  const details = described === 'unavailable' ? undefined : described;
  const hookId = details?.lifecycleHookDetails?.find((hook) => hook.status === 'AWAITING_ACTION')?.hookId;
  const sources = (details?.sourceServiceRevisions ?? []).map((s) => s.arn).filter((arn): arn is string => !!arn);
  const revisions = await describeRevisions(sources, deps);
  const sourceTaskDefinitionArn = [...revisions.values()].map((r) => r.taskDefinition).find((td) => td && td !== taskDefinitionArn);
  return {
    entry: current,
    deploymentId: ours.id,
    taskDefinitionArn,
    ...(hookId ? { hookId } : {}),
    ...(sourceTaskDefinitionArn ? { sourceTaskDefinitionArn } : {}),
  };
}

function resolveTarget(
  to: RollbackTarget,
  history: DeploymentEntry[],
  current: DeploymentEntry | undefined,
  running: string | undefined,
): string {
  switch (to.kind) {
    case 'arn':
      return to.arn;
    case 'previous': {
      const good = lastGoodBefore(history, current, running);
      if (!good?.taskDefinitionArn) {
        throw new NotFoundError(
          `No SUCCESSFUL deployment of another task definition precedes the current one in the service's last ${HISTORY_DEPTH} deployments; name the revision to go back to with 'to'`,
        );
      }
      return good.taskDefinitionArn;
    }
    default: {
      if (!running)
        throw new NotFoundError('The service names no task definition, so a revision cannot be resolved; give a task-definition ARN');
      const family = to.kind === 'family-revision' ? to.family : running.replace(/^.*:task-definition\//, '').replace(/:\d+$/, '');
      return running.replace(/task-definition\/.*$/, `task-definition/${family}:${to.revision}`);
    }
  }
}

/** Refuses a target that ECS cannot or should not run, unless `force`. */
function checkTarget(target: string, status: string | undefined, history: DeploymentEntry[], force: boolean, deps: EcsDeps): void {
  const problems: string[] = [];
  if (status && status !== 'ACTIVE') problems.push(`${shortTaskDefinition(target)} is ${status} (deregistered)`);
  if (!reachedSteadyState(history, target))
    problems.push(
      `${shortTaskDefinition(target)} never completed a deployment of this service (no SUCCESSFUL one in the last ${HISTORY_DEPTH})`,
    );
  if (problems.length === 0) return;
  const text = problems.join('; ');
  if (!force)
    throw new RollbackRefusedError(
      `Refusing to roll back: ${text}. Set 'force: true' to roll back to it anyway, or choose another revision with 'to'`,
    );
  deps.log.warning(`force is true: rolling back although ${text}`);
}
