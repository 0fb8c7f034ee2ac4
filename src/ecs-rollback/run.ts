import * as core from '@actions/core';
import { DeploymentFailedError } from '../lib/errors.js';
import { systemClock } from '../lib/ecs/deps.js';
import { appendJobSummary } from '../lib/summary.js';
import { createAwsClients, runnerEcsDeps } from '../lib/ecs/aws-clients.js';
import type { EcsRollbackInputs } from './inputs.js';
import { rollbackSummary } from './job-summary.js';
import { rollBack } from './rollback.js';
import { RollbackRecord } from './rollback-record.js';

/** The runner-backed side of ecs-rollback: the same clients as ecs-deploy, outputs, job summary, the final verdict. */
export async function runEcsRollback(inputs: EcsRollbackInputs): Promise<void> {
  const clients = createAwsClients(inputs.region, inputs.maxRetries, inputs.renewal);
  const deps = runnerEcsDeps(clients);
  const record = new RollbackRecord(systemClock);
  try {
    await rollBack(inputs, deps, record);
  } finally {
    clients.destroy();
    core.setOutput('from-task-definition-arn', record.fromTaskDefinitionArn ?? '');
    core.setOutput('to-task-definition-arn', record.toTaskDefinitionArn ?? '');
    core.setOutput('status', record.status);
    await appendJobSummary(rollbackSummary(inputs, record));
  }
  if (record.status === 'failed' || record.status === 'timed-out') {
    throw new DeploymentFailedError(record.failure ?? `the rollback ended ${record.status}`, undefined, record.status);
  }
}
