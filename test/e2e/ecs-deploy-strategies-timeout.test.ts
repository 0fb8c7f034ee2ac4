import type { Sandbox } from '../../sandbox/index.js';
import { runAction } from '../../sandbox/runner/run-action.js';
import { waitFor } from '../wait-for.js';
import { behave, deployInputs, describeService, renderedFile, runDeploy, settled, startDeploySandbox } from './ecs-deploy-helpers.js';
import { runRollback } from './ecs-rollback-helpers.js';
import { newestDeployment, STAGED, strategyConfig, strategyService } from './ecs-deploy-strategies-helpers.js';

/**
 * What ecs-deploy does when its own wait ends before ECS does (a bake or a hook longer than
 * wait-for-minutes: left to ECS, never rolled back unless on-timeout says so), a revision whose
 * tasks start failing after the first one ran (ECS has stopped counting), and ecs-rollback following
 * a blue/green rollback through its stages.
 */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startDeploySandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

const HOUR = 60 * 60 * 1000;

// Real time: wait-for-minutes is at least one runner minute, so every run here shares that minute.
test('a bake or a hook longer than the wait: timed-out and left to ECS; on-timeout: rollback rolls back', async () => {
  // 120 sandbox minutes are three real minutes at TIME_SCALE 40: well past the one-minute wait.
  const baking = STAGED.map((strategy) =>
    strategyService(sandbox, `${strategy.toLowerCase().replace('_', '')}-longbake`, strategyConfig(strategy, 120), { settleMs: 3 * HOUR }),
  );
  const holding = strategyService(
    sandbox,
    'bg-hold',
    {
      ...strategyConfig('BLUE_GREEN', 1),
      lifecycleHooks: [
        { targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'], timeoutConfiguration: { timeoutInMinutes: 300, action: 'CONTINUE' } },
      ],
    },
    { settleMs: 6 * HOUR },
  );
  const impatient = strategyService(sandbox, 'bg-impatient', strategyConfig('BLUE_GREEN', 120), { settleMs: 3 * HOUR });
  sandbox.admin.requests.clear();
  const run = (name: string, extra: Record<string, string> = {}) => {
    const { workspace, file } = renderedFile(name, `${name}:v2`);
    const inputs = deployInputs(file, name, { 'wait-for-minutes': '1', 'poll-interval-seconds': '2', ...extra });
    return runAction('ecs-deploy', { inputs, env: sandbox.env, workspace, timeoutMs: 100_000 });
  };
  const [bakes, hold, rolledBack] = await Promise.all([
    Promise.all(baking.map((service) => run(service.name))),
    run(holding.name),
    run(impatient.name, { 'on-timeout': 'rollback' }),
  ]);

  for (const [index, result] of bakes.entries()) {
    const name = baking[index]?.name ?? '';
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('timed-out');
    expect(result.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Deployment ecs-svc/\\d+ of service ${name} did not finish within wait-for-minutes \\(1 min\\), but ECS reports it healthy: it is in its bake time \\(120 min\\) with production traffic on the new revision\\. It is left to ECS, not rolled back`,
        ),
      ),
    ]);
    // ECS goes on baking the new revision.
    expect(await newestDeployment(sandbox, name)).toMatchObject({ status: 'IN_PROGRESS', lifecycleStage: 'BAKE_TIME' });
  }
  expect(hold.outputs.status).toBe('timed-out');
  expect(hold.errors[0]).toMatch(
    /but ECS reports it healthy: it is paused at PAUSE hook \S+ \(stage POST_SCALE_UP\), waiting for ContinueServiceDeployment until .*, then CONTINUE\. It is left to ECS/,
  );
  expect(await newestDeployment(sandbox, 'bg-hold')).toMatchObject({ status: 'IN_PROGRESS', lifecycleStage: 'POST_SCALE_UP' });

  expect(rolledBack.exitCode).toBe(1);
  expect(rolledBack.outputs.status).toBe('timed-out');
  expect(rolledBack.errors[0]).toMatch(
    /timed out: ECS did not finish the deployment within wait-for-minutes \(1 min\); it is in its bake time \(120 min\)/,
  );
  expect(rolledBack.errors.at(-1)).toMatch(/Rolled back: service bg-impatient runs bg-impatient:1 again$/);
  // Only the run told to roll back asked ECS to.
  expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'StopServiceDeployment' })).toBe(1);
  expect(await settled(sandbox, 'bg-impatient')).toEqual({ taskDefinition: impatient.taskDefinitionArn, rolloutState: 'COMPLETED' });
}, 110_000);

test('a revision whose tasks start failing after the first one ran fails at the breaker threshold, though ECS stopped counting', async () => {
  const name = 'late-fail';
  const service = strategyService(
    sandbox,
    name,
    { strategy: 'ROLLING', maximumPercent: 125, minimumHealthyPercent: 100 },
    { desiredCount: 4 },
  );
  const { workspace, file } = renderedFile(name, `${name}:v2`);
  sandbox.admin.requests.clear();
  const running = runDeploy(sandbox, deployInputs(file, name), { workspace });
  // The first new task runs healthy (ECS resets failedTasks and stops counting); every later one crashes after a while.
  await waitFor(
    async () => {
      const primary = (await describeService(sandbox, name)).deployments?.find((d) => d.status === 'PRIMARY');
      return primary?.taskDefinition !== service.taskDefinitionArn && (primary?.runningCount ?? 0) >= 1;
    },
    { timeoutMs: 30_000, intervalMs: 100, label: `a first task of ${name}:2 running` },
  );
  behave(sandbox, `${name}:v2`, {
    kind: 'exit',
    exitCode: 3,
    startSeconds: 20,
    logLines: ['connecting to redis', 'fatal: connection refused'],
  });
  const result = await running;
  expect(result.exitCode).toBe(1);
  expect(result.outputs.status).toBe('rolled-back');
  expect(result.errors[0]).toMatch(
    /failed: \d+ tasks of the new revision stopped \(the circuit breaker has not tripped: ECS stops counting failed tasks once one task of a deployment ran; failing at the circuit breaker's own threshold of 3\)/,
  );
  expect(result.log).toMatch(/\| fatal: connection refused/);
  const primary = (await describeService(sandbox, name)).deployments?.find((d) => d.status === 'PRIMARY');
  // ECS itself never counted these failures.
  expect(primary?.failedTasks ?? 0).toBe(0);
  expect(await settled(sandbox, name)).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
});

test('ecs-rollback follows a blue/green rollback through its stages', async () => {
  const name = 'bg-back';
  const service = strategyService(sandbox, name, strategyConfig('BLUE_GREEN', 1));
  const { workspace, file } = renderedFile(name, `${name}:v2`);
  const deployed = await runDeploy(sandbox, deployInputs(file, name), { workspace });
  expect(deployed.outputs.status).toBe('succeeded');
  const result = await runRollback(sandbox, { service: name, to: '1' });
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  expect(result.log).toMatch(/Lifecycle stage BAKE_TIME:/);
  expect(result.log).toMatch(/Production traffic: 100% on the new revision/);
  expect(await settled(sandbox, name)).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
});
