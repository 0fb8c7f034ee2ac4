import { startPipeline, type Pipeline } from '../../sandbox/runner/example-pipeline.js';
import { commit, results, running, stepLines, stepOf } from './example-helpers.js';
import type { Story, StoryStep } from './story.js';

/**
 * examples/phoenix-ghcr: a Phoenix API whose images live in GitHub's registry (registry-type:
 * generic), with the schema migration as a one-off task before each release and /healthz probed
 * after it. A failing migration leaves the service untouched and stops the pipeline.
 * (CodeDeploy blue/green for this system grows with issue 15; the sandbox's one-off tasks do not yet
 * follow a command override, so a migration that succeeds cannot be shown: the passing release here
 * ships with RUN_MIGRATIONS=false, the hotfix switch of the example's deploy workflow.)
 */

const TOKEN = 'ghp_PlantedGhcrPushToken4711';
let pipeline: Pipeline;

const GHCR = {
  'registry-type': 'generic',
  registry: 'ghcr.io',
  username: 'octo-org',
  password: TOKEN,
  repository: 'acme/phoenix-api',
  platforms: 'linux/amd64',
};

const step1: StoryStep = [
  'the image goes to ghcr.io; its migration fails, so the service is not touched and production never starts',
  async () => {
    const image = await pipeline.imageFor(commit(1), GHCR);
    pipeline.sandbox.admin.setImageBehavior(image, {
      kind: 'exit',
      exitCode: 1,
      logLines: ['** (Postgrex.Error) ERROR 42P07 (duplicate_table) relation "accounts" already exists'],
    });
    await pipeline.pullRequest(2, commit(1));
    const merge = await pipeline.merge(2, commit(1));
    expect(results(merge)).toEqual({ terraform: 'success', staging: 'failure', production: 'skipped' });
    expect(stepLines(merge, 'staging').slice(1, 4)).toEqual([
      'skipped: AWS credentials for the push',
      'success: Build and push',
      'skipped: Build and push the worker image',
    ]);
    expect(stepOf(merge, 'staging', 'Build and push').inputs).toMatchObject({
      'registry-type': 'generic',
      registry: 'ghcr.io',
      username: 'octo-org',
      password: TOKEN,
      'create-repository': 'false',
    });
    expect(merge.jobs.staging?.outputs.image).toBe(image);
    expect(image).toMatch(/^ghcr\.io\/acme\/phoenix-api@sha256:[0-9a-f]{64}$/);

    const deploy = stepOf(merge, 'staging', 'Deploy');
    expect(deploy.inputs).toMatchObject({
      'run-task': 'true',
      'run-task-container-overrides': '[{"name": "api", "command": ["bin/migrate"]}]',
    });
    expect(merge.jobs.staging?.outputs).toMatchObject({
      status: 'failed',
      'migration-task-arn': expect.stringMatching(/:task\/staging\/[0-9a-f]{32}$/),
    });
    expect(deploy.result?.errors.at(-1)).toMatch(
      /The one-off task [0-9a-f]{32} failed: api exited 1\. Service phoenix-api was not updated/,
    );
    expect(deploy.result?.log).toContain('relation "accounts" already exists');
    expect(pipeline.sandbox.admin.requests.count({ service: 'ecs', operation: 'UpdateService' })).toBe(0);
    expect((await running(pipeline, 'staging', 'phoenix-api')).taskDefinitionArn).toBe(
      pipeline.services.get('staging/phoenix-api')?.taskDefinitionArn,
    );
    // The registry token reached the build step and nothing printed it.
    for (const job of Object.values(merge.jobs))
      for (const called of Object.values(job.run?.jobs ?? {})) for (const step of called.steps) expect(step.log).not.toContain(TOKEN);
  },
];

const step2: StoryStep = [
  'a release without migrations (RUN_MIGRATIONS=false) reaches staging and production and passes /healthz',
  async () => {
    pipeline.vars.RUN_MIGRATIONS = 'false';
    await pipeline.pullRequest(3, commit(2));
    const merge = await pipeline.merge(3, commit(2));
    expect(results(merge)).toEqual({ terraform: 'success', staging: 'success', production: 'success' });
    expect(stepOf(merge, 'production', 'Deploy').inputs['run-task']).toBe('false');
    const image = merge.jobs.staging?.outputs.image;
    const production = await running(pipeline, 'production', 'phoenix-api');
    expect(production.taskDefinition.containerDefinitions?.[0]).toMatchObject({
      image,
      repositoryCredentials: { credentialsParameter: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:ghcr-pull-credentials' },
      environment: [{ name: 'PHX_HOST', value: 'phoenix.example.com' }],
    });
    expect(pipeline.health.requests).toEqual(expect.arrayContaining(['/staging/healthz', '/production/healthz']));
  },
];

const step3: StoryStep = [
  'the Run workflow button takes staging back to the revision before',
  async () => {
    const rollback = await pipeline.dispatch('rollback.yml', { environment: 'staging', reason: 'LiveView crashes on login' });
    expect(results(rollback)).toEqual({ rollback: 'success' });
    expect(rollback.jobs.rollback?.outputs.status).toBe('rolled-back');
    expect((await running(pipeline, 'staging', 'phoenix-api')).taskDefinitionArn).toBe(
      pipeline.services.get('staging/phoenix-api')?.taskDefinitionArn,
    );
  },
];

export const phoenixGhcr: Story = {
  example: 'phoenix-ghcr',
  async start() {
    pipeline = await startPipeline({
      example: 'phoenix-ghcr',
      environments: ['staging', 'production'],
      secrets: { GHCR_PUSH_TOKEN: TOKEN },
    });
  },
  steps: [step1, step2, step3],
  async stop() {
    await pipeline.stop();
  },
};
