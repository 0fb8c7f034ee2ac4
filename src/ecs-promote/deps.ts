import { createEcsActionDeps } from '../lib/ecs/aws-clients.js';
import type { Runner } from '../lib/runner.js';
import type { EcsPromoteInputs } from './inputs.js';
import type { EcsPromoteDeps } from './run.js';

/** The real dependencies: the ECS clients (renewing credentials where it can, for a long follow) and the runner. */
export function createEcsPromoteDeps(inputs: EcsPromoteInputs, runner: Runner): EcsPromoteDeps {
  return createEcsActionDeps(inputs, runner);
}
