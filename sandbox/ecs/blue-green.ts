import type { DeploymentRecord, ServiceRecord } from './records.js';
import type { EcsState } from './state.js';

/**
 * A BLUE_GREEN / LINEAR / CANARY rollback sends traffic back to blue (staged-deployment.ts), whose tasks are still running: the rollback
 * deployment takes them over instead of starting new ones, and green drains away.
 */
export function adoptBlueTasks(sim: EcsState, service: ServiceRecord, failed: DeploymentRecord, rollback: DeploymentRecord): void {
  for (const task of sim.serviceTasks(service))
    if (task.deploymentId !== failed.id && task.desiredStatus === 'RUNNING' && task.taskDefinitionArn === rollback.taskDefinitionArn)
      task.deploymentId = rollback.id;
}
