import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { startPipeline, type Pipeline } from '../../sandbox/runner/example-pipeline.js';
import { waitFor, withDeadline } from '../wait-for.js';
import { commit, results, running, stepOf } from './example-helpers.js';
import type { Story, StoryStep } from './story.js';

/**
 * examples/fastapi-alb: FastAPI on Fargate behind an ALB with the target group checking
 * /api/v1/health, a CloudWatch deployment alarm and autoscaling. Autoscaling changing the desired
 * count mid-deploy does not confuse the verdict; a release that trips the alarm is rolled back and
 * reported naming the alarm. (Blue/green for this system grows with the deployment strategies.)
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
    expect(merge.jobs.staging?.outputs.status).toBe('succeeded');
    const described = await ecs.send(new DescribeServicesCommand({ cluster: 'staging', services: ['orders-api'] }));
    expect(described.services?.[0]).toMatchObject({ desiredCount: 2, runningCount: 2 });
    firstRelease = (await running(pipeline, 'staging', 'orders-api')).taskDefinitionArn;
    expect(firstRelease).toBe(merge.jobs.staging?.outputs['task-definition-arn']);
    expect(pipeline.health.requests).toContain('/staging/api/v1/health');
  },
];

const step2: StoryStep = [
  'a release that trips the 5xx deployment alarm is rolled back, and the failure names the alarm',
  async () => {
    await pipeline.pullRequest(3, commit(2));
    const merging = pipeline.merge(3, commit(2));
    await releaseStarted(firstRelease);
    pipeline.sandbox.admin.setAlarmState('orders-api-staging-5xx', 'ALARM');
    const merge = await withDeadline(merging, PIPELINE_DEADLINE);
    pipeline.sandbox.admin.setAlarmState('orders-api-staging-5xx', 'OK');
    expect(results(merge)).toEqual({ terraform: 'success', staging: 'failure', production: 'skipped' });
    expect(merge.jobs.staging?.outputs).toMatchObject({ status: 'rolled-back', 'rollback-task-definition-arn': firstRelease });
    expect(stepOf(merge, 'staging', 'Deploy').result?.errors.at(-1)).toMatch(/orders-api-staging-5xx/);
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
