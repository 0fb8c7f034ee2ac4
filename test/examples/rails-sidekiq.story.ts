import { startPipeline, type Pipeline } from '../../sandbox/runner/example-pipeline.js';
import { commit, planComments, results, running, stepLines, stepOf } from './example-helpers.js';
import type { Story, StoryStep } from './story.js';

/**
 * examples/rails-sidekiq: Rails, Sidekiq and nginx in one task. One Dockerfile gives two images (its
 * web and worker targets, linux/amd64 and linux/arm64) into two containers while nginx keeps its
 * image; each job's session is narrowed by an inline session policy; Terraform runs in Actions.
 */

let pipeline: Pipeline;

const NGINX = 'public.ecr.aws/nginx/nginx:1.27-alpine';
const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
let released: { staging: string; production: string };

const step1: StoryStep = [
  'two targets of one Dockerfile become the web and worker images of staging and then production; nginx is untouched',
  async () => {
    await pipeline.pullRequest(2, commit(1));
    expect(planComments(pipeline, 2).join('\n')).toContain('7 to add, 0 to change, 0 to destroy');
    const merge = await pipeline.merge(2, commit(1));
    expect(results(merge)).toEqual({ terraform: 'success', staging: 'success', production: 'success' });

    const web = stepOf(merge, 'staging', 'Build and push');
    const worker = stepOf(merge, 'staging', 'Build and push the worker image');
    expect([web.inputs, worker.inputs]).toEqual([
      expect.objectContaining({ repository: 'storefront-web', target: 'web', platforms: 'linux/amd64,linux/arm64' }),
      expect.objectContaining({ repository: 'storefront-worker', target: 'worker', platforms: 'linux/amd64,linux/arm64' }),
    ]);
    expect(web.outputs.platforms).toBe('linux/amd64,linux/arm64');
    const outputs = merge.jobs.staging?.outputs ?? {};
    expect(outputs.image).toMatch(new RegExp(`^${REGISTRY}/storefront-web@sha256:[0-9a-f]{64}$`));
    expect(outputs['worker-image']).toMatch(new RegExp(`^${REGISTRY}/storefront-worker@sha256:[0-9a-f]{64}$`));
    expect(outputs.image).not.toBe(outputs['worker-image']);

    // The push session may push to exactly the two repositories; the deploy session only this service.
    // (Lines of a block scalar that hold an expression keep their indentation in this parser; the inputs are trimmed per line.)
    expect(
      stepOf(merge, 'staging', 'AWS credentials for the push')
        .inputs['ecr-repositories']?.split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    ).toEqual(['storefront-web', 'storefront-worker']);
    expect(stepOf(merge, 'staging', 'AWS credentials for the deploy').result?.summary).toMatch(/ecs:UpdateService/);

    // Production gets both digests from staging and builds nothing.
    expect(merge.jobs.production?.with.image).toBe(outputs.image);
    expect(merge.jobs.production?.with.images?.trim()).toBe(`worker=${outputs['worker-image']}`);
    expect(stepLines(merge, 'production').filter((line) => line.includes('Build'))).toEqual([
      'skipped: Build and push',
      'skipped: Build and push the worker image',
    ]);
    for (const cluster of ['staging', 'production']) {
      const containers = (await running(pipeline, cluster, 'storefront')).taskDefinition.containerDefinitions ?? [];
      expect(containers.map((c) => [c.name, c.image])).toEqual([
        ['nginx', NGINX],
        ['web', outputs.image],
        ['worker', outputs['worker-image']],
      ]);
      expect(containers[1]?.secrets?.map((s) => s.name)).toEqual(['RAILS_MASTER_KEY', 'DATABASE_URL', 'REDIS_URL']);
    }
    // What runs, by digest: nginx's tag resolved, web and worker exactly the built digests.
    expect(JSON.parse(merge.jobs.production?.outputs.images ?? '{}')).toEqual({
      nginx: expect.stringMatching(/^public\.ecr\.aws\/nginx\/nginx@sha256:[0-9a-f]{64}$/),
      web: outputs.image,
      worker: outputs['worker-image'],
    });
    released = {
      staging: (await running(pipeline, 'staging', 'storefront')).taskDefinitionArn,
      production: (await running(pipeline, 'production', 'storefront')).taskDefinitionArn,
    };
  },
];

const step2: StoryStep = [
  'a worker that crashes fails the release in staging, which is rolled back with both images',
  async () => {
    const build = { repository: 'storefront-worker', target: 'worker', platforms: 'linux/amd64,linux/arm64', 'create-repository': 'true' };
    const badWorker = await pipeline.imageFor(commit(2), build);
    pipeline.sandbox.admin.setImageBehavior(badWorker, {
      kind: 'exit',
      exitCode: 1,
      logLines: ['Redis::CannotConnectError: Connection refused'],
    });
    await pipeline.pullRequest(3, commit(2));
    const merge = await pipeline.merge(3, commit(2));
    expect(results(merge)).toEqual({ terraform: 'success', staging: 'failure', production: 'skipped' });
    expect(merge.jobs.staging?.outputs).toMatchObject({ 'worker-image': badWorker, status: 'rolled-back' });
    expect(stepOf(merge, 'staging', 'Deploy').result?.errors.at(-1)).toMatch(/worker: exit 1.*Redis::CannotConnectError/);
    expect(await running(pipeline, 'staging', 'storefront')).toMatchObject({
      taskDefinitionArn: released.staging,
      rolloutState: 'COMPLETED',
    });
  },
];

const step3: StoryStep = [
  'the Run workflow button takes production back to the revision before the release',
  async () => {
    const rollback = await pipeline.dispatch('rollback.yml', { environment: 'production', reason: 'checkout totals are wrong' });
    expect(results(rollback)).toEqual({ rollback: 'success' });
    expect(rollback.jobs.rollback?.outputs).toMatchObject({ 'from-task-definition-arn': released.production, status: 'rolled-back' });
    const now = await running(pipeline, 'production', 'storefront');
    expect(now.taskDefinitionArn).toBe(pipeline.services.get('production/storefront')?.taskDefinitionArn);
    expect(now.taskDefinition.containerDefinitions?.map((c) => c.image)).toEqual([
      NGINX,
      'storefront-web:bootstrap',
      'storefront-worker:bootstrap',
    ]);
  },
];

export const railsSidekiq: Story = {
  example: 'rails-sidekiq',
  async start() {
    pipeline = await startPipeline({ example: 'rails-sidekiq', environments: ['staging', 'production'] });
  },
  steps: [step1, step2, step3],
  async stop() {
    await pipeline.stop();
  },
};
