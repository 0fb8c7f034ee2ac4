import { createEcsActionDeps, type EcsActionDeps } from '../lib/ecs/aws-clients.js';
import type { Runner } from '../lib/runner.js';
import type { EcsRollbackInputs } from './inputs.js';

/** The real dependencies: the ECS, ELBv2 and Logs clients (renewing credentials where it can) and the runner. */
export function createEcsRollbackDeps(inputs: EcsRollbackInputs, runner: Runner): EcsActionDeps {
  return createEcsActionDeps(inputs, runner);
}
