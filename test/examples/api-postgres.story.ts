import { startPipeline, type Pipeline } from '../../sandbox/runner/example-pipeline.js';
import { commit, planComments, results, running, stepOf } from './example-helpers.js';
import type { Story, StoryStep } from './story.js';

/**
 * examples/api-postgres: an API on PostgreSQL with its credentials in a rotated Secrets Manager
 * secret (single JSON keys) and SSM parameters, one Terraform root module per environment (dev,
 * stage, prod) and one GitHub environment per AWS environment.
 */

let pipeline: Pipeline;

const ENVIRONMENTS = ['dev', 'stage', 'prod'];

const step1: StoryStep = [
  'each environment gets its own plan comment and apply; one image goes dev → stage → prod with its secrets',
  async () => {
    const review = await pipeline.pullRequest(2, commit(1));
    expect(results(review)).toEqual({ 'plan-dev': 'success', 'plan-stage': 'success', 'plan-prod': 'success' });
    const comments = planComments(pipeline, 2);
    expect(comments).toHaveLength(3);
    for (const env of ENVIRONMENTS) expect(comments.join('\n')).toContain(`### Terraform plan: \`terraform/envs/${env}\``);

    const merge = await pipeline.merge(2, commit(1));
    expect(results(merge)).toEqual({
      'apply-dev': 'success',
      'apply-stage': 'success',
      'apply-prod': 'success',
      dev: 'success',
      stage: 'success',
      prod: 'success',
    });
    const image = merge.jobs.dev?.outputs.image;
    expect(merge.jobs.prod?.with.image).toBe(merge.jobs.stage?.outputs.image);
    expect(merge.jobs.stage?.outputs.image).toBe(image);
    for (const env of ENVIRONMENTS) {
      // Each job ran in its own GitHub environment: the OIDC subject the deploy role trusts.
      expect(merge.jobs[env]?.run?.jobs.deploy?.environment).toBe(env);
      const container = (await running(pipeline, env, 'ledger-api')).taskDefinition.containerDefinitions?.[0];
      expect(container?.image).toBe(image);
      expect(container?.environment).toEqual([{ name: 'APP_ENV', value: env }]);
      expect(container?.secrets).toEqual([
        { name: 'DB_USER', valueFrom: `arn:aws:secretsmanager:us-east-1:123456789012:secret:ledger/${env}/database:username::` },
        { name: 'DB_PASSWORD', valueFrom: `arn:aws:secretsmanager:us-east-1:123456789012:secret:ledger/${env}/database:password::` },
        { name: 'DB_HOST', valueFrom: `arn:aws:ssm:us-east-1:123456789012:parameter/ledger/${env}/db-host` },
        { name: 'DB_NAME', valueFrom: `/ledger/${env}/db-name` },
      ]);
    }
    // Each environment's state is its own: prod runs three tasks, as its module says.
    expect(pipeline.services.get('prod/ledger-api')?.desiredCount).toBe(3);
  },
];

const step2: StoryStep = [
  'an image that cannot be pulled fails in dev within seconds, is rolled back, and goes no further',
  async () => {
    const bad = await pipeline.imageFor(commit(2), { repository: 'ledger-api', platforms: 'linux/amd64', 'create-repository': 'true' });
    pipeline.sandbox.admin.setImageBehavior(bad, { kind: 'pull-error' });
    const before = (await running(pipeline, 'dev', 'ledger-api')).taskDefinitionArn;
    await pipeline.pullRequest(3, commit(2));
    for (const comment of planComments(pipeline, 3)) expect(comment).toContain('No changes');
    const merge = await pipeline.merge(3, commit(2));
    expect(results(merge)).toMatchObject({ dev: 'failure', stage: 'skipped', prod: 'skipped' });
    expect(merge.jobs.dev?.outputs).toMatchObject({ status: 'rolled-back', 'rollback-task-definition-arn': before });
    expect(stepOf(merge, 'dev', 'Deploy').result?.errors.at(-1)).toMatch(/CannotPullContainerError/);
    expect(stepOf(merge, 'dev', 'Deploy').durationMs).toBeLessThan(30_000);
    expect(await running(pipeline, 'dev', 'ledger-api')).toMatchObject({ taskDefinitionArn: before, rolloutState: 'COMPLETED' });
  },
];

const step3: StoryStep = [
  'the Run workflow button takes prod to a named revision: the one it ran, not another environment’s',
  async () => {
    // One family for the three environments: dev's first revision never ran in prod, so it is refused.
    const refused = await pipeline.dispatch('rollback.yml', {
      environment: 'prod',
      to: '1',
      reason: 'ledger totals drift after the release',
    });
    expect(refused.jobs.rollback?.outputs.status).toBe('refused');
    const prodFirst = pipeline.services.get('prod/ledger-api')?.taskDefinitionArn ?? '';
    const revision = /:(\d+)$/.exec(prodFirst)?.[1] ?? '';
    const rollback = await pipeline.dispatch('rollback.yml', {
      environment: 'prod',
      to: revision,
      reason: 'ledger totals drift after the release',
    });
    expect(results(rollback)).toEqual({ rollback: 'success' });
    expect(rollback.jobs.rollback?.outputs).toMatchObject({ 'to-task-definition-arn': prodFirst, status: 'rolled-back' });
    expect((await running(pipeline, 'prod', 'ledger-api')).taskDefinitionArn).toBe(prodFirst);
  },
];

export const apiPostgres: Story = {
  example: 'api-postgres',
  async start() {
    pipeline = await startPipeline({ example: 'api-postgres', environments: ['dev', 'stage', 'prod'] });
  },
  steps: [step1, step2, step3],
  async stop() {
    await pipeline.stop();
  },
};
