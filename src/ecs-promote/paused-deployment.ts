import {
  DescribeServiceDeploymentsCommand,
  ListServiceDeploymentsCommand,
  type DeploymentLifecycleHookDetail,
  type ServiceDeployment,
  type ServiceDeploymentStatus,
} from '@aws-sdk/client-ecs';
import { awsCall } from '../lib/aws-call.js';
import type { EcsDeps, ServiceRef } from '../lib/ecs/deps.js';
import { InputError } from '../lib/errors.js';
import { hookName } from '../lib/ecs/strategy-state.js';
import { awaitingHooks, deploymentState, explainHook, notPausedReason } from './hook-state.js';
import { NothingPausedError } from './promote-record.js';

/**
 * The select step: the service deployment in progress and the PAUSE hook it waits at
 * (ListServiceDeployments IN_PROGRESS, then DescribeServiceDeployments' lifecycleHookDetails). When
 * nothing waits, the refusal says what ECS did instead: which deployment is running and where, or
 * how the hook ended (expired with its timeout action, already continued or rolled back). Only reads.
 */

export interface PausedDeployment {
  deployment: ServiceDeployment & { serviceDeploymentArn: string };
  hook: DeploymentLifecycleHookDetail & { hookId: string };
}

/** DescribeServiceDeployments takes at most 20 ARNs per call. */
const DESCRIBE_BATCH = 20;
/** How far back a hook that no longer waits is looked for: a few deployments cover a re-run of the same approval. */
const RECENT = 10;

export async function findPausedDeployment(ref: ServiceRef, hookId: string | undefined, deps: EcsDeps): Promise<PausedDeployment> {
  const inProgress = await describeDeployments(await listDeployments(ref, ['IN_PROGRESS'], RECENT, deps), deps);
  const awaiting = awaitingHooks(inProgress);
  const chosen = hookId ? awaiting.find(({ hook }) => hook.hookId === hookId) : awaiting.length === 1 ? awaiting[0] : undefined;
  if (chosen?.deployment.serviceDeploymentArn && chosen.hook.hookId) {
    const { deployment, hook } = chosen;
    return {
      deployment: { ...deployment, serviceDeploymentArn: deployment.serviceDeploymentArn ?? '' },
      hook: { ...hook, hookId: hook.hookId ?? '' },
    };
  }
  if (!hookId && awaiting.length > 1) {
    const listed = awaiting.map(
      ({ deployment, hook }) =>
        `${hook.hookId ?? '?'} (stage ${deployment.lifecycleStage ?? '?'}, ${deployment.serviceDeploymentArn ?? '?'})`,
    );
    throw new InputError(
      'hook-id',
      `is empty, but ${awaiting.length} PAUSE hooks of service ${ref.service} await a decision: ${listed.join('; ')}`,
      'Set hook-id to the one to act on',
    );
  }
  if (hookId) throw new NothingPausedError(await hookGone(ref, hookId, inProgress, deps));
  const running = inProgress[0];
  if (running) {
    throw new NothingPausedError(
      `No deployment of service ${ref.service} waits at a PAUSE hook: deployment ${running.serviceDeploymentArn ?? '?'} is in progress, and ${notPausedReason(running)}. Nothing was changed`,
    );
  }
  const [newest] = await describeDeployments(await listDeployments(ref, undefined, 1, deps), deps);
  if (!newest) throw new NothingPausedError(`Service ${ref.service} in cluster ${ref.cluster} has no deployment to continue or roll back`);
  const hook = newest.lifecycleHookDetails?.find((h) => h.targetType === 'PAUSE');
  const what = hook ? explainHook(hook, newest) : `it is ${deploymentState(newest)}`;
  throw new NothingPausedError(
    `Service ${ref.service} has no deployment in progress, so nothing waits at a PAUSE hook. Of its newest deployment ${newest.serviceDeploymentArn ?? '?'}, ${what}. Nothing was changed`,
  );
}

/** hook-id names a hook that does not wait (any more): where it is in the recent deployments, and what ECS did with it. */
async function hookGone(ref: ServiceRef, hookId: string, inProgress: ServiceDeployment[], deps: EcsDeps): Promise<string> {
  const seen = new Set(inProgress.map((d) => d.serviceDeploymentArn));
  const recent = await listDeployments(ref, undefined, RECENT, deps);
  const deployments = [
    ...inProgress,
    ...(await describeDeployments(
      recent.filter((arn) => !seen.has(arn)),
      deps,
    )),
  ];
  for (const deployment of deployments) {
    const hook = deployment.lifecycleHookDetails?.find((h) => h.hookId === hookId);
    if (!hook) continue;
    if (hook.targetType !== 'PAUSE')
      return `Hook ${hookId} is a ${hookName(hook)}, not a PAUSE hook; only PAUSE hooks wait for a decision. Nothing was changed`;
    return `PAUSE hook ${hookId} of service ${ref.service} no longer awaits a decision: ${explainHook(hook, deployment)}. Nothing was changed`;
  }
  const waiting = awaitingHooks(inProgress).map(({ hook }) => hook.hookId ?? '?');
  return (
    `No deployment of service ${ref.service} among its last ${RECENT} has a lifecycle hook ${hookId}` +
    (waiting.length > 0 ? `; the one waiting now is ${waiting.join(', ')}` : '; none waits at a PAUSE hook now') +
    ". Check hook-id (ecs-deploy's hook-id output of this deployment). Nothing was changed"
  );
}

/** ARNs of the service's deployments, newest first. */
async function listDeployments(
  ref: ServiceRef,
  status: ServiceDeploymentStatus[] | undefined,
  max: number,
  deps: EcsDeps,
): Promise<string[]> {
  const listed = await awsCall(deps, `list service deployments of ${ref.service}`, 'ecs:ListServiceDeployments', () =>
    deps.ecs.send(
      new ListServiceDeploymentsCommand({ cluster: ref.cluster, service: ref.service, ...(status ? { status } : {}), maxResults: max }),
    ),
  );
  return [...(listed.serviceDeployments ?? [])]
    .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))
    .flatMap((brief) => (brief.serviceDeploymentArn ? [brief.serviceDeploymentArn] : []));
}

/** The full records, in the order of `arns`. */
async function describeDeployments(arns: string[], deps: EcsDeps): Promise<ServiceDeployment[]> {
  const found = new Map<string, ServiceDeployment>();
  for (let start = 0; start < arns.length; start += DESCRIBE_BATCH) {
    const batch = arns.slice(start, start + DESCRIBE_BATCH);
    const response = await awsCall(deps, `describe service deployments ${batch.join(', ')}`, 'ecs:DescribeServiceDeployments', () =>
      deps.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: batch })),
    );
    for (const deployment of response.serviceDeployments ?? []) {
      if (deployment.serviceDeploymentArn) found.set(deployment.serviceDeploymentArn, deployment);
    }
  }
  return arns.flatMap((arn) => {
    const deployment = found.get(arn);
    return deployment ? [deployment] : [];
  });
}
