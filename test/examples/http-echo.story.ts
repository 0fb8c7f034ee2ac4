import { startPipeline, type Pipeline } from '../../sandbox/runner/example-pipeline.js';
import { commit, planComments, results, running, stepLines, stepOf } from './example-helpers.js';
import type { Story, StoryStep } from './story.js';

/**
 * examples/http-echo through its own three caller workflows (the whole deploy.yml + rollback.yml
 * path): the plan comment on a pull request, the merge applying that plan and deploying one image to
 * staging then production, a crashing release stopped and rolled back in staging, and the manual
 * rollback of production from the "Run workflow" button.
 */

let pipeline: Pipeline;

const BUILD = { repository: 'http-echo', platforms: 'linux/amd64,linux/arm64', 'create-repository': 'true' };
let firstRelease: { image: string; staging: string; production: string };

const step1: StoryStep = [
  'the pull request gets the plan; the merge applies it, builds once, deploys staging then production',
  async () => {
    const review = await pipeline.pullRequest(2, commit(1));
    expect(results(review)).toEqual({ plan: 'success' });
    const [comment] = planComments(pipeline, 2);
    expect(comment).toContain('10 to add, 0 to change, 0 to destroy');
    expect(comment).toContain('terraform_data.service["production"]');

    const merge = await pipeline.merge(2, commit(1));
    expect(results(merge)).toEqual({ terraform: 'success', staging: 'success', production: 'success' });
    expect(stepOf(merge, 'terraform', 'Apply the reviewed plan').log).toContain('The plan matches the one reviewed on pull request #2');
    expect(stepLines(merge, 'staging')).toEqual([
      'success: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
      'success: AWS credentials for the push',
      'success: Build and push',
      'skipped: Build and push the worker image',
      'success: AWS credentials for the deploy',
      'success: Render the task definition',
      'success: Deploy',
      'success: Record the release',
    ]);
    const image = merge.jobs.staging?.outputs.image ?? '';
    expect(image).toMatch(/^123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/http-echo@sha256:[0-9a-f]{64}$/);
    expect(stepOf(merge, 'staging', 'Build and push').inputs).toMatchObject({
      'registry-type': 'private',
      platforms: 'linux/amd64,linux/arm64',
    });
    // Production deploys the digest staging ran and builds nothing.
    expect(merge.jobs.production?.with.image).toBe(image);
    expect(stepOf(merge, 'production', 'Build and push').outcome).toBe('skipped');
    expect(merge.jobs.production?.outputs).toMatchObject({ status: 'succeeded', images: JSON.stringify({ 'http-echo': image }) });

    const staging = await running(pipeline, 'staging', 'http-echo');
    expect(staging.rolloutState).toBe('COMPLETED');
    const container = staging.taskDefinition.containerDefinitions?.[0];
    expect(container?.image).toBe(image);
    expect(container?.environment).toEqual(
      expect.arrayContaining([
        { name: 'PORT', value: '8080' },
        { name: 'TABLE_NAME', value: 'http-echo-staging-requests' },
      ]),
    );
    expect(container?.secrets).toEqual([
      { name: 'DATABASE_URL', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:http-echo/staging/db:url::' },
    ]);
    // The health check asked the path Terraform configured, in each environment.
    expect(pipeline.health.requests).toEqual(expect.arrayContaining(['/staging/health', '/production/health']));
    firstRelease = {
      image,
      staging: staging.taskDefinitionArn,
      production: (await running(pipeline, 'production', 'http-echo')).taskDefinitionArn,
    };
  },
];

const step2: StoryStep = [
  'a release that crashes is stopped in staging within the deploy, rolled back, and never reaches production',
  async () => {
    const bad = await pipeline.imageFor(commit(2), BUILD);
    pipeline.sandbox.admin.setImageBehavior(bad, {
      kind: 'exit',
      exitCode: 2,
      logLines: ['listen tcp :8080: bind: address already in use'],
    });
    await pipeline.pullRequest(3, commit(2));
    expect(planComments(pipeline, 3).join('\n')).toContain('No changes');

    const merge = await pipeline.merge(3, commit(2));
    expect(results(merge)).toEqual({ terraform: 'success', staging: 'failure', production: 'skipped' });
    expect(stepLines(merge, 'staging').slice(-3)).toEqual([
      'success: Render the task definition',
      'failure: Deploy',
      'success: Record the release',
    ]);
    expect(merge.jobs.staging?.outputs).toMatchObject({
      image: bad,
      status: 'rolled-back',
      'rollback-task-definition-arn': firstRelease.staging,
    });
    const deploy = stepOf(merge, 'staging', 'Deploy');
    expect(deploy.result?.errors.at(-1)).toMatch(
      /circuit breaker.*\(http-echo: exit 2\).*Rolled back: service http-echo runs http-echo:3 again/,
    );
    expect(deploy.result?.log).toContain('listen tcp :8080: bind: address already in use');
    expect(await running(pipeline, 'staging', 'http-echo')).toMatchObject({
      taskDefinitionArn: firstRelease.staging,
      rolloutState: 'COMPLETED',
    });
    expect((await running(pipeline, 'production', 'http-echo')).taskDefinitionArn).toBe(firstRelease.production);
  },
];

const step3: StoryStep = [
  'the Run workflow button rolls production back to the release before, after a healthy but wrong one',
  async () => {
    await pipeline.pullRequest(4, commit(3));
    const merge = await pipeline.merge(4, commit(3));
    expect(results(merge)).toEqual({ terraform: 'success', staging: 'success', production: 'success' });
    const wrong = merge.jobs.production?.outputs['task-definition-arn'];

    const dry = await pipeline.dispatch('rollback.yml', { environment: 'production', reason: 'v3 echoes the wrong text', 'dry-run': true });
    expect(dry.jobs.rollback?.outputs).toMatchObject({ status: 'dry-run', 'to-task-definition-arn': firstRelease.production });
    const rollback = await pipeline.dispatch('rollback.yml', { environment: 'production', reason: 'v3 echoes the wrong text' });
    expect(results(rollback)).toEqual({ rollback: 'success' });
    expect(rollback.jobs.rollback?.outputs).toEqual({
      'from-task-definition-arn': wrong,
      'to-task-definition-arn': firstRelease.production,
      status: 'rolled-back',
    });
    expect(rollback.jobs.rollback?.run?.jobs.rollback?.environment).toBe('production');
    expect(await running(pipeline, 'production', 'http-echo')).toMatchObject({
      taskDefinitionArn: firstRelease.production,
      rolloutState: 'COMPLETED',
    });
    // The choice of environment is checked as the form checks it.
    await expect(pipeline.dispatch('rollback.yml', { reason: 'no environment' })).rejects.toThrow("input 'environment' is required");
  },
];

export const httpEcho: Story = {
  example: 'http-echo',
  async start() {
    pipeline = await startPipeline({ example: 'http-echo', environments: ['staging', 'production'] });
  },
  steps: [step1, step2, step3],
  async stop() {
    await pipeline.stop();
  },
};
