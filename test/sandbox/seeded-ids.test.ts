import { afterAll, expect, test } from '@jest/globals';
import { DescribeServicesCommand, ECSClient, ListTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { fargateTaskDefinition, NETWORK } from './helpers.js';

/**
 * `--seed` drives every id, token and credential the sandbox makes: two sandboxes with the same
 * seed given the same calls say the same things, and another seed says different things. The
 * clock barely moves on its own (timeScale 0.001), so only `advance` decides when ECS steps.
 */

const started: Sandbox[] = [];
afterAll(async () => {
  await Promise.all(started.map((sandbox) => sandbox.stop()));
});

async function story(seed: number): Promise<Record<string, unknown>> {
  const sandbox = await startSandbox({ seed, timeScale: 0.001 });
  started.push(sandbox);
  const config = (endpoint: string) => ({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY ?? '' },
    maxAttempts: 1,
  });
  const ecs = new ECSClient(config(sandbox.endpoints.ecs));
  const sts = new STSClient(config(sandbox.endpoints.sts));
  try {
    const { admin } = sandbox;
    const targetGroupArn = admin.createTargetGroup({ name: 'web', port: 8080 });
    const first = admin.registerTaskDefinition(fargateTaskDefinition('web', 'web:1'));
    const second = admin.registerTaskDefinition(fargateTaskDefinition('web', 'web:2'));
    admin.createService({
      cluster: 'prod',
      serviceName: 'web',
      taskDefinition: first,
      desiredCount: 2,
      loadBalancers: [{ targetGroupArn, containerName: 'app', containerPort: 8080 }],
      networkConfiguration: NETWORK,
    });
    admin.advance(120_000);
    await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: second }));
    admin.advance(120_000);
    const described = await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }));
    const tasks = await ecs.send(new ListTasksCommand({ cluster: 'prod', desiredStatus: 'STOPPED' }));
    admin.identity.createRole({ arn: 'arn:aws:iam::123456789012:role/deploy' });
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/deploy', RoleSessionName: 'ci' }));
    const service = described.services?.[0];
    return {
      targetGroupArn,
      deployments: service?.deployments?.map((d) => d.id),
      events: service?.events?.map((e) => e.id),
      stoppedTasks: tasks.taskArns,
      requestId: described.$metadata.requestId,
      accessKeyId: assumed.Credentials?.AccessKeyId,
      sessionToken: assumed.Credentials?.SessionToken,
      oidcRequestToken: sandbox.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
      githubToken: sandbox.env.GITHUB_TOKEN,
      githubReadOnlyToken: admin.identity.githubReadOnlyToken,
    };
  } finally {
    ecs.destroy();
    sts.destroy();
  }
}

test('the same seed gives the same ids, tokens and credentials for the same calls; another seed other ones', async () => {
  const [a, b, c] = await Promise.all([story(7), story(7), story(8)]);
  // Guards against a story that makes nothing (and so would match whatever the seed).
  expect((a.deployments as string[]).length).toBe(2);
  expect((a.stoppedTasks as string[]).length).toBeGreaterThanOrEqual(2);
  expect((a.events as string[]).length).toBeGreaterThan(3);
  for (const value of Object.values(a)) expect(value).toBeTruthy();
  expect(b).toEqual(a);
  for (const [key, value] of Object.entries(c)) expect([key, value]).not.toEqual([key, a[key]]);
});
