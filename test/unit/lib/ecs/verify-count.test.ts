import { DescribeTasksCommand, ListTasksCommand, type Service } from '@aws-sdk/client-ecs';
import { expectedTaskCount, verifyServiceHealth } from '../../../../src/lib/ecs/health-checks.js';
import { fakeDeps, REF, TD1, TD2 } from './fakes.js';

/** Verification is never vacuous: the new revision's running tasks must reach the deployment's desired count. */

const service = (desiredCount: number): Service => ({
  serviceName: 'web',
  desiredCount,
  deployments: [
    { id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: TD2, desiredCount },
    { id: 'ecs-svc/1', status: 'ACTIVE', taskDefinition: TD1, desiredCount: 0 },
  ],
});

function running(fake: ReturnType<typeof fakeDeps>, count: number): void {
  const arns = Array.from({ length: count }, (_, i) => `arn:aws:ecs:us-east-1:123456789012:task/prod/n${i}`);
  fake.mocks.ecs.on(ListTasksCommand).resolves({ taskArns: arns });
  fake.mocks.ecs.on(DescribeTasksCommand).resolves({
    tasks: arns.map((taskArn) => ({ taskArn, taskDefinitionArn: TD2, lastStatus: 'RUNNING', containers: [{ name: 'app' }] })),
  });
}

const request = (fake: ReturnType<typeof fakeDeps>, svc: Service) => ({
  ref: REF,
  service: svc,
  taskDefinitionArn: TD2,
  pollIntervalMs: 10_000,
  deadline: fake.deps.clock.now() + 60_000,
});

test('the expected count is the desired count of the deployment of the new revision', () => {
  expect(expectedTaskCount(service(3), TD2)).toBe(3);
  expect(expectedTaskCount({ desiredCount: 5 }, TD2)).toBe(5);
});

test('all new tasks running and healthy: a pass that says how many', async () => {
  const fake = fakeDeps();
  running(fake, 2);
  const result = await verifyServiceHealth(request(fake, service(2)), fake.deps);
  expect(result).toMatchObject({ healthy: true, taskCount: 2 });
  // The tasks it described come back, so that the images report needs no second DescribeTasks.
  expect(result.healthy && result.tasks.map((task) => task.lastStatus)).toEqual(['RUNNING', 'RUNNING']);
});

test('fewer new tasks than desired never pass: the wait ends saying how many run', async () => {
  const fake = fakeDeps();
  running(fake, 1);
  expect(await verifyServiceHealth(request(fake, service(2)), fake.deps)).toEqual({
    healthy: false,
    reason: 'health checks did not pass in time: 1 of 2 new task(s) running',
  });
  expect(fake.text()).toContain('Waiting for health checks: 1 of 2 new task(s) running');
});

test('"0 new tasks healthy" is not a pass: a desired count of 0 cannot be verified', async () => {
  const fake = fakeDeps();
  running(fake, 0);
  const result = await verifyServiceHealth(request(fake, service(0)), fake.deps);
  expect(result).toMatchObject({
    healthy: false,
    reason: expect.stringMatching(/desired count is 0.*wait-for-service-stability to false/),
  });
  expect(fake.mocks.ecs.commandCalls(ListTasksCommand)).toHaveLength(0);
});
