import { InputError } from '../lib/errors.js';
import type { Inputs } from '../lib/inputs.js';
import { WAIT_GOALS, type WaitGoal } from '../lib/ecs/strategy-state.js';

/**
 * `wait-until` (where the wait ends) and `on-timeout` (what a wait that runs out does to a
 * deployment ECS still reports healthy), checked against the inputs they depend on before any AWS call.
 */
export interface WaitUntilOptions {
  goal: WaitGoal;
  /**
   * `leave`: a deployment ECS reports healthy (baking, at a lifecycle hook, between traffic steps,
   * every new task running) is left to finish; a stuck one is rolled back as rollback-on-failure says.
   * `rollback`: every deployment our wait gave up on is rolled back.
   */
  onTimeout: OnTimeout;
}

export type OnTimeout = 'leave' | 'rollback';
const ON_TIMEOUT: readonly OnTimeout[] = ['leave', 'rollback'];

export function readWaitUntil(
  input: Inputs,
  context: { service: string | undefined; waitForStability: boolean; rollbackOnFailure: boolean },
): WaitUntilOptions {
  const goal = input.enum('wait-until', WAIT_GOALS, 'completed');
  const onTimeout = input.enum('on-timeout', ON_TIMEOUT, 'leave');
  for (const [name, value, neutral] of [
    ['wait-until', goal, 'completed'],
    ['on-timeout', onTimeout, 'leave'],
  ] as const) {
    if (value === neutral) continue;
    if (context.service === undefined) {
      throw new InputError(
        name,
        'only applies when deploying to a service, but no service was given',
        `Set 'service', or remove '${name}'`,
      );
    }
    if (!context.waitForStability) {
      throw new InputError(
        name,
        `is '${value}', but wait-for-service-stability is false, so the action does not wait at all`,
        `Set wait-for-service-stability to true, or remove '${name}'`,
      );
    }
  }
  if (onTimeout === 'rollback' && !context.rollbackOnFailure) {
    throw new InputError(
      'on-timeout',
      "is 'rollback', but rollback-on-failure is false",
      "Set rollback-on-failure to true, or on-timeout to 'leave'",
    );
  }
  return { goal, onTimeout };
}
