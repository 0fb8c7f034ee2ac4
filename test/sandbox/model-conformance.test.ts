import {
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  PutImageCommand,
  PutImageTagMutabilityCommand,
} from '@aws-sdk/client-ecr';
import {
  DescribeClustersCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  RunTaskCommand,
  StopTaskCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { DescribeTargetGroupsCommand, DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { RecordedResponse } from '../../sandbox/core/response-recorder.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { clientsFor, fargateTaskDefinition, NETWORK } from './helpers.js';
import { checkResponses, violationReport } from './model-recording.js';
import { validateResponse } from './model-validator.js';

/**
 * The sandbox answers as AWS's own models say it can (issue 14). The whole suite's responses are
 * checked at the end of every run (test/global-teardown.ts); this file makes the check meaningful on
 * its own: it drives every service through success, failure and error paths and checks what came
 * back, and it proves the validator catches each kind of difference.
 */

const at = (service: string, operation: string, body: string, status = 200): RecordedResponse => ({ service, operation, status, body });
const problems = (response: RecordedResponse) => validateResponse(response).map((v) => `${v.path}: ${v.problem}`);

describe('the model validator catches each kind of difference', () => {
  test.each([
    [
      'an enum value outside the enum',
      at('ecs', 'DescribeServices', '{"services":[{"deployments":[{"rolloutState":"DONE"}]}]}'),
      /\$\.services\[0\]\.deployments\[0\]\.rolloutState: "DONE" is not one of DeploymentRolloutState/,
    ],
    [
      'a member the shape lacks',
      at('ecs', 'DescribeServices', '{"services":[{"serviceNmae":"web"}]}'),
      /\$\.services\[0\]\.serviceNmae: is not a member of Service/,
    ],
    [
      'a missing required member',
      at('ecs', 'DescribeServices', '{"services":[{"deploymentConfiguration":{"deploymentCircuitBreaker":{"enable":true}}}]}'),
      /deploymentCircuitBreaker\.rollback: is required in DeploymentCircuitBreaker but missing/,
    ],
    [
      'a JSON 1.1 timestamp as text',
      at('ecs', 'DescribeTasks', '{"tasks":[{"createdAt":"2026-01-01T00:00:00Z"}]}'),
      /createdAt: is string .* timestamp as epoch seconds/,
    ],
    [
      'a number where a string belongs',
      at('ecs', 'DescribeTasks', '{"tasks":[{"cpu":256}]}'),
      /\$\.tasks\[0\]\.cpu: is number 256, the model says string/,
    ],
    [
      'an integer with a fraction',
      at('ecs', 'DescribeServices', '{"services":[{"desiredCount":1.5}]}'),
      /desiredCount: is number 1\.5, the model says integer/,
    ],
    [
      'a list longer than the shape allows',
      at(
        'ecr',
        'PutImageTagMutability',
        JSON.stringify({ imageTagMutabilityExclusionFilters: Array.from({ length: 6 }, () => ({ filterType: 'WILDCARD', filter: 'x' })) }),
      ),
      /imageTagMutabilityExclusionFilters: has 6 items, ImageTagMutabilityExclusionFilters takes 1 to 5/,
    ],
    ['null for an absent member', at('logs', 'FilterLogEvents', '{"events":null}'), /\$\.events: is null/],
    [
      'a query timestamp as epoch seconds',
      at(
        'sts',
        'GetSessionToken',
        '<GetSessionTokenResponse><GetSessionTokenResult><Credentials><AccessKeyId>A</AccessKeyId><SecretAccessKey>S</SecretAccessKey><SessionToken>T</SessionToken><Expiration>1796403788</Expiration></Credentials></GetSessionTokenResult></GetSessionTokenResponse>',
      ),
      /Credentials\.Expiration: is "1796403788", the model says timestamp as ISO 8601/,
    ],
    [
      'a query list without <member>',
      at(
        'elasticloadbalancing',
        'DescribeTargetHealth',
        '<DescribeTargetHealthResponse><DescribeTargetHealthResult><TargetHealthDescriptions><item/></TargetHealthDescriptions></DescribeTargetHealthResult></DescribeTargetHealthResponse>',
      ),
      /holds <member> elements only/,
    ],
    [
      'a query enum outside the enum',
      at(
        'elasticloadbalancing',
        'DescribeTargetHealth',
        '<DescribeTargetHealthResponse><DescribeTargetHealthResult><TargetHealthDescriptions><member><TargetHealth><State>fine</State></TargetHealth></member></TargetHealthDescriptions></DescribeTargetHealthResult></DescribeTargetHealthResponse>',
      ),
      /TargetHealth\.State: is "fine", the model says one of TargetHealthStateEnum/,
    ],
    [
      'an error the operation does not document',
      at('ecs', 'DescribeServices', '{"__type":"ServiceNotFoundException","message":"x"}', 400),
      /error ServiceNotFoundException .* is neither documented for DescribeServices/,
    ],
    [
      'a documented query error at the wrong HTTP status',
      at(
        'sts',
        'AssumeRoleWithWebIdentity',
        '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code><Message>m</Message></Error></ErrorResponse>',
        403,
      ),
      /InvalidIdentityToken is HTTP 400 in the model, the sandbox sent 403/,
    ],
    ['an operation the service does not have', at('ecs', 'DescribeEverything', '{}'), /DescribeEverything is not an operation of ecs/],
  ])('%s', (_what, response, expected) => {
    expect(problems(response)).toContainEqual(expect.stringMatching(expected));
  });

  test('conforming responses pass, common errors included, and the report names operation and path', () => {
    expect(problems(at('ecs', 'DescribeServices', '{"services":[],"failures":[{"arn":"a","reason":"MISSING"}]}'))).toEqual([]);
    expect(problems(at('ecs', 'UpdateService', '{"__type":"ThrottlingException","message":"Rate exceeded"}', 400))).toEqual([]);
    expect(
      problems(
        at(
          'elasticloadbalancing',
          'DescribeTargetGroups',
          '<ErrorResponse><Error><Code>Throttling</Code><Message>m</Message></Error></ErrorResponse>',
          400,
        ),
      ),
    ).toEqual([]);
    const report = violationReport(checkResponses([at('ecs', 'DescribeTasks', '{"tasks":[{"cpu":1},{"cpu":1}]}')]));
    expect(report).toContain('ecs DescribeTasks $.tasks[].cpu: is number');
    expect(report).toContain('(×2)');
  });
});

describe('every response of a broad scenario conforms', () => {
  let sandbox: Sandbox;
  const recorded: RecordedResponse[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ timeScale: 600, seed: 14, recordResponses: (r) => recorded.push(r) });
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  /** Runs a call that may fail on purpose: its error response is what is checked. */
  const attempt = async (call: () => Promise<unknown>) => {
    await call().catch(() => undefined);
  };

  test('ECS, ELBv2, Logs, ECR and STS through success, failure and error paths', async () => {
    const { ecs, ecr, elbv2, logs } = clientsFor(sandbox, 1);
    const sts = new STSClient({ endpoint: sandbox.endpoints.sts, region: 'us-east-1', credentials: await ecs.config.credentials() });
    const admin = sandbox.admin;
    admin.createCluster('conf');
    const tg = admin.createTargetGroup({ name: 'conf', port: 8080 });
    admin.setImageBehavior('app:bad', {
      kind: 'unhealthy-target',
      targetFailure: { reason: 'Target.ResponseCodeMismatch', httpCode: 502 },
    });
    admin.setImageBehavior('job:1', { kind: 'exit', exitCode: 2, logLines: ['starting', 'failed'] });
    const td1 = admin.registerTaskDefinition(fargateTaskDefinition('conf', 'app:1'));
    const td2 = admin.registerTaskDefinition(fargateTaskDefinition('conf', 'app:bad'));
    admin.createService({
      cluster: 'conf',
      serviceName: 'web',
      taskDefinition: td1,
      desiredCount: 2,
      networkConfiguration: NETWORK,
      loadBalancers: [{ targetGroupArn: tg, containerName: 'web', containerPort: 8080 }],
      deploymentConfiguration: {
        maximumPercent: 200,
        minimumHealthyPercent: 100,
        deploymentCircuitBreaker: { enable: true, rollback: true },
      },
      healthCheckGracePeriodSeconds: 10,
    });
    admin.advance(13_000);
    await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    admin.advance(5_000);
    await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    expect(admin.settle('conf', 'web')).toBe('COMPLETED');
    await ecs.send(new UpdateServiceCommand({ cluster: 'conf', service: 'web', taskDefinition: td2 }));
    for (let i = 0; i < 8; i += 1) {
      admin.advance(15_000);
      await ecs.send(new DescribeServicesCommand({ cluster: 'conf', services: ['web'], include: ['TAGS'] }));
      await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }));
    }
    admin.settle('conf', 'web');
    const service = (await ecs.send(new DescribeServicesCommand({ cluster: 'conf', services: ['web', 'none'] }))).services?.[0];
    const tasks = (await ecs.send(new ListTasksCommand({ cluster: 'conf', desiredStatus: 'STOPPED' }))).taskArns ?? [];
    await ecs.send(new DescribeTasksCommand({ cluster: 'conf', tasks: [...tasks.slice(0, 5), 'missing'] }));
    const deployments = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'conf', service: 'web' }));
    const sds = await ecs.send(
      new DescribeServiceDeploymentsCommand({
        serviceDeploymentArns: (deployments.serviceDeployments ?? []).map((d) => d.serviceDeploymentArn ?? ''),
      }),
    );
    const revisions = (sds.serviceDeployments ?? []).flatMap((d) => [
      d.targetServiceRevision?.arn,
      ...(d.sourceServiceRevisions ?? []).map((r) => r.arn),
    ]);
    await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: revisions.filter((a): a is string => !!a) }));
    await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: td1, include: ['TAGS'] }));
    await ecs.send(new DescribeClustersCommand({ clusters: ['conf', 'none'] }));
    const run = await ecs.send(
      new RunTaskCommand({
        cluster: 'conf',
        taskDefinition: admin.registerTaskDefinition(fargateTaskDefinition('job', 'job:1')),
        networkConfiguration: NETWORK,
      }),
    );
    admin.advance(60_000);
    const jobArn = run.tasks?.[0]?.taskArn ?? '';
    await ecs.send(new DescribeTasksCommand({ cluster: 'conf', tasks: [jobArn] }));
    await attempt(() => ecs.send(new StopTaskCommand({ cluster: 'conf', task: tasks[0] ?? jobArn })));
    await attempt(() => ecs.send(new DescribeServicesCommand({ cluster: 'absent', services: ['web'] })));
    await attempt(() => ecs.send(new UpdateServiceCommand({ cluster: 'conf', service: 'absent', desiredCount: 1 })));
    await attempt(() =>
      ecs.send(new DescribeServicesCommand({ cluster: 'conf', services: Array.from({ length: 11 }, (_, i) => `s${i}`) })),
    );
    await attempt(() => ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'absent:9' })));

    await elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [tg] }));
    await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg, Targets: [{ Id: '10.9.9.9', Port: 8080 }] }));
    await attempt(() => elbv2.send(new DescribeTargetGroupsCommand({ Names: ['absent'] })));

    const jobId = jobArn.split('/').pop() ?? '';
    await logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/job', logStreamName: `ecs/web/${jobId}`, startFromHead: true }));
    await logs.send(new FilterLogEventsCommand({ logGroupName: '/ecs/job', filterPattern: 'failed' }));
    await logs.send(new DescribeLogGroupsCommand({}));
    await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/ecs/job' }));
    await attempt(() => logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/absent', logStreamName: 'x' })));
    await attempt(() => logs.send(new DescribeLogStreamsCommand({ logGroupName: '/ecs/job', limit: 500 })));

    await ecr.send(new GetAuthorizationTokenCommand({}));
    await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'conf',
        imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
        imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'latest' }],
      }),
    );
    const manifest = (n: number) =>
      JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', layers: [{ size: n }] });
    await ecr.send(new PutImageCommand({ repositoryName: 'conf', imageTag: 'v1', imageManifest: manifest(1) }));
    await attempt(() => ecr.send(new PutImageCommand({ repositoryName: 'conf', imageTag: 'v1', imageManifest: manifest(2) })));
    await ecr.send(new PutImageCommand({ repositoryName: 'conf', imageTag: 'latest', imageManifest: manifest(2) }));
    await ecr.send(new DescribeImagesCommand({ repositoryName: 'conf' }));
    await ecr.send(new BatchGetImageCommand({ repositoryName: 'conf', imageIds: [{ imageTag: 'v1' }, { imageTag: 'v9' }] }));
    await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['conf'] }));
    await ecr.send(new PutImageTagMutabilityCommand({ repositoryName: 'conf', imageTagMutability: 'IMMUTABLE' }));
    await attempt(() => ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['absent'] })));
    await attempt(() =>
      ecr.send(new PutImageTagMutabilityCommand({ repositoryName: 'conf', imageTagMutability: 'MUTABLE_WITH_EXCLUSION' })),
    );

    await sts.send(new GetCallerIdentityCommand({}));

    expect(service?.deployments?.length).toBeGreaterThan(0);
    const operations = new Set(recorded.map((r) => `${r.service}:${r.operation}:${r.status < 300 ? 'ok' : 'error'}`));
    // The check is only as good as what it saw: every service, with answers and with errors.
    for (const expected of [
      'ecs:DescribeServices:ok',
      'ecs:DescribeServices:error',
      'ecs:DescribeServiceDeployments:ok',
      'ecs:DescribeServiceRevisions:ok',
      'ecs:DescribeTasks:ok',
      'ecs:UpdateService:error',
      'elasticloadbalancing:DescribeTargetHealth:ok',
      'elasticloadbalancing:DescribeTargetGroups:error',
      'logs:FilterLogEvents:ok',
      'logs:GetLogEvents:error',
      'ecr:PutImage:error',
      'ecr:BatchGetImage:ok',
      'sts:GetCallerIdentity:ok',
    ])
      expect(operations).toContain(expected);
    const check = checkResponses(recorded);
    expect(check.violations.length === 0 ? '' : violationReport(check)).toBe('');
  });
});
