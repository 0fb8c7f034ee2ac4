import * as core from '@actions/core';
import { DeploymentFailedError, errorMessage } from '../lib/errors.js';
import { systemClock } from '../lib/ecs/deps.js';
import { appendJobSummary } from '../lib/summary.js';
import { createAwsClients, runnerEcsDeps } from '../lib/ecs/aws-clients.js';
import { deploy } from './deploy.js';
import { DeployRecord } from './deploy-record.js';
import type { EcsDeployInputs } from './inputs.js';
import { deploySummary } from './job-summary.js';

/** The runner-backed side of ecs-deploy: real clients and clock, outputs, job summary, the final verdict. */
export async function runEcsDeploy(inputs: EcsDeployInputs): Promise<void> {
  const clients = createAwsClients(inputs.region, inputs.maxRetries, inputs.renewal);
  const deps = runnerEcsDeps(clients);
  const record = new DeployRecord(systemClock);
  try {
    await deploy(inputs, deps, record);
  } catch (error: unknown) {
    record.status = record.status === 'succeeded' ? 'failed' : record.status;
    record.reason = record.reason ? `${record.reason}. Then: ${errorMessage(error)}` : errorMessage(error);
    throw error;
  } finally {
    clients.destroy();
    writeOutputs(record);
    await appendJobSummary(deploySummary(inputs, record));
  }
  if (record.status !== 'succeeded') {
    throw new DeploymentFailedError(record.reason ?? `the deployment ended ${record.status}`, record.deploymentId, record.status);
  }
}

export function writeOutputs(record: DeployRecord): void {
  core.setOutput('status', record.status);
  core.setOutput('task-definition-arn', record.taskDefinitionArn ?? '');
  core.setOutput('deployment-id', record.deploymentId ?? '');
  core.setOutput('rollback-task-definition-arn', record.rollbackTaskDefinitionArn ?? '');
  core.setOutput('run-task-arn', record.runTaskArn ?? '');
  core.setOutput('images', JSON.stringify(record.images));
}
