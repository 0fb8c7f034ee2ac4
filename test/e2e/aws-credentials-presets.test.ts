import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  DescribeServicesCommand,
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  CreateServiceCommand,
} from '@aws-sdk/client-ecs';
import { DescribeRepositoriesCommand, ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import type { Sandbox } from '../../sandbox/index.js';
import { ACCOUNT, ROLE, expectNoLeaks, runCredentials, startCredentialsSandbox } from './aws-credentials-helpers.js';
import type { ActionResult } from '../../sandbox/runner/run-action.js';

let sandbox: Sandbox;
const clients: { destroy(): void }[] = [];
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const ECR_LOGIN = `arn:aws:iam::${ACCOUNT}:policy/ecr-login`;
const NO_UPDATES = `arn:aws:iam::${ACCOUNT}:policy/no-service-updates`;

beforeAll(async () => {
  sandbox = await startCredentialsSandbox();
  const admin = sandbox.admin;
  admin.registerTaskDefinition({
    family: 'web',
    containerDefinitions: [{ name: 'web', image: 'nginx:1.27', essential: true, memory: 512 }],
  });
  admin.createService({ cluster: 'prod', serviceName: 'web', taskDefinition: 'web' });
  admin.createService({ cluster: 'prod', serviceName: 'admin-panel', taskDefinition: 'web' });
  admin.createService({ cluster: 'staging', serviceName: 'web', taskDefinition: 'web' });
  admin.createRepository('web');
  admin.createRepository('other');
  // The AWS managed policy the README pairs with terraform-plan, reduced to what the sandbox serves.
  sandbox.admin.identity.putManagedPolicy(READ_ONLY, {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['ecs:Describe*', 'ecs:List*', 'ecr:Describe*'], Resource: '*' }],
  });
  sandbox.admin.identity.putManagedPolicy(ECR_LOGIN, {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }],
  });
  sandbox.admin.identity.putManagedPolicy(NO_UPDATES, {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Action: 'ecs:UpdateService', Resource: '*' }],
  });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await sandbox?.stop();
});

/** SDK clients signed with what the step exported, as the next step of the job would use them. */
function clientsFor(result: ActionResult) {
  const credentials = {
    accessKeyId: result.env.AWS_ACCESS_KEY_ID ?? '',
    secretAccessKey: result.env.AWS_SECRET_ACCESS_KEY ?? '',
    sessionToken: result.env.AWS_SESSION_TOKEN ?? '',
  };
  const ecs = new ECSClient({ region: 'us-east-1', endpoint: sandbox.endpoints.ecs, credentials, maxAttempts: 1 });
  const ecr = new ECRClient({ region: 'us-east-1', endpoint: sandbox.endpoints.ecr, credentials, maxAttempts: 1 });
  clients.push(ecs, ecr);
  return { ecs, ecr };
}

const denied = { name: 'AccessDeniedException' };

describe('preset session policies, enforced by the sandbox', () => {
  test('ecs-deploy: the deploy calls on the named service work, everything else is denied', async () => {
    const r = await runCredentials(sandbox, {
      'role-to-assume': ROLE,
      'session-policy': 'ecs-deploy',
      'ecs-cluster': 'prod',
      'ecs-services': 'web',
      'pass-roles': 'web-task',
    });
    expect(r.exitCode).toBe(0);
    const { ecs, ecr } = clientsFor(r);
    const described = await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }));
    expect(described.services?.[0]?.serviceName).toBe('web');
    const registered = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/web-task`,
        containerDefinitions: [{ name: 'web', image: 'nginx:1.28', essential: true, memory: 512 }],
      }),
    );
    await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: registered.taskDefinition?.taskDefinitionArn }),
    );
    await ecs.send(new ListTasksCommand({ cluster: 'prod' }));

    await expect(ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['admin-panel'] }))).rejects.toMatchObject(denied);
    await expect(
      ecs.send(new UpdateServiceCommand({ cluster: 'staging', service: 'web', forceNewDeployment: true })),
    ).rejects.toMatchObject(denied);
    await expect(
      ecs.send(new CreateServiceCommand({ cluster: 'prod', serviceName: 'web-copy', taskDefinition: 'web' })),
    ).rejects.toMatchObject(denied);
    await expect(
      ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'web',
          taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/admin`,
          containerDefinitions: [{ name: 'web', image: 'nginx:1.28', essential: true, memory: 512 }],
        }),
      ),
    ).rejects.toMatchObject(denied);
    await expect(ecr.send(new GetAuthorizationTokenCommand({}))).rejects.toMatchObject(denied);
    expectNoLeaks(sandbox, [r]);
  });

  test('ecr-push: login and the named repository work, other repositories and ECS are denied', async () => {
    const r = await runCredentials(sandbox, { 'role-to-assume': ROLE, 'session-policy': 'ecr-push', 'ecr-repositories': 'web' });
    expect(r.exitCode).toBe(0);
    const { ecs, ecr } = clientsFor(r);
    await ecr.send(new GetAuthorizationTokenCommand({}));
    const repositories = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['web'] }));
    expect(repositories.repositories?.[0]?.repositoryName).toBe('web');
    await expect(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['other'] }))).rejects.toMatchObject(denied);
    await expect(ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }))).rejects.toMatchObject(denied);
  });

  test('a preset combined with an inline policy allows the union of both', async () => {
    const inline = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadOtherRepo',
          Effect: 'Allow',
          Action: 'ecr:DescribeRepositories',
          Resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/other`,
        },
      ],
    });
    const r = await runCredentials(sandbox, {
      'role-to-assume': ROLE,
      'session-policy': 'ecr-push',
      'ecr-repositories': 'web',
      'inline-session-policy': inline,
    });
    expect(r.exitCode).toBe(0);
    const { ecr } = clientsFor(r);
    await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['other'] }));
    await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['web'] }));
    expect(r.summary).toContain('From `session-policy: ecr-push` + `inline-session-policy`');
  });
});

describe('a preset plus managed-session-policies (one policy type, as IAM evaluates it)', () => {
  test('the README pairing: terraform-plan with ReadOnlyAccess reads what only the managed policy allows', async () => {
    const r = await runCredentials(sandbox, {
      'role-to-assume': ROLE,
      'session-policy': 'terraform-plan',
      'terraform-state-bucket': 'acme-tfstate',
      'managed-session-policies': READ_ONLY,
    });
    expect(r.errors).toEqual([]);
    const { ecs, ecr } = clientsFor(r);
    const described = await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }));
    expect(described.services?.[0]?.serviceName).toBe('web');
    await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['other'] }));
    // Neither the preset nor ReadOnlyAccess allows a write.
    await expect(ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', forceNewDeployment: true }))).rejects.toMatchObject(
      denied,
    );
    expect(r.summary).toContain('### Managed session policies');
    expect(r.summary).toContain('A call is allowed when the effective session policy or any of these allows it');
  });

  test('ecs-deploy plus a managed policy granting ECR login: both work; a Deny in a managed policy wins over the preset', async () => {
    const base = { 'role-to-assume': ROLE, 'session-policy': 'ecs-deploy', 'ecs-cluster': 'prod', 'ecs-services': 'web' };
    const r = await runCredentials(sandbox, { ...base, 'managed-session-policies': ECR_LOGIN });
    expect(r.errors).toEqual([]);
    const { ecs, ecr } = clientsFor(r);
    await ecr.send(new GetAuthorizationTokenCommand({}));
    await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', forceNewDeployment: true }));
    await expect(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['web'] }))).rejects.toMatchObject(denied);

    const withDeny = await runCredentials(sandbox, { ...base, 'managed-session-policies': `${ECR_LOGIN}\n${NO_UPDATES}` });
    expect(withDeny.errors).toEqual([]);
    const restricted = clientsFor(withDeny);
    await restricted.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }));
    await expect(
      restricted.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', forceNewDeployment: true })),
    ).rejects.toMatchObject({ ...denied, message: expect.stringContaining('with an explicit deny in a session policy') });
    expectNoLeaks(sandbox, [r, withDeny]);
  });
});
