import { DeploymentFailedError } from '../lib/errors.js';
import type { EcsActionDeps } from '../lib/ecs/aws-clients.js';
import type { EcsRollbackInputs } from './inputs.js';
import { rollbackSummary } from './job-summary.js';
import { rollBack } from './rollback.js';
import { RollbackRecord } from './rollback-record.js';

/** ecs-rollback from the outside: roll back into a record, then outputs, job summary and the final verdict from it. */
export async function runEcsRollback(inputs: EcsRollbackInputs, deps: EcsActionDeps): Promise<void> {
  const record = new RollbackRecord(deps.clock);
  try {
    await rollBack(inputs, deps, record);
  } finally {
    deps.destroy();
    deps.setOutput('from-task-definition-arn', record.fromTaskDefinitionArn ?? '');
    deps.setOutput('to-task-definition-arn', record.toTaskDefinitionArn ?? '');
    deps.setOutput('status', record.status);
    await deps.summary.append(rollbackSummary(inputs, record));
  }
  if (record.status === 'failed' || record.status === 'timed-out') {
    throw new DeploymentFailedError(record.failure ?? `the rollback ended ${record.status}`, undefined, record.status);
  }
}
