/**
 * The identity layer inside the whole sandbox: a GitHub OIDC token becomes STS credentials whose
 * session policy then governs calls to another service (ECS), over the real SDK clients.
 */
import { jest } from '@jest/globals';
import * as core from '@actions/core';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CreateClusterCommand, ECSClient, ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { credentialsOf } from './identity-harness.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';

describe('sandbox identity end to end', () => {
  let sandbox: Sandbox;
  const saved = { ...process.env };
  const clients: Array<{ destroy(): void }> = [];

  beforeAll(async () => {
    sandbox = await startSandbox();
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = sandbox.env.ACTIONS_ID_TOKEN_REQUEST_URL;
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = sandbox.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    sandbox.admin.identity.createRole({ arn: ROLE, trust: { subjects: ['repo:acme/web:*'] } });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    process.env = saved;
    for (const client of clients) client.destroy();
    await sandbox.stop();
  });

  function ecs(credentials: ReturnType<typeof credentialsOf>): ECSClient {
    const client = new ECSClient({ endpoint: sandbox.endpoints.ecs, region: 'us-east-1', credentials, maxAttempts: 1 });
    clients.push(client);
    return client;
  }

  async function assume(policy: object) {
    const sts = new STSClient({ endpoint: sandbox.endpoints.sts, region: 'us-east-1', maxAttempts: 1 });
    clients.push(sts);
    const out = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: ROLE,
        RoleSessionName: 'gha',
        WebIdentityToken: await core.getIDToken('sts.amazonaws.com'),
        Policy: JSON.stringify(policy),
      }),
    );
    return { arn: out.AssumedRoleUser?.Arn ?? '', creds: credentialsOf(out) };
  }

  it('lets the session policy allow one ECS call and deny another, with AWS message text', async () => {
    const { arn, creds } = await assume({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:List*', Resource: '*' }] });
    await expect(ecs(creds).send(new ListTaskDefinitionsCommand({}))).resolves.toHaveProperty('taskDefinitionArns');
    await expect(ecs(creds).send(new CreateClusterCommand({ clusterName: 'x' }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringMatching(
        new RegExp(
          `^User: ${arn.replace(/[/.]/g, '\\$&')} is not authorized to perform: ecs:CreateCluster on resource: .* because no session policy allows the ecs:CreateCluster action$`,
        ),
      ),
    });
  });

  it('rejects the session once the credentials are expired', async () => {
    const { creds } = await assume({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }] });
    sandbox.admin.identity.expireAllCredentials();
    await expect(ecs(creds).send(new ListTaskDefinitionsCommand({}))).rejects.toMatchObject({ name: 'ExpiredTokenException' });
  });
});
