import { DescribeServicesCommand, DescribeTasksCommand, ECSClient } from '@aws-sdk/client-ecs';
import { startPipeline, type Pipeline } from '../../sandbox/runner/example-pipeline.js';
import { commit, results, running, stepLines, stepOf } from './example-helpers.js';
import type { Story, StoryStep } from './story.js';

/**
 * examples/phoenix-ghcr: a Phoenix API whose images live in GitHub's registry (registry-type:
 * generic), with the schema migration as a one-off task (`bin/migrate`, a command override of the
 * release image) before each release, deployed blue/green through CodeDeploy and /healthz probed
 * after it. A failing migration leaves the service untouched and stops the pipeline; a passing one
 * lets CodeDeploy move both environments to the replacement task set.
 */

const TOKEN = 'ghp_PlantedGhcrPushToken4711';
let pipeline: Pipeline;
let ecs: ECSClient;
const MIGRATE = ['bin/migrate'];

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
    // The release serves fine; only its migration fails.
    pipeline.sandbox.admin.setImageBehavior(
      image,
      { kind: 'exit', exitCode: 1, logLines: ['** (Postgrex.Error) ERROR 42P07 (duplicate_table) relation "accounts" already exists'] },
      { command: MIGRATE },
    );
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
    expect(pipeline.sandbox.admin.requests.count({ service: 'codedeploy', operation: 'CreateDeployment' })).toBe(0);
    expect((await running(pipeline, 'staging', 'phoenix-api')).taskDefinitionArn).toBe(
      pipeline.services.get('staging/phoenix-api')?.taskDefinitionArn,
    );
    // The registry token reached the build step and nothing printed it.
    for (const job of Object.values(merge.jobs))
      for (const called of Object.values(job.run?.jobs ?? {})) for (const step of called.steps) expect(step.log).not.toContain(TOKEN);
  },
];

const step2: StoryStep = [
  'the migration passes, then CodeDeploy moves staging and production to the release blue/green and /healthz answers',
  async () => {
    const image = await pipeline.imageFor(commit(2), GHCR);
    pipeline.sandbox.admin.setImageBehavior(
      image,
      {
        kind: 'exit',
        exitCode: 0,
        logLines: ['[info] == Running 20261204 PhoenixApi.Repo.Migrations.AddOrders.change/0 forward', '[info] == Migrated'],
      },
      { command: MIGRATE },
    );
    await pipeline.pullRequest(3, commit(2));
    const merge = await pipeline.merge(3, commit(2));
    expect(results(merge)).toEqual({ terraform: 'success', staging: 'success', production: 'success' });
    expect(merge.jobs.staging?.outputs.image).toBe(image);

    for (const environment of ['staging', 'production']) {
      const outputs = merge.jobs[environment]?.outputs ?? {};
      expect(outputs).toMatchObject({ status: 'succeeded', 'deployment-id': expect.stringMatching(/^d-[A-Z0-9]{9}$/) });
      // The migration ran first, as the new revision with the bin/migrate override, and exited 0.
      const [migration] =
        (await ecs.send(new DescribeTasksCommand({ cluster: environment, tasks: [outputs['migration-task-arn'] ?? ''] }))).tasks ?? [];
      expect(migration).toMatchObject({
        taskDefinitionArn: outputs['task-definition-arn'],
        overrides: { containerOverrides: [{ name: 'api', command: MIGRATE }] },
        containers: [expect.objectContaining({ exitCode: 0 })],
      });
      const deployLog = stepOf(merge, environment, 'Deploy').result?.log ?? '';
      expect(deployLog.indexOf('[info] == Migrated')).toBeGreaterThan(-1);
      expect(deployLog).toMatch(/CodeDeploy AllowTraffic succeeded/);
      expect(deployLog.indexOf('[info] == Migrated')).toBeLessThan(deployLog.indexOf('CodeDeploy AllowTraffic succeeded'));
      expect(stepOf(merge, environment, 'AWS credentials for the deploy').inputs).toMatchObject({
        'codedeploy-application': `phoenix-api-${environment}`,
        'codedeploy-deployment-group': `phoenix-api-${environment}`,
      });
      // Production traffic is on the replacement task set, behind the other target group.
      const service = (await ecs.send(new DescribeServicesCommand({ cluster: environment, services: ['phoenix-api'] }))).services?.[0];
      const primary = service?.taskSets?.find((set) => set.status === 'PRIMARY');
      expect(primary).toMatchObject({ taskDefinition: outputs['task-definition-arn'], stabilityStatus: 'STEADY_STATE' });
      expect(primary?.loadBalancers?.[0]?.targetGroupArn).not.toBe(pipeline.services.get(`${environment}/phoenix-api`)?.targetGroupArn);
    }
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
  'the Run workflow button takes staging back to a named revision through CodeDeploy',
  async () => {
    // The release was this group's first CodeDeploy deployment, so there is no "previous" one to find:
    // the team names the revision Terraform started the service on, which CodeDeploy never deployed (force).
    const provisioned = pipeline.services.get('staging/phoenix-api')?.taskDefinitionArn ?? '';
    const deployments = pipeline.sandbox.admin.requests.count({ service: 'codedeploy', operation: 'CreateDeployment' });
    const rollback = await pipeline.dispatch('rollback.yml', {
      environment: 'staging',
      to: provisioned.replace(/.*:/, ''),
      force: true,
      reason: 'LiveView crashes on login',
    });
    expect(results(rollback)).toEqual({ rollback: 'success' });
    expect(rollback.jobs.rollback?.outputs).toMatchObject({ status: 'rolled-back', 'to-task-definition-arn': provisioned });
    expect(pipeline.sandbox.admin.requests.count({ service: 'codedeploy', operation: 'CreateDeployment' })).toBe(deployments + 1);
    expect(await running(pipeline, 'staging', 'phoenix-api')).toMatchObject({
      taskDefinitionArn: provisioned,
      rolloutState: 'STEADY_STATE',
    });
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
