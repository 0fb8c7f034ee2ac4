import type { Service } from '@aws-sdk/client-ecs';
import { shortTaskDefinition } from '../lib/arn.js';
import { appSpecForService } from '../lib/codedeploy/appspec.js';
import { groupRefFor, type CodeDeployDeps, type CodeDeployServiceRef } from '../lib/codedeploy/deps.js';
import { appSpecRevision, createDeployment, readDeploymentGroup } from '../lib/codedeploy/deployment-group.js';
import {
  deploymentTaskDefinition,
  inFlightDeployments,
  lastSuccessfulRevision,
  runningTaskDefinition,
  successfulRevisions,
  type SuccessfulRevision,
} from '../lib/codedeploy/history.js';
import { redeployRevision, stopWithRollback, type CodeDeployRollbackContext } from '../lib/codedeploy/rollback.js';
import type { EcsDeps } from '../lib/ecs/deps.js';
import { describeTaskDefinition } from '../lib/ecs/task-definitions.js';
import { NotFoundError } from '../lib/errors.js';
import type { EcsRollbackInputs } from './inputs.js';
import { RollbackRefusedError, type RollbackRecord } from './rollback-record.js';

/**
 * ecs-rollback for a service with the CODE_DEPLOY deployment controller. A deployment of its group
 * still in flight is stopped with CodeDeploy's own rollback (`to: previous`); otherwise the target
 * is deployed through CodeDeploy: `previous` is the task definition of the group's last successful
 * deployment of another task definition, redeployed with its own AppSpec; a named revision gets the
 * AppSpec of the last successful deployment with its TaskDefinition replaced (else one built from
 * the service).
 */
export async function rollBackCodeDeploy(
  service: Service,
  inputs: EcsRollbackInputs,
  ecsDeps: EcsDeps,
  record: RollbackRecord,
): Promise<void> {
  if (!ecsDeps.codedeploy) throw new Error('ecs-rollback was built without a CodeDeploy client, which a CODE_DEPLOY service needs');
  const deps: CodeDeployDeps = { ...ecsDeps, codedeploy: ecsDeps.codedeploy };
  const ref = groupRefFor(inputs.codeDeploy ?? {}, { cluster: inputs.cluster, service: inputs.service, region: inputs.region });
  const group = await readDeploymentGroup(ref, deps);
  const running = runningTaskDefinition(service);
  if (running) record.fromTaskDefinitionArn = running;
  const context: CodeDeployRollbackContext = {
    ref,
    alarms: group.alarms,
    deadline: deps.clock.now() + inputs.waitMs,
    pollIntervalMs: inputs.pollIntervalMs,
    seenTasks: new Set<string>(),
    timeline: record.timeline,
  };

  const [inFlight] = inputs.to.kind === 'previous' ? await inFlightDeployments(ref, deps) : [];
  if (inFlight) {
    const failing = await deploymentTaskDefinition(ref, inFlight, deps);
    if (failing) record.fromTaskDefinitionArn = failing;
    record.method = `CodeDeploy StopDeployment (autoRollbackEnabled) of deployment ${inFlight}`;
    deps.log.info(`CodeDeploy deployment ${inFlight} of service ${inputs.service} is in flight; rolling back with ${record.method}`);
    if (stopsHere(inputs, deps, record)) return;
    const outcome = await stopWithRollback(context, inFlight, failing ?? '', deps);
    finish(outcome, record);
    return;
  }

  const revision = await targetRevision(ref, service, running, inputs, deps);
  record.toTaskDefinitionArn = revision.taskDefinitionArn;
  if (revision.taskDefinitionArn === running) {
    record.status = 'unchanged';
    deps.log.info(`Service ${inputs.service} already runs ${shortTaskDefinition(running)} in production; nothing to roll back`);
    return;
  }
  record.method = `CodeDeploy deployment of ${shortTaskDefinition(revision.taskDefinitionArn)}`;
  deps.log.info(
    `Rolling service ${inputs.service} back from ${running ? shortTaskDefinition(running) : 'its current revision'} with a ${record.method}`,
  );
  if (stopsHere(inputs, deps, record)) return;
  if (!inputs.waitForStability) {
    const id = await createDeployment(ref, { revision: revision.revision, description: description(inputs) }, deps);
    record.timeline.add(`Started CodeDeploy deployment ${id}`);
    record.status = 'started';
    deps.log.info(`Started CodeDeploy deployment ${id}; wait-for-service-stability is false: not waiting for it`);
    return;
  }
  finish(await redeployRevision(context, revision, description(inputs), deps), record);
}

/** Dry run: the plan is printed and nothing changes. */
function stopsHere(inputs: EcsRollbackInputs, deps: CodeDeployDeps, record: RollbackRecord): boolean {
  if (!inputs.dryRun) return false;
  record.status = 'dry-run';
  deps.log.info(`Dry run: would roll back with ${record.method ?? 'CodeDeploy'}; nothing was changed`);
  return true;
}

function finish(outcome: Awaited<ReturnType<typeof redeployRevision>>, record: RollbackRecord): void {
  if (outcome.settled) {
    record.status = 'rolled-back';
    if (outcome.taskDefinitionArn) record.toTaskDefinitionArn = outcome.taskDefinitionArn;
    record.timeline.add(
      `Production runs ${record.toTaskDefinitionArn ? shortTaskDefinition(record.toTaskDefinitionArn) : 'the previous revision'}`,
    );
    return;
  }
  record.status = 'failed';
  record.failure = `The rollback did not succeed: ${outcome.reason}`;
}

function description(inputs: EcsRollbackInputs): string {
  return `ecs-rollback${inputs.reason ? `: ${inputs.reason}` : ''}`.slice(0, 512);
}

/** What to deploy: the previous successful revision, or the named task definition with a known AppSpec around it. */
async function targetRevision(
  ref: CodeDeployServiceRef,
  service: Service,
  running: string | undefined,
  inputs: EcsRollbackInputs,
  deps: CodeDeployDeps,
): Promise<SuccessfulRevision> {
  const { to } = inputs;
  if (to.kind === 'previous') {
    const previous = await lastSuccessfulRevision(ref, running, deps);
    if (!previous) {
      throw new NotFoundError(
        `Deployment group ${ref.deploymentGroup} has no successful CodeDeploy deployment of another task definition in its last ones; name the revision to go back to with 'to'`,
      );
    }
    return previous;
  }
  if (to.kind !== 'arn' && !running)
    throw new NotFoundError('The service names no task definition, so a revision cannot be resolved; give a task-definition ARN');
  const family = to.kind === 'family-revision' ? to.family : (running ?? '').replace(/^.*:task-definition\//, '').replace(/:\d+$/, '');
  const target = to.kind === 'arn' ? to.arn : (running ?? '').replace(/task-definition\/.*$/, `task-definition/${family}:${to.revision}`);
  const described = await describeTaskDefinition(target, deps);
  const history = await successfulRevisions(ref, deps);
  const problems = [
    ...(described.status && described.status !== 'ACTIVE' ? [`${shortTaskDefinition(target)} is ${described.status} (deregistered)`] : []),
    ...(history.some((entry) => entry.taskDefinitionArn === target)
      ? []
      : [`${shortTaskDefinition(target)} has no successful CodeDeploy deployment in this group's last ones`]),
  ];
  if (problems.length > 0 && !inputs.force) {
    throw new RollbackRefusedError(
      `Refusing to roll back: ${problems.join('; ')}. Set 'force: true' to roll back to it anyway, or choose another revision with 'to'`,
    );
  }
  if (problems.length > 0) deps.log.warning(`force is true: rolling back although ${problems.join('; ')}`);
  const template = history[0];
  const appSpec = template ? withTaskDefinition(template, target) : appSpecForService(service, target).content;
  return { deploymentId: template?.deploymentId ?? 'none', taskDefinitionArn: target, revision: appSpecRevision({ content: appSpec }) };
}

/** The AppSpec of an earlier deployment with another task definition in it (its hooks and load balancer kept). */
function withTaskDefinition(template: SuccessfulRevision, taskDefinitionArn: string): string {
  const content = template.revision.appSpecContent?.content ?? template.revision.string?.content ?? '';
  return content.split(template.taskDefinitionArn).join(taskDefinitionArn);
}
