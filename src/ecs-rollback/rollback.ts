import { errorMessage } from '../lib/errors.js';
import type { EcsDeps } from '../lib/ecs/deps.js';
import { applyRollback } from './apply-rollback.js';
import { readDeploymentHistory } from './history.js';
import type { EcsRollbackInputs } from './inputs.js';
import { planRollback } from './plan.js';
import { rollBackCodeDeploy } from './codedeploy-rollback.js';
import { RollbackRefusedError, type RollbackRecord } from './rollback-record.js';

/**
 * ecs-rollback's logic: plan (read the service and its history, choose the way back, refuse unsafe
 * targets) → apply (act, wait, verify; nothing in a dry run) → read the history again so that the
 * summary shows the rollback's own deployment. Everything lands in `record`; a refusal or an AWS
 * error marks the record and is thrown again for the step's one error line.
 */
export async function rollBack(inputs: EcsRollbackInputs, deps: EcsDeps, record: RollbackRecord): Promise<void> {
  try {
    const plan = await planRollback(inputs, deps, record);
    if ('codeDeploy' in plan) {
      await rollBackCodeDeploy(plan.service, inputs, deps, record);
      return;
    }
    if (inputs.reason) deps.log.info(`Reason: ${inputs.reason}`);
    await applyRollback(plan, inputs, deps, record);
    if (record.status === 'unchanged' || record.status === 'dry-run') return;
    await refreshHistory(inputs, deps, record);
  } catch (error: unknown) {
    record.status = error instanceof RollbackRefusedError ? 'refused' : 'failed';
    record.failure = errorMessage(error);
    throw error;
  }
}

/** The summary's history after the rollback; a report only, so a failure here is a warning. */
async function refreshHistory(inputs: EcsRollbackInputs, deps: EcsDeps, record: RollbackRecord): Promise<void> {
  try {
    record.history = await readDeploymentHistory({ cluster: inputs.cluster, service: inputs.service, region: inputs.region }, deps, 10);
  } catch (error: unknown) {
    deps.log.warning(`Could not read the deployment history after the rollback: ${errorMessage(error)}`);
  }
}
