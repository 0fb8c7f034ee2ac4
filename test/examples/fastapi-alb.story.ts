import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { startPipeline, type Pipeline } from '../../sandbox/runner/example-pipeline.js';
import { waitFor, withDeadline } from '../wait-for.js';
import { commit, results, running, stepOf } from './example-helpers.js';
import type { Story, StoryStep } from './story.js';

/**
 * examples/fastapi-alb: FastAPI on Fargate behind an ALB with the target group checking
 * /api/v1/health, a CloudWatch deployment alarm and autoscaling, deployed with ECS-native blue/green
 * (strategy BLUE_GREEN, one minute of bake time). Autoscaling changing the desired count mid-deploy
 * does not confuse the verdict; a release that trips the alarm while it bakes is rolled back (traffic
 * back to blue) and reported naming the alarm.
 */

let pipeline: Pipeline;
let ecs: ECSClient;

/** Resolves once staging's PRIMARY deployment runs a revision other than `before` (the release has started). */
function releaseStarted(before: string): Promise<string> {
  return waitFor(
    async () => {
      // The cluster exists once the workflow's terraform job has applied.
      const described = await ecs
        .send(new DescribeServicesCommand({ cluster: 'staging', services: ['orders-api'] }))
        .catch((error: Error) => {
          if (error.name === 'ClusterNotFoundException') return undefined;
          throw error;
        });
      if (!described) return false;
      const primary = described.services?.[0]?.deployments?.find((d) => d.status === 'PRIMARY');
      return primary?.taskDefinition !== before && primary?.rolloutState === 'IN_PROGRESS' && (primary.taskDefinition ?? false);
    },
    { timeoutMs: 60_000, label: 'the staging release to start', intervalMs: 100 },
  );
}

/** Resolves once staging's newest service deployment is at `stage` (a lifecycle stage of BLUE_GREEN). */
function stageReached(stage: string): Promise<string> {
  return waitFor(
    async () => {
      const listed = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'staging', service: 'orders-api' }));
      const arn = listed.serviceDeployments?.[0]?.serviceDeploymentArn;
      if (!arn) return false;
      const described = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }));
      return described.serviceDeployments?.[0]?.lifecycleStage === stage && arn;
    },
    { timeoutMs: 60_000, label: `the staging release to reach ${stage}`, intervalMs: 100 },
  );
}

const PIPELINE_DEADLINE = { timeoutMs: 120_000, label: 'the deploy workflow' };
let firstRelease: string;

const step1: StoryStep = [
  'autoscaling changes the desired count in the middle of a release: the release still succeeds, with the new count',
  async () => {
    const bootstrap = pipeline.services.get('staging/orders-api')?.taskDefinitionArn ?? 'none yet';
    await pipeline.pullRequest(2, commit(1));
    const merging = pipeline.merge(2, commit(1));
    await releaseStarted(bootstrap);
    // What Application Auto Scaling does when CPU climbs: UpdateService with only desiredCount.
    await ecs.send(new UpdateServiceCommand({ cluster: 'staging', service: 'orders-api', desiredCount: 2 }));
    const merge = await withDeadline(merging, PIPELINE_DEADLINE);
    expect(results(merge)).toEqual({ terraform: 'success', staging: 'success', production: 'success' });
    expect(merge.jobs.staging?.outputs).toMatchObject({
      status: 'succeeded',
      'service-deployment-arn': expect.stringMatching(/:service-deployment\/staging\/orders-api\/\w+$/),
    });
    const described = await ecs.send(new DescribeServicesCommand({ cluster: 'staging', services: ['orders-api'] }));
    expect(described.services?.[0]).toMatchObject({
      desiredCount: 2,
      runningCount: 2,
      deploymentConfiguration: expect.objectContaining({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 }),
    });
    // Green took test, then production traffic, and baked before blue was scaled down.
    const log = stepOf(merge, 'staging', 'Deploy').result?.log ?? '';
    const stages = ['Test traffic: 100% on the new revision', 'Production traffic: 100% on the new revision', 'Lifecycle stage BAKE_TIME'];
    expect(stages.map((line) => log.indexOf(line))).toEqual([...stages.map((line) => log.indexOf(line))].sort((a, b) => a - b));
    expect(stages.every((line) => log.includes(line))).toBe(true);
    firstRelease = (await running(pipeline, 'staging', 'orders-api')).taskDefinitionArn;
    expect(firstRelease).toBe(merge.jobs.staging?.outputs['task-definition-arn']);
    expect(pipeline.health.requests).toContain('/staging/api/v1/health');
  },
];

const step2: StoryStep = [
  'a release that trips the 5xx alarm while it bakes is rolled back to blue, and the failure names the alarm',
  async () => {
    await pipeline.pullRequest(3, commit(2));
    const merging = pipeline.merge(3, commit(2));
    await releaseStarted(firstRelease);
    // Production traffic is on green and the errors start: the alarm fires during the bake.
    const serviceDeployment = await stageReached('BAKE_TIME');
    pipeline.sandbox.admin.setAlarmState('orders-api-staging-5xx', 'ALARM');
    const merge = await withDeadline(merging, PIPELINE_DEADLINE);
    pipeline.sandbox.admin.setAlarmState('orders-api-staging-5xx', 'OK');
    expect(results(merge)).toEqual({ terraform: 'success', staging: 'failure', production: 'skipped' });
    expect(merge.jobs.staging?.outputs).toMatchObject({ status: 'rolled-back', 'rollback-task-definition-arn': firstRelease });
    expect(merge.jobs.staging?.outputs['service-deployment-arn']).toBe(serviceDeployment);
    expect(stepOf(merge, 'staging', 'Deploy').result?.errors.at(-1)).toMatch(
      /alarm\(s\) orders-api-staging-5xx went into ALARM state \(at stage BAKE_TIME\)\. Rolled back/,
    );
    expect(await running(pipeline, 'staging', 'orders-api')).toMatchObject({ taskDefinitionArn: firstRelease, rolloutState: 'COMPLETED' });
  },
];

const step3: StoryStep = [
  'the Run workflow button rolls production back, a dry run first',
  async () => {
    const dry = await pipeline.dispatch('rollback.yml', {
      environment: 'production',
      reason: 'orders show the wrong status',
      'dry-run': true,
    });
    expect(dry.jobs.rollback?.outputs.status).toBe('dry-run');
    const before = (await running(pipeline, 'production', 'orders-api')).taskDefinitionArn;
    const rollback = await pipeline.dispatch('rollback.yml', { environment: 'production', reason: 'orders show the wrong status' });
    expect(rollback.jobs.rollback?.outputs).toMatchObject({ 'from-task-definition-arn': before, status: 'rolled-back' });
    expect((await running(pipeline, 'production', 'orders-api')).taskDefinitionArn).toBe(
      pipeline.services.get('production/orders-api')?.taskDefinitionArn,
    );
  },
];

export const fastapiAlb: Story = {
  example: 'fastapi-alb',
  async start() {
    pipeline = await startPipeline({ example: 'fastapi-alb', environments: ['staging', 'production'] });
    ecs = new ECSClient({
      region: 'us-east-1',
      endpoint: pipeline.sandbox.endpoints.ecs,
      credentials: {
        accessKeyId: pipeline.sandbox.env.AWS_ACCESS_KEY_ID ?? '',
        secretAccessKey: pipeline.sandbox.env.AWS_SECRET_ACCESS_KEY ?? '',
      },
    });
  },
  steps: [step1, step2, step3],
  async stop() {
    ecs.destroy();
    await pipeline.stop();
  },
};
