import {
  BatchGetDeploymentTargetsCommand,
  GetDeploymentCommand,
  ListDeploymentTargetsCommand,
  type DeploymentInfo,
  type ECSTarget,
} from '@aws-sdk/client-codedeploy';
import { DescribeTasksCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { followDeployment, type FollowRequest } from '../../../../src/lib/codedeploy/follow-deployment.js';
import { Timeline } from '../../../../src/lib/ecs/timeline.js';
import { REF, TD1, TD2 } from '../ecs/fakes.js';
import { DEPLOYMENT_ID, TARGET_ID, ecsTarget, fakeCodeDeployDeps } from './fakes.js';

function setup(polls: { info: DeploymentInfo; target: ECSTarget }[], overrides: Partial<FollowRequest> = {}) {
  const fake = fakeCodeDeployDeps();
  const { codedeploy } = fake.mocks;
  const last = polls.at(-1);
  let poll = 0;
  codedeploy.on(GetDeploymentCommand).callsFake(() => ({ deploymentInfo: (polls[poll] ?? last)?.info }));
  codedeploy.on(ListDeploymentTargetsCommand).resolves({ targetIds: [TARGET_ID] });
  // No replacement task stopped unless a test says so.
  fake.mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [] });
  codedeploy.on(BatchGetDeploymentTargetsCommand).callsFake(() => {
    const target = (polls[poll] ?? last)?.target;
    poll += 1;
    return { deploymentTargets: [{ deploymentTargetType: 'ECSTarget', ecsTarget: target }] };
  });
  const request: FollowRequest = {
    ref: REF,
    deploymentId: DEPLOYMENT_ID,
    taskDefinitionArn: TD2,
    hooks: new Map([['AfterAllowTestTraffic', 'SmokeTestTestTraffic']]),
    alarms: ['web-5xx', 'web-latency'],
    until: 'complete',
    deadline: fake.deps.clock.now() + 600_000,
    pollIntervalMs: 10_000,
    seenTasks: new Set(),
    timeline: new Timeline(fake.deps.clock),
    watchTasks: true,
    ...overrides,
  };
  return { ...fake, request };
}

const inProgress: DeploymentInfo = { deploymentId: DEPLOYMENT_ID, status: 'InProgress', computePlatform: 'ECS' };

describe('followDeployment', () => {
  it('prints each lifecycle event once, in order, and succeeds with CodeDeploy', async () => {
    const { deps, request, text, lines, mocks } = setup([
      { info: inProgress, target: ecsTarget(2) },
      { info: inProgress, target: ecsTarget(2) },
      { info: inProgress, target: ecsTarget(5) },
      { info: { ...inProgress, status: 'Succeeded' }, target: ecsTarget(8) },
    ]);
    const result = await followDeployment(request, deps);
    expect(result.verdict).toEqual({ state: 'succeeded', trafficShiftedOnly: false });
    const events = lines
      .filter((line) => line.text.startsWith('CodeDeploy ') && !line.text.startsWith('CodeDeploy deployment'))
      .map((line) => line.text);
    expect(events).toEqual([
      'CodeDeploy BeforeInstall succeeded',
      'CodeDeploy Install succeeded',
      'CodeDeploy AfterInstall succeeded',
      'CodeDeploy AllowTestTraffic succeeded',
      'CodeDeploy AfterAllowTestTraffic succeeded (hook SmokeTestTestTraffic)',
      'CodeDeploy BeforeAllowTraffic succeeded',
      'CodeDeploy AllowTraffic succeeded',
      'CodeDeploy AfterAllowTraffic succeeded',
    ]);
    expect(text()).toContain(
      'Task sets: original 2/2 running, 100% of production traffic; replacement 2/2 running, 0% of production traffic',
    );
    // The target is listed once, then read by id.
    expect(mocks.codedeploy.commandCalls(ListDeploymentTargetsCommand)).toHaveLength(1);
    expect(request.timeline.entries.map((entry) => entry.text)).toContain('AfterAllowTestTraffic succeeded (hook SmokeTestTestTraffic)');
  });

  it('fails at once when a hook fails, naming the event, the hook and the diagnostics', async () => {
    const { deps, request } = setup([{ info: inProgress, target: ecsTarget(4, { failed: 'AfterAllowTestTraffic' }) }]);
    const result = await followDeployment(request, deps);
    expect(result.verdict).toEqual({
      state: 'failed',
      reason: 'lifecycle event AfterAllowTestTraffic failed in hook SmokeTestTestTraffic: ScriptFailed: smoke test returned 503',
      inFlight: true,
    });
  });

  it('names the alarm that stopped the deployment, and the rollback CodeDeploy started', async () => {
    const stopped: DeploymentInfo = {
      ...inProgress,
      status: 'Stopped',
      errorInformation: {
        code: 'ALARM_ACTIVE',
        message:
          'One or more alarms have been activated according to the Amazon CloudWatch metrics you selected, and the affected deployments have been stopped. Activated alarms: <web-5xx>',
      },
      rollbackInfo: { rollbackDeploymentId: 'd-ROLLBACK1', rollbackMessage: 'Automatic rollback triggered' },
    };
    const { deps, request } = setup([
      { info: inProgress, target: ecsTarget(3) },
      { info: stopped, target: ecsTarget(7) },
    ]);
    const result = await followDeployment(request, deps);
    expect(result.verdict).toMatchObject({ state: 'failed', inFlight: false, rollbackDeploymentId: 'd-ROLLBACK1' });
    expect(result.verdict.state === 'failed' && result.verdict.reason).toMatch(/^alarm web-5xx stopped the deployment \(ALARM_ACTIVE: /);
  });

  it('returns once production traffic is on the replacement with wait-until traffic-shifted', async () => {
    const { deps, request } = setup(
      [
        { info: inProgress, target: ecsTarget(5) },
        { info: { ...inProgress, instanceTerminationWaitTimeStarted: true }, target: ecsTarget(8) },
      ],
      { until: 'traffic-shifted' },
    );
    const result = await followDeployment(request, deps);
    expect(result.verdict).toEqual({ state: 'succeeded', trafficShiftedOnly: true });
  });

  it('fails when a replacement task stops, with its reason and exit code', async () => {
    const { deps, request, mocks, text } = setup([
      { info: inProgress, target: ecsTarget(1, { greenRunning: 2 }) },
      { info: inProgress, target: ecsTarget(1, { greenRunning: 1 }) },
    ]);
    const crashed = 'arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef';
    const old = 'arn:aws:ecs:us-east-1:123456789012:task/prod/fedcba9876543210';
    mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [crashed, old] });
    mocks.ecs.on(DescribeTasksCommand).resolves({
      tasks: [
        {
          taskArn: crashed,
          taskDefinitionArn: TD2,
          lastStatus: 'STOPPED',
          stopCode: 'EssentialContainerExited',
          stoppedReason: 'Essential container in task exited',
          containers: [{ name: 'web', exitCode: 3 }],
        },
        {
          taskArn: old,
          taskDefinitionArn: TD1,
          lastStatus: 'STOPPED',
          stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/1111)',
        },
      ],
    });
    const result = await followDeployment(request, deps);
    expect(result.verdict).toEqual({
      state: 'failed',
      reason: 'a task of the replacement task set stopped: Essential container in task exited (web: exit 3)',
      inFlight: true,
    });
    expect(result.stoppedTasks.map((task) => task.taskArn)).toEqual([crashed]);
    expect(text()).toContain('Task 0123456789abcdef stopped: Essential container in task exited');
  });

  it('times out without a verdict when the deployment neither ends nor fails', async () => {
    const { deps, request } = setup([{ info: { ...inProgress, status: 'Ready' }, target: ecsTarget(3) }]);
    request.deadline = deps.clock.now() + 30_000;
    const result = await followDeployment(request, deps);
    expect(result.verdict).toEqual({ state: 'timed-out' });
  });
});
