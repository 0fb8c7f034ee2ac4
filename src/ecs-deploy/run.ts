import { DeploymentFailedError, errorMessage } from '../lib/errors.js';
import { CredentialsExpiredError } from '../lib/aws-call.js';
import type { EcsActionDeps } from '../lib/ecs/aws-clients.js';
import { deploy } from './deploy.js';
import { DeployRecord, SUCCESS_STATUSES } from './deploy-record.js';
import type { EcsDeployInputs } from './inputs.js';
import { deploySummary } from './job-summary.js';
import { runMultiServiceDeploy } from './multi-service-run.js';

/** ecs-deploy from the outside: deploy into a record, then outputs, job summary and the final verdict from it. */
export async function runEcsDeploy(inputs: EcsDeployInputs, deps: EcsActionDeps): Promise<void> {
  if (inputs.services) return runMultiServiceDeploy({ ...inputs, services: inputs.services }, deps);
  const record = new DeployRecord(deps.clock);
  try {
    await deploy(inputs, deps, record);
  } catch (caught: unknown) {
    const error = caught instanceof CredentialsExpiredError ? unwatched(caught, inputs, record) : caught;
    record.status = SUCCESS_STATUSES.includes(record.status) ? 'failed' : record.status;
    record.reason = record.reason ? `${record.reason}. Then: ${errorMessage(error)}` : errorMessage(error);
    throw error;
  } finally {
    deps.destroy();
    writeOutputs(record, deps);
    await deps.summary.append(deploySummary(inputs, record));
  }
  if (!SUCCESS_STATUSES.includes(record.status)) {
    throw new DeploymentFailedError(record.reason ?? `the deployment ended ${record.status}`, record.deploymentId, record.status);
  }
}

/**
 * Credentials that expire for good after UpdateService do not stop ECS: say that the rollout goes on
 * unwatched, what a breaker without rollback leaves behind, and how to roll back by hand.
 */
function unwatched(error: CredentialsExpiredError, inputs: EcsDeployInputs, record: DeployRecord): Error {
  if (!record.deploymentId || !inputs.service || record.status === 'rolled-back') return error;
  const breaker = record.circuitBreaker;
  const leftOn =
    breaker?.enabled && !breaker.rollback
      ? ' If the circuit breaker trips, ECS does not roll back (rollback is off): the service is left on a FAILED deployment.'
      : breaker?.rollback
        ? ' If the circuit breaker trips, ECS rolls back by itself.'
        : '';
  const to = record.previousTaskDefinitionArn ?? 'previous';
  return new CredentialsExpiredError(
    `${errorMessage(error)}. Deployment ${record.deploymentId} of service ${inputs.service} goes on unwatched: ECS keeps rolling it out and nobody checks or rolls it back.${leftOn} ` +
      `To roll back, run the ecs-rollback action (service: ${inputs.service}, cluster: ${inputs.cluster}, to: ${to})`,
    { cause: error },
  );
}

export function writeOutputs(record: DeployRecord, deps: Pick<EcsActionDeps, 'setOutput'>): void {
  deps.setOutput('status', record.status);
  deps.setOutput('task-definition-arn', record.taskDefinitionArn ?? '');
  deps.setOutput('deployment-id', record.deploymentId ?? '');
  deps.setOutput('service-deployment-arn', record.serviceDeploymentArn ?? '');
  deps.setOutput('hook-id', record.hookId ?? '');
  deps.setOutput('rollback-task-definition-arn', record.rollbackTaskDefinitionArn ?? '');
  deps.setOutput('run-task-arn', record.runTaskArn ?? '');
  deps.setOutput('images', JSON.stringify(record.images));
}
