import { ContinueServiceDeploymentCommand, DescribeServiceRevisionsCommand, type Service } from '@aws-sdk/client-ecs';
import { shortTaskDefinition } from '../lib/arn.js';
import { awsCall } from '../lib/aws-call.js';
import type { EcsDeps, ServiceRef } from '../lib/ecs/deps.js';
import { ServiceEventTracker } from '../lib/ecs/service-events.js';
import { describeService, primaryDeployment } from '../lib/ecs/service-state.js';
import { hookName } from '../lib/ecs/strategy-state.js';
import { errorMessage } from '../lib/errors.js';
import { followDecision } from './follow.js';
import type { EcsPromoteInputs } from './inputs.js';
import { findPausedDeployment, type PausedDeployment } from './paused-deployment.js';
import { NothingPausedError, type PromoteRecord } from './promote-record.js';

/**
 * ecs-promote's logic: select (the paused deployment and its hook; refused when nothing waits) →
 * act (ContinueServiceDeployment CONTINUE or ROLLBACK) → follow the deployment to its end with the
 * shared watcher and verify (follow.ts). Everything lands in `record`.
 */
export async function promote(inputs: EcsPromoteInputs, deps: EcsDeps, record: PromoteRecord): Promise<void> {
  const ref: ServiceRef = { cluster: inputs.cluster, service: inputs.service, region: inputs.region };
  const paused = await findPausedDeployment(ref, inputs.hookId, deps);
  const { deployment, hook } = paused;
  record.serviceDeploymentArn = deployment.serviceDeploymentArn;
  record.hookId = hook.hookId;
  if (deployment.lifecycleStage) record.stage = deployment.lifecycleStage;

  const service = await describeService(ref, deps);
  const events = new ServiceEventTracker();
  events.markSeen(service.events);
  const revisions = await revisionTaskDefinitions(
    [deployment.targetServiceRevision?.arn, ...(deployment.sourceServiceRevisions ?? []).map((s) => s.arn)],
    deps,
  );
  const target = revisions.get(deployment.targetServiceRevision?.arn ?? '') ?? primaryDeployment(service)?.taskDefinition;
  if (!target) throw new Error(`Service deployment ${deployment.serviceDeploymentArn} names no task definition ECS could describe`);
  record.targetTaskDefinitionArn = target;
  const source = [...revisions.values()].find((td) => td !== target);
  if (source) record.sourceTaskDefinitionArn = source;
  const deploymentId = deploymentIdOf(service, target);
  if (!deploymentId) throw new Error(`Service ${ref.service} lists no PRIMARY deployment for ${deployment.serviceDeploymentArn}`);
  record.deploymentId = deploymentId;

  const until = hook.expiresAt ? ` until ${hook.expiresAt.toISOString()} (then ${hook.timeoutAction ?? 'its timeout action'})` : '';
  deps.log.info(
    `Deployment ${deploymentId} of ${shortTaskDefinition(target)} is paused at ${hookName(hook)} (stage ${deployment.lifecycleStage ?? 'unknown'})${until}`,
  );
  if (inputs.reason) deps.log.info(`Reason: ${inputs.reason}`);
  await decide(paused, inputs, ref, deps);
  const verb = inputs.decision === 'continue' ? 'Continued' : 'Asked ECS to roll back';
  record.timeline.add(`${verb} deployment ${deploymentId} at ${hookName(hook)} (stage ${deployment.lifecycleStage ?? 'unknown'})`);
  deps.log.info(`${verb} deployment ${deploymentId}; following it to its end`);
  await followDecision({ inputs, ref, deploymentId, serviceDeploymentArn: deployment.serviceDeploymentArn, events }, deps, record);
}

/**
 * ContinueServiceDeployment. ECS refuses it when the hook stopped waiting between our look and the
 * call (it timed out, or someone else decided): then the refusal says what ECS did, read afresh.
 */
async function decide(paused: PausedDeployment, inputs: EcsPromoteInputs, ref: ServiceRef, deps: EcsDeps): Promise<void> {
  const { deployment, hook } = paused;
  const action = inputs.decision === 'continue' ? 'CONTINUE' : 'ROLLBACK';
  try {
    await awsCall(
      deps,
      `${inputs.decision} service deployment ${deployment.serviceDeploymentArn} at hook ${hook.hookId}`,
      'ecs:ContinueServiceDeployment',
      () =>
        deps.ecs.send(
          new ContinueServiceDeploymentCommand({ serviceDeploymentArn: deployment.serviceDeploymentArn, hookId: hook.hookId, action }),
        ),
    );
  } catch (error: unknown) {
    const now = await findPausedDeployment(ref, hook.hookId, deps).catch((gone: unknown) => gone);
    if (now instanceof NothingPausedError)
      throw new NothingPausedError(`${now.message} (ECS refused ContinueServiceDeployment: ${errorMessage(error)})`);
    throw error;
  }
}

/** Task definition of each service revision, by revision ARN (DescribeServiceRevisions takes 20 at a time; a deployment names a few). */
async function revisionTaskDefinitions(arns: (string | undefined)[], deps: EcsDeps): Promise<Map<string, string>> {
  const wanted = [...new Set(arns.filter((arn): arn is string => !!arn))].slice(0, 20);
  const found = new Map<string, string>();
  if (wanted.length === 0) return found;
  const response = await awsCall(deps, `describe service revisions ${wanted.join(', ')}`, 'ecs:DescribeServiceRevisions', () =>
    deps.ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: wanted })),
  );
  for (const revision of response.serviceRevisions ?? []) {
    if (revision.serviceRevisionArn && revision.taskDefinition) found.set(revision.serviceRevisionArn, revision.taskDefinition);
  }
  return found;
}

/** The `ecs-svc/…` deployment of deployments[] that rolls out `target`: the PRIMARY one. */
function deploymentIdOf(service: Service, target: string): string | undefined {
  const deployments = service.deployments ?? [];
  return (deployments.find((d) => d.status === 'PRIMARY' && d.taskDefinition === target) ?? primaryDeployment(service))?.id;
}
