import type { DeploymentLifecycleHookDetail, ServiceDeployment } from '@aws-sdk/client-ecs';
import { hookName, pausedHook } from '../lib/ecs/strategy-state.js';

/**
 * Words for what ECS did with a PAUSE hook (or a whole deployment) that no longer waits for a
 * decision: expired with its timeout action, already continued or rolled back, or the deployment
 * ended. Pure, so each state is unit-tested. Shapes: DeploymentLifecycleHookDetail and ServiceDeployment
 * in https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceDeployment.html
 */

/** The PAUSE hooks of these deployments that wait for ContinueServiceDeployment, with their deployment. */
export function awaitingHooks(deployments: ServiceDeployment[]): { deployment: ServiceDeployment; hook: DeploymentLifecycleHookDetail }[] {
  return deployments.flatMap((deployment) =>
    (deployment.lifecycleHookDetails ?? [])
      .filter((hook) => hook.targetType === 'PAUSE' && hook.status === 'AWAITING_ACTION')
      .map((hook) => ({ deployment, hook })),
  );
}

/** `the PAUSE hook X at stage S timed out at T and ECS rolled the deployment back (now ROLLBACK_SUCCESSFUL)`. */
export function explainHook(hook: DeploymentLifecycleHookDetail, deployment: ServiceDeployment): string {
  const where = deployment.lifecycleStage ? ` at stage ${deployment.lifecycleStage}` : '';
  const name = `the ${hookName(hook)}${where}`;
  const now = ` (the deployment is now ${deploymentState(deployment)})`;
  switch (hook.status) {
    case 'TIMED_OUT': {
      const at = hook.expiresAt ? ` at ${hook.expiresAt.toISOString()}` : '';
      const did = hook.timeoutAction === 'CONTINUE' ? 'continued the deployment' : 'rolled the deployment back';
      return `${name} timed out${at} and ECS ${did}, its timeout action${now}`;
    }
    case 'SUCCEEDED':
      return `${name} was already continued${now}`;
    case 'FAILED':
      return `${name} was already answered with a rollback${now}`;
    case 'AWAITING_ACTION':
      return `${name} awaits a decision until ${hook.expiresAt?.toISOString() ?? 'its timeout'}`;
    default:
      return `${name} is ${hook.status ?? 'in an unknown state'}${now}`;
  }
}

/** `ROLLBACK_SUCCESSFUL: <ECS's reason>`, or the stage a deployment in progress is at. */
export function deploymentState(deployment: ServiceDeployment): string {
  const reason = deployment.rollback?.reason ?? deployment.statusReason;
  const stage = deployment.status === 'IN_PROGRESS' && deployment.lifecycleStage ? ` at stage ${deployment.lifecycleStage}` : '';
  return `${deployment.status ?? 'UNKNOWN'}${stage}${reason ? `: ${reason}` : ''}`;
}

/** What a deployment in progress without a paused hook is doing, for the refusal. */
export function notPausedReason(deployment: ServiceDeployment): string {
  const done = (deployment.lifecycleHookDetails ?? []).find((hook) => hook.targetType === 'PAUSE' && hook.status !== 'AWAITING_ACTION');
  if (done) return explainHook(done, deployment);
  return pausedHook(deployment) ? 'it is paused' : `it is ${deploymentState(deployment)}, not waiting at a PAUSE hook`;
}
