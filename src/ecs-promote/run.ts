import { DeploymentFailedError, InputError, errorMessage } from '../lib/errors.js';
import type { EcsActionDeps } from '../lib/ecs/aws-clients.js';
import type { EcsPromoteInputs } from './inputs.js';
import { promoteSummary } from './job-summary.js';
import { promote } from './promote.js';
import { NothingPausedError, PromoteRecord } from './promote-record.js';

/** What ecs-promote uses: the shared ECS deps (clients, clock, log), the step's outputs and summary. */
export type EcsPromoteDeps = EcsActionDeps;

/** ecs-promote from the outside: decide and follow into a record, then outputs, job summary and the verdict from it. */
export async function runEcsPromote(inputs: EcsPromoteInputs, deps: EcsPromoteDeps): Promise<void> {
  const record = new PromoteRecord(deps.clock);
  try {
    await promote(inputs, deps, record);
  } catch (error: unknown) {
    record.status = error instanceof NothingPausedError || error instanceof InputError ? 'refused' : 'failed';
    record.failure = errorMessage(error);
    throw error;
  } finally {
    deps.destroy();
    deps.setOutput('status', record.status);
    deps.setOutput('service-deployment-arn', record.serviceDeploymentArn ?? '');
    deps.setOutput('hook-id', record.nextHookId ?? '');
    deps.setOutput('task-definition-arn', record.runningTaskDefinitionArn ?? '');
    await deps.summary.append(promoteSummary(inputs, record));
  }
  // A continue that ECS rolled back is a failed release; a rollback that was asked for is the success.
  const failed =
    record.status === 'failed' || record.status === 'timed-out' || (record.status === 'rolled-back' && inputs.decision === 'continue');
  if (failed)
    throw new DeploymentFailedError(record.failure ?? `the deployment ended ${record.status}`, record.deploymentId, record.status);
}
