import type { Sandbox } from '../../sandbox/index.js';
import { ECS_EVENTS } from '../../src/lib/codedeploy/lifecycle.js';
import { waitFor } from '../wait-for.js';
import { behave, deployInputs, runDeploy, startDeploySandbox } from './ecs-deploy-helpers.js';
import { appSpecWithHook, blueGreenService, codeDeployWorkspace, productionTaskDefinition } from './ecs-deploy-codedeploy-helpers.js';

/** The bundled ecs-deploy on CODE_DEPLOY services: CodeDeploy blue/green followed event by event, failing fast and rolling back. */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startDeploySandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

test('a healthy blue/green deployment: AppSpec built from the service, every lifecycle event printed once, traffic on the new revision', async () => {
  const service = blueGreenService(sandbox, 'cd-healthy');
  const { workspace, file } = codeDeployWorkspace('cd-healthy', 'cd-healthy:v2');
  const result = await runDeploy(sandbox, deployInputs(file, 'cd-healthy', { 'codedeploy-deployment-description': 'release v2' }), {
    workspace,
  });
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  expect(result.outputs.status).toBe('succeeded');
  const deploymentId = result.outputs['deployment-id'] ?? '';
  expect(deploymentId).toMatch(/^d-[A-Z0-9]{9}$/);
  for (const event of ECS_EVENTS)
    expect(result.log.split('\n').filter((line) => line.endsWith(`CodeDeploy ${event} succeeded`))).toHaveLength(1);
  const newArn = result.outputs['task-definition-arn'] ?? '';
  expect(newArn).toMatch(/task-definition\/cd-healthy:2$/);
  expect(await productionTaskDefinition(sandbox, 'cd-healthy')).toBe(newArn);
  const weights = sandbox.admin.codedeploy.listenerWeights(service.prodListenerArn);
  expect(weights[service.targetGroupArns[1]]).toBe(100);
  const record = sandbox.admin.codedeploy.deployment(deploymentId);
  expect(record).toMatchObject({ description: 'release v2' });
  expect(result.summary).toMatch(/AfterAllowTestTraffic succeeded/);
});

test('a user AppSpec file: <TASK_DEFINITION> becomes the registered revision and its hook runs', async () => {
  blueGreenService(sandbox, 'cd-appspec');
  sandbox.admin.codedeploy.setHookResponse('CheckAppSpecTraffic', { status: 'Succeeded', afterSeconds: 3 });
  const { workspace, file } = codeDeployWorkspace('cd-appspec', 'cd-appspec:v2', appSpecWithHook('CheckAppSpecTraffic'));
  const result = await runDeploy(sandbox, deployInputs(file, 'cd-appspec', { 'codedeploy-appspec': 'appspec.yaml' }), { workspace });
  expect(result.errors).toEqual([]);
  expect(result.outputs.status).toBe('succeeded');
  expect(result.log).toContain('CodeDeploy AfterAllowTestTraffic succeeded (hook CheckAppSpecTraffic)');
  const invoked = sandbox.admin.codedeploy.hookInvocations().filter((hook) => hook.functionName === 'CheckAppSpecTraffic');
  expect(invoked.map((hook) => [hook.deploymentId, hook.lifecycleEventName])).toEqual([
    [result.outputs['deployment-id'], 'AfterAllowTestTraffic'],
  ]);
  expect(await productionTaskDefinition(sandbox, 'cd-appspec')).toBe(result.outputs['task-definition-arn']);
});

test('a failing AfterAllowTestTraffic hook fails the step at once, naming the event and hook, and production stays on v1', async () => {
  const service = blueGreenService(sandbox, 'cd-hook');
  sandbox.admin.codedeploy.setHookResponse('SmokeTestFails', { status: 'Failed', afterSeconds: 3 });
  const { workspace, file } = codeDeployWorkspace('cd-hook', 'cd-hook:v2', appSpecWithHook('SmokeTestFails'));
  const result = await runDeploy(sandbox, deployInputs(file, 'cd-hook', { 'codedeploy-appspec': 'appspec.yaml' }), { workspace });
  expect(result.exitCode).toBe(1);
  expect(result.outputs.status).toBe('rolled-back');
  expect(result.errors[0]).toMatch(
    /^CodeDeploy deployment d-\w+ of service cd-hook failed: lifecycle event AfterAllowTestTraffic failed in hook SmokeTestFails/,
  );
  expect(result.log).not.toMatch(/CodeDeploy BeforeAllowTraffic succeeded/);
  expect(await productionTaskDefinition(sandbox, 'cd-hook')).toBe(service.taskDefinitionArn);
  expect(result.outputs['rollback-task-definition-arn']).toBe(service.taskDefinitionArn);
});

test('replacement tasks that crash fail the deployment with their exit code and log, long before CodeDeploy gives up', async () => {
  const service = blueGreenService(sandbox, 'cd-crash');
  behave(sandbox, 'cd-crash:v2', { kind: 'exit', exitCode: 3, startSeconds: 2, logLines: ['Error: DATABASE_URL is not set'] });
  const { workspace, file } = codeDeployWorkspace('cd-crash', 'cd-crash:v2');
  const result = await runDeploy(sandbox, deployInputs(file, 'cd-crash'), { workspace });
  expect(result.exitCode).toBe(1);
  expect(result.outputs.status).toBe('rolled-back');
  expect(result.errors[0]).toMatch(/of service cd-crash failed: (a task|\d+ tasks) of the replacement task set stopped: .*web: exit 3/);
  expect(result.errors[0]).toContain('DATABASE_URL is not set');
  expect(result.log).toMatch(/Stopping CodeDeploy deployment d-\w+ with automatic rollback/);
  expect(await productionTaskDefinition(sandbox, 'cd-crash')).toBe(service.taskDefinitionArn);
});

test('an alarm that stops the deployment is named, and CodeDeploy’s own rollback is followed', async () => {
  const service = blueGreenService(sandbox, 'cd-alarm', { alarms: ['cd-alarm-5xx', 'cd-alarm-latency'], autoRollbackOnAlarm: true });
  sandbox.admin.codedeploy.setHookResponse('HoldForAlarm', { status: 'none' });
  const { workspace, file } = codeDeployWorkspace('cd-alarm', 'cd-alarm:v2', appSpecWithHook('HoldForAlarm'));
  const running = runDeploy(sandbox, deployInputs(file, 'cd-alarm', { 'codedeploy-appspec': 'appspec.yaml' }), { workspace });
  await waitFor(() => sandbox.admin.codedeploy.hookInvocations().some((hook) => hook.functionName === 'HoldForAlarm'), {
    timeoutMs: 30_000,
    label: 'the AfterAllowTestTraffic hook of cd-alarm',
  });
  sandbox.admin.setAlarmState('cd-alarm-5xx', 'ALARM');
  const result = await running;
  expect(result.exitCode).toBe(1);
  expect(result.errors[0]).toMatch(/failed: alarm cd-alarm-5xx stopped the deployment \(ALARM_ACTIVE/);
  expect(result.log).toMatch(/Following CodeDeploy's rollback deployment d-\w+/);
  expect(result.outputs.status).toBe('rolled-back');
  expect(await productionTaskDefinition(sandbox, 'cd-alarm')).toBe(service.taskDefinitionArn);
  sandbox.admin.setAlarmState('cd-alarm-5xx', 'OK');
});

test('wait-until traffic-shifted returns once AllowTraffic succeeded, before the termination wait', async () => {
  blueGreenService(sandbox, 'cd-shift');
  const { workspace, file } = codeDeployWorkspace('cd-shift', 'cd-shift:v2');
  const result = await runDeploy(sandbox, deployInputs(file, 'cd-shift', { 'wait-until': 'traffic-shifted' }), { workspace });
  expect(result.errors).toEqual([]);
  expect(result.outputs.status).toBe('traffic-shifted');
  expect(result.log).toContain('CodeDeploy AllowTraffic succeeded');
  const status = sandbox.admin.codedeploy.deployment(result.outputs['deployment-id'] ?? '')?.status;
  expect(status).toBe('InProgress');
});
