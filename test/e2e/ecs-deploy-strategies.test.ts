import type { Sandbox } from '../../sandbox/index.js';
import { STAGED_LIFECYCLE_STAGES } from '../sandbox/strategy-helpers.js';
import { waitFor } from '../wait-for.js';
import { deployInputs, primaryOf, renderedFile, runDeploy, settled, startDeploySandbox } from './ecs-deploy-helpers.js';
import {
  continueDeployment,
  LAMBDA,
  newestDeployment,
  STAGED,
  strategyConfig,
  strategyService,
  type StagedStrategy,
} from './ecs-deploy-strategies-helpers.js';

/**
 * The bundled ecs-deploy following BLUE_GREEN, LINEAR and CANARY deployments in the sandbox: the
 * stages and traffic steps it prints, a failing lifecycle hook, an alarm during the bake, and
 * `wait-until: paused` at a PAUSE hook (then continued or rolled back from outside).
 */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startDeploySandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

const short = (strategy: StagedStrategy) => ({ BLUE_GREEN: 'bg', LINEAR: 'linear', CANARY: 'canary' })[strategy];

/** How often `text` occurs in the log. */
const count = (log: string, text: string) => log.split(text).length - 1;

describe.each(STAGED)('%s', (strategy) => {
  test('a healthy revision: every stage and traffic step printed once, in order, then verified success', async () => {
    const name = `${short(strategy)}-ok`;
    const service = strategyService(sandbox, name, strategyConfig(strategy, 1));
    const { workspace, file } = renderedFile(name, `${name}:v2`);
    const result = await runDeploy(sandbox, deployInputs(file, name), { workspace });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.status).toBe('succeeded');
    expect(result.outputs['service-deployment-arn']).toMatch(/^arn:aws:ecs:us-east-1:\d+:service-deployment\//);
    // Stages shorter than a poll (the sandbox runs 40 times faster than the runner) may pass unseen; every one seen is printed once, in ECS's order.
    const printed = [...result.log.matchAll(/Lifecycle stage ([A-Z_]+):/g)].map((match) => match[1] ?? '');
    expect(new Set(printed).size).toBe(printed.length);
    expect(printed).toEqual(STAGED_LIFECYCLE_STAGES.filter((stage) => printed.includes(stage)));
    expect(printed).toEqual(expect.arrayContaining(['BAKE_TIME', 'CLEAN_UP']));
    const steps = {
      BLUE_GREEN: ['Production traffic: 100% on the new revision'],
      LINEAR: ['Production traffic: 50% on the new revision (step 1 of 2)', 'Production traffic: 100% on the new revision (step 2 of 2)'],
      CANARY: [
        'Production traffic: 20% on the new revision (canary, step 1 of 2; 1 min bake)',
        'Production traffic: 100% on the new revision (step 2 of 2)',
      ],
    }[strategy];
    for (const step of steps) expect(count(result.log, step)).toBe(1);
    expect(result.log).toMatch(/Target groups and container health checks report 2 new task\(s\) healthy/);
    expect(result.summary).toContain('Production traffic: 100% on the new revision');
    expect(await primaryOf(sandbox, name)).toEqual({ taskDefinition: result.outputs['task-definition-arn'], rolloutState: 'COMPLETED' });
    expect(service.taskDefinitionArn).not.toBe(result.outputs['task-definition-arn']);
  });

  test('a failing lifecycle hook is named with its stage and reason; ECS rolls back', async () => {
    const name = `${short(strategy)}-hook`;
    const service = strategyService(sandbox, name, {
      ...strategyConfig(strategy, 1),
      lifecycleHooks: [{ targetType: 'AWS_LAMBDA', hookTargetArn: `${LAMBDA}-${name}`, lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
    });
    // The first deployment passed the hook; this one fails it.
    sandbox.admin.setLifecycleHookBehavior(`${LAMBDA}-${name}`, 'FAILED', { reason: 'smoke test: GET /orders answered 500' });
    const { workspace, file } = renderedFile(name, `${name}:v2`);
    const result = await runDeploy(sandbox, deployInputs(file, name), { workspace });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('rolled-back');
    expect(result.errors[0]).toContain(`lifecycle Lambda hook ${LAMBDA}-${name} FAILED at stage POST_TEST_TRAFFIC_SHIFT`);
    expect(result.errors[0]).toContain('smoke test: GET /orders answered 500');
    expect(await settled(sandbox, name)).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
  });

  test('an alarm during the bake time is named with the stage; ECS rolls back', async () => {
    const name = `${short(strategy)}-alarm`;
    const alarm = `${name}-5xx`;
    const service = strategyService(sandbox, name, {
      ...strategyConfig(strategy, 20),
      alarms: { alarmNames: [alarm], enable: true, rollback: true },
    });
    const { workspace, file } = renderedFile(name, `${name}:v2`);
    const running = runDeploy(sandbox, deployInputs(file, name), { workspace });
    await waitFor(async () => (await newestDeployment(sandbox, name))?.lifecycleStage === 'BAKE_TIME', {
      timeoutMs: 30_000,
      intervalMs: 200,
      label: `${name} to reach BAKE_TIME`,
    });
    sandbox.admin.setAlarmState(alarm, 'ALARM');
    const result = await running;
    sandbox.admin.setAlarmState(alarm, 'OK');
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('rolled-back');
    expect(result.errors[0]).toMatch(new RegExp(`${alarm}.*ALARM|ALARM.*${alarm}`));
    expect(result.errors[0]).toContain('at stage BAKE_TIME');
    expect(await settled(sandbox, name)).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
  });
});

describe('wait-until: paused', () => {
  const pausing = (strategy: StagedStrategy) => ({
    ...strategyConfig(strategy, 1),
    // The first deployment pauses too: it continues by itself after its timeout, which settle() lets pass.
    lifecycleHooks: [
      {
        targetType: 'PAUSE' as const,
        lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT' as const],
        timeoutConfiguration: { timeoutInMinutes: 30, action: 'CONTINUE' as const },
      },
    ],
  });

  test.each(STAGED)('%s: stops at the PAUSE hook with hook-id; continued from outside, the deployment completes', async (strategy) => {
    const name = `${short(strategy)}-pause`;
    strategyService(sandbox, name, pausing(strategy));
    const { workspace, file } = renderedFile(name, `${name}:v2`);
    const result = await runDeploy(sandbox, deployInputs(file, name, { 'wait-until': 'paused' }), { workspace });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.status).toBe('paused');
    const hookId = result.outputs['hook-id'] ?? '';
    const arn = result.outputs['service-deployment-arn'] ?? '';
    expect(hookId).not.toBe('');
    expect(result.log).toContain(`is paused at PAUSE hook ${hookId} (stage POST_TEST_TRAFFIC_SHIFT)`);
    const deployment = await newestDeployment(sandbox, name);
    expect(deployment).toMatchObject({ serviceDeploymentArn: arn, status: 'IN_PROGRESS' });
    expect(deployment?.lifecycleHookDetails).toContainEqual(expect.objectContaining({ hookId, status: 'AWAITING_ACTION' }));
    await continueDeployment(sandbox, arn, hookId, 'CONTINUE');
    expect(await settled(sandbox, name)).toEqual({ taskDefinition: result.outputs['task-definition-arn'], rolloutState: 'COMPLETED' });
  });

  test('rolled back from outside at the hook, the service returns to the old revision', async () => {
    const name = 'bg-pause-reject';
    const service = strategyService(sandbox, name, pausing('BLUE_GREEN'));
    const { workspace, file } = renderedFile(name, `${name}:v2`);
    const result = await runDeploy(sandbox, deployInputs(file, name, { 'wait-until': 'paused' }), { workspace });
    expect(result.outputs.status).toBe('paused');
    await continueDeployment(sandbox, result.outputs['service-deployment-arn'] ?? '', result.outputs['hook-id'] ?? '', 'ROLLBACK');
    expect(await settled(sandbox, name)).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
  });

  test('a service without a PAUSE hook is refused before UpdateService, naming wait-until', async () => {
    strategyService(sandbox, 'bg-nopause', strategyConfig('BLUE_GREEN', 1));
    const { workspace, file } = renderedFile('bg-nopause', 'bg-nopause:v2');
    sandbox.admin.requests.clear();
    const result = await runDeploy(sandbox, deployInputs(file, 'bg-nopause', { 'wait-until': 'paused' }), { workspace });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(/^Input 'wait-until': is 'paused', but service bg-nopause has no PAUSE lifecycle hook/),
    ]);
    expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'UpdateService' })).toBe(0);
  });
});
