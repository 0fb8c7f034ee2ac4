import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sandbox } from '../../sandbox/index.js';
import {
  behave,
  deployInputs,
  existingService,
  primaryOf,
  renderedFile,
  runDeploy,
  settled,
  startDeploySandbox,
  taskDefinition,
} from './ecs-deploy-helpers.js';

/** The bundled ecs-deploy against the sandbox: rollouts that succeed, fail fast, and roll back. */

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startDeploySandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

test('a healthy image is deployed, followed to COMPLETED and verified', async () => {
  const service = existingService(sandbox, 'healthy');
  const { workspace, file } = renderedFile('healthy', 'healthy:v2');
  const result = await runDeploy(sandbox, deployInputs(file, 'healthy'), { workspace });
  expect(result.errors).toEqual([]);
  expect(result.exitCode).toBe(0);
  expect(result.outputs.status).toBe('succeeded');
  expect(result.outputs['task-definition-arn']).toMatch(/:task-definition\/healthy:2$/);
  expect(result.outputs['deployment-id']).toMatch(/^ecs-svc\/\d+$/);
  expect(JSON.parse(result.outputs.images ?? '{}')).toEqual({ web: expect.stringMatching(/^healthy@sha256:[0-9a-f]{64}$/) });
  expect(result.log).toMatch(/has reached a steady state/);
  expect(result.summary).toMatch(/Deployed/);
  // New digests come from the tasks the health checks described; old images from one look-up at the end, nothing more.
  expect(result.summary).toMatch(/\| `web` \| `healthy:v1` \| `healthy:v2` \| `sha256:[0-9a-f]{64}` \|/);
  const calls = (operation: string) =>
    sandbox.admin.requests.list({ service: 'ecs', operation }).filter((e) => JSON.stringify(e.params).includes('healthy')).length;
  expect(calls('ListServiceDeployments')).toBe(0);
  expect(calls('DescribeTaskDefinition') + calls('DescribeServiceRevisions')).toBe(1);
  // A rolling deployment that completes needs no service-deployment record (issue 17's call budget).
  expect(calls('DescribeServiceDeployments')).toBe(0);
  expect(await primaryOf(sandbox, 'healthy')).toEqual({ taskDefinition: result.outputs['task-definition-arn'], rolloutState: 'COMPLETED' });
  expect(service.taskDefinitionArn).not.toBe(result.outputs['task-definition-arn']);
});

test('a crashing image: the circuit breaker rolls back, the step reports why and exits 1', async () => {
  const service = existingService(sandbox, 'crash');
  behave(sandbox, 'crash:v2', { kind: 'exit', exitCode: 1, logLines: ['booting', 'Error: DATABASE_URL is not set'] });
  const { workspace, file } = renderedFile('crash', 'crash:v2');
  const result = await runDeploy(sandbox, deployInputs(file, 'crash'), { workspace });
  expect(result.exitCode).toBe(1);
  expect(result.outputs.status).toBe('rolled-back');
  expect(result.outputs['rollback-task-definition-arn']).toBe(service.taskDefinitionArn);
  // Announced the moment ECS said so, then once more with the outcome of the rollback.
  expect(result.errors).toEqual([
    expect.stringMatching(
      /failed: ECS deployment circuit breaker: tasks failed to start\. Last stopped task: Essential container in task exited \(web: exit 1\); last log line: Error: DATABASE_URL is not set$/,
    ),
    expect.stringMatching(/Rolled back: service crash runs crash:1 again$/),
  ]);
  expect(result.stdout.indexOf('::error::')).toBeLessThan(result.stdout.indexOf('Rollback finished'));
  expect(result.log).toMatch(/container web: exit code 1/);
  expect(result.log).toMatch(/\| Error: DATABASE_URL is not set/);
  expect(result.log.match(/Task [0-9a-f]{32} stopped/g)?.length).toBe(new Set(result.log.match(/Task [0-9a-f]{32} stopped/g)).size);
  expect(result.summary).toMatch(/Failed and rolled back/);
  expect(await primaryOf(sandbox, 'crash')).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
});

test('no circuit breaker and failing target health: ecs-deploy rolls back itself', async () => {
  const service = existingService(sandbox, 'unhealthy', { breaker: { enable: false, rollback: false } });
  behave(sandbox, 'unhealthy:v2', { kind: 'unhealthy-target' });
  const { workspace, file } = renderedFile('unhealthy', 'unhealthy:v2');
  sandbox.admin.requests.clear();
  const result = await runDeploy(sandbox, deployInputs(file, 'unhealthy'), { workspace });
  expect(result.exitCode).toBe(1);
  expect(result.outputs.status).toBe('rolled-back');
  expect(result.errors[0]).toMatch(/tasks of the new revision stopped \(the circuit breaker is off/);
  expect(result.errors[0]).toMatch(/ELB health checks|unhealthy/i);
  expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'StopServiceDeployment' })).toBe(1);
  expect(await settled(sandbox, 'unhealthy')).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
});

test('the circuit breaker without rollback: ECS gives up, ecs-deploy deploys the previous revision again', async () => {
  const service = existingService(sandbox, 'norollback', { breaker: { enable: true, rollback: false } });
  behave(sandbox, 'norollback:v2', { kind: 'exit', exitCode: 137 });
  const { workspace, file } = renderedFile('norollback', 'norollback:v2');
  const result = await runDeploy(sandbox, deployInputs(file, 'norollback'), { workspace });
  expect(result.exitCode).toBe(1);
  expect(result.outputs.status).toBe('rolled-back');
  expect(result.outputs['rollback-task-definition-arn']).toBe(service.taskDefinitionArn);
  expect(result.log).toMatch(/Rolling service norollback back to .*norollback:1/);
  expect(await primaryOf(sandbox, 'norollback')).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
});

test('an image that cannot be pulled fails at once with the pull error', async () => {
  const service = existingService(sandbox, 'pull');
  behave(sandbox, 'pull:v2', { kind: 'pull-error' });
  const { workspace, file } = renderedFile('pull', 'pull:v2');
  const result = await runDeploy(sandbox, deployInputs(file, 'pull'), { workspace });
  expect(result.exitCode).toBe(1);
  expect(result.errors[0]).toMatch(/CannotPullContainerError/);
  expect(result.outputs.status).toBe('rolled-back');
  expect(await settled(sandbox, 'pull')).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
});

test('a failed migration task leaves the service untouched', async () => {
  const service = existingService(sandbox, 'migrate');
  behave(sandbox, 'migrate:v2', { kind: 'exit', exitCode: 3, logLines: ['running migrations', 'ERROR: relation "users" already exists'] });
  const { workspace, file } = renderedFile('migrate', 'migrate:v2');
  sandbox.admin.requests.clear();
  const result = await runDeploy(
    sandbox,
    deployInputs(file, 'migrate', { 'run-task': 'true', 'run-task-container-overrides': '[{"name": "web", "command": ["bin/migrate"]}]' }),
    { workspace },
  );
  expect(result.exitCode).toBe(1);
  expect(result.outputs.status).toBe('failed');
  expect(result.outputs['run-task-arn']).toMatch(/:task\/prod\/[0-9a-f]{32}$/);
  expect(result.errors).toEqual([
    expect.stringMatching(/The one-off task [0-9a-f]{32} failed: web exited 3\. Service migrate was not updated/),
  ]);
  expect(result.log).toMatch(/\| ERROR: relation "users" already exists/);
  expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'UpdateService' })).toBe(0);
  expect(await primaryOf(sandbox, 'migrate')).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
});

test('an existing task definition ARN is deployed without registering anything', async () => {
  existingService(sandbox, 'promote');
  const arn = sandbox.admin.registerTaskDefinition(taskDefinition('promote', 'promote:v2'));
  sandbox.admin.requests.clear();
  const result = await runDeploy(sandbox, deployInputs(arn, 'promote'));
  expect(result.exitCode).toBe(0);
  expect(result.outputs).toMatchObject({ status: 'succeeded', 'task-definition-arn': arn });
  expect(sandbox.admin.requests.count({ service: 'ecs', operation: 'RegisterTaskDefinition' })).toBe(0);
  expect(await primaryOf(sandbox, 'promote')).toEqual({ taskDefinition: arn, rolloutState: 'COMPLETED' });
});

describe('a health-check URL', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      response.statusCode = request.url === '/ok' ? 200 : 503;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test('that answers as expected lets the deployment succeed', async () => {
    existingService(sandbox, 'urlok');
    const { workspace, file } = renderedFile('urlok', 'urlok:v2');
    const result = await runDeploy(
      sandbox,
      deployInputs(file, 'urlok', { 'health-check-url': `${url}/ok`, 'health-check-successes': '2' }),
      { workspace },
    );
    expect(result.exitCode).toBe(0);
    expect(result.log).toMatch(/Health check .*\/ok: 200 \(2\/2 in a row\)/);
  });

  test('that fails after ECS reached steady state rolls the service back by ARN', async () => {
    const service = existingService(sandbox, 'urlbad');
    const { workspace, file } = renderedFile('urlbad', 'urlbad:v2');
    const result = await runDeploy(sandbox, deployInputs(file, 'urlbad', { 'health-check-url': `${url}/health` }), { workspace });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('rolled-back');
    expect(result.errors[0]).toMatch(/health check .*\/health answered 503 3 times in a row \(expected 200\)/);
    expect(result.log).toMatch(/ECS completed deployment/);
    expect(result.outputs['rollback-task-definition-arn']).toBe(service.taskDefinitionArn);
    expect(await primaryOf(sandbox, 'urlbad')).toEqual({ taskDefinition: service.taskDefinitionArn, rolloutState: 'COMPLETED' });
  });
});
