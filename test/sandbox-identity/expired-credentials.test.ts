/**
 * Expired session credentials on every sandbox AWS service get AWS's common error, HTTP 403, in
 * the service's own protocol: `ExpiredTokenException` from the JSON services (ECS, ECR, Logs, CodeDeploy),
 * `ExpiredToken` from the query services (STS, ELBv2).
 * https://docs.aws.amazon.com/awsconsolehelpdocs/latest/gsg/common-errors.html
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CodeDeployClient, GetDeploymentConfigCommand } from '@aws-sdk/client-codedeploy';
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { BOOTSTRAP_CREDENTIALS } from '../../sandbox/sts/index.js';
import { credentialsOf, rejection } from './identity-harness.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
let sandbox: Sandbox;
const clients: { destroy(): void }[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5 });
  sandbox.admin.identity.createRole({ arn: ROLE });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await sandbox.stop();
});

describe('expired session credentials', () => {
  test('every service answers with its protocol’s expired-token error and HTTP 403', async () => {
    const bootstrap = new STSClient({ region: 'us-east-1', endpoint: sandbox.endpoints.sts, credentials: BOOTSTRAP_CREDENTIALS });
    clients.push(bootstrap);
    const credentials = credentialsOf(await bootstrap.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'job' })));
    const config = { region: 'us-east-1', credentials, maxAttempts: 1 };
    const ecs = new ECSClient({ ...config, endpoint: sandbox.endpoints.ecs });
    const ecr = new ECRClient({ ...config, endpoint: sandbox.endpoints.ecr });
    const logs = new CloudWatchLogsClient({ ...config, endpoint: sandbox.endpoints.logs });
    const elbv2 = new ElasticLoadBalancingV2Client({ ...config, endpoint: sandbox.endpoints.elbv2 });
    const sts = new STSClient({ ...config, endpoint: sandbox.endpoints.sts });
    const codedeploy = new CodeDeployClient({ ...config, endpoint: sandbox.endpoints.codedeploy });
    clients.push(ecs, ecr, logs, elbv2, sts, codedeploy);
    // Valid before expiry, so the failures below are the expiry and nothing else.
    await expect(ecs.send(new ListClustersCommand({}))).resolves.toBeDefined();
    await expect(sts.send(new GetCallerIdentityCommand({}))).resolves.toHaveProperty('Arn');

    sandbox.admin.identity.expireAllCredentials();
    const expired = 'The security token included in the request is expired';
    const json = { name: 'ExpiredTokenException', message: expired, status: 403 };
    const query = { name: 'ExpiredToken', message: expired, status: 403 };
    expect(await rejection(ecs.send(new ListClustersCommand({})))).toEqual(json);
    expect(await rejection(ecr.send(new DescribeRepositoriesCommand({})))).toEqual(json);
    expect(await rejection(logs.send(new DescribeLogGroupsCommand({})))).toEqual(json);
    expect(
      await rejection(codedeploy.send(new GetDeploymentConfigCommand({ deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce' }))),
    ).toEqual(json);
    expect(await rejection(elbv2.send(new DescribeTargetGroupsCommand({})))).toEqual(query);
    expect(await rejection(sts.send(new GetCallerIdentityCommand({})))).toEqual(query);
    expect(await rejection(sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'again' })))).toEqual(query);
    expect(sandbox.admin.requests.list().filter((entry) => entry.errorCode?.startsWith('ExpiredToken'))).toHaveLength(7);
  });
});
