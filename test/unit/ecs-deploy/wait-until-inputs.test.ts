import { readWaitUntil } from '../../../src/ecs-deploy/wait-until-inputs.js';
import { InputError } from '../../../src/lib/errors.js';
import { Inputs } from '../../../src/lib/inputs.js';

const read = (raw: Record<string, string>, context: Partial<Parameters<typeof readWaitUntil>[1]> = {}) =>
  readWaitUntil(new Inputs((name) => raw[name] ?? ''), { service: 'web', waitForStability: true, rollbackOnFailure: true, ...context });

function refusal(run: () => unknown): InputError {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

test('defaults: wait until completed, leave a healthy deployment on timeout', () => {
  expect(read({})).toEqual({ goal: 'completed', onTimeout: 'leave' });
  expect(read({ 'wait-until': 'paused', 'on-timeout': 'rollback' })).toEqual({ goal: 'paused', onTimeout: 'rollback' });
  expect(read({ 'wait-until': 'traffic-shifted' }).goal).toBe('traffic-shifted');
});

test.each([
  ['an unknown goal', { 'wait-until': 'baked' }, {}, 'wait-until', /Use one of: completed, traffic-shifted, paused/],
  ['an unknown timeout action', { 'on-timeout': 'ignore' }, {}, 'on-timeout', /Use one of: leave, rollback/],
  ['wait-until without a service', { 'wait-until': 'paused' }, { service: undefined }, 'wait-until', /Set 'service'/],
  [
    'wait-until without waiting',
    { 'wait-until': 'paused' },
    { waitForStability: false },
    'wait-until',
    /wait-for-service-stability to true/,
  ],
  [
    'on-timeout rollback without rollback',
    { 'on-timeout': 'rollback' },
    { rollbackOnFailure: false },
    'on-timeout',
    /rollback-on-failure to true/,
  ],
])('refuses %s, naming the input and the fix', (_label, raw, context, input, fix) => {
  const error = refusal(() => read(raw, context));
  expect(error.input).toBe(input);
  expect(error.message).toMatch(fix);
});
