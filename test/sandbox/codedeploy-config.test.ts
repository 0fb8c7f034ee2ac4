import { CodeDeployClient, GetDeploymentGroupCommand } from '@aws-sdk/client-codedeploy';
import { applyConfig } from '../../sandbox/config/apply-config.js';
import { validateConfig } from '../../sandbox/config/load-config.js';
import { startSandbox } from '../../sandbox/index.js';
import { fargateTaskDefinition } from './helpers.js';

/** `services[].codeDeploy` of the sandbox configuration: a CODE_DEPLOY service with its listeners, application and deployment group. */

const config = (
  codeDeploy: Record<string, unknown>,
  loadBalancer: unknown = { targetGroup: 'web-blue', containerName: 'web', containerPort: 8080 },
) => ({
  clusters: ['sandbox'],
  targetGroups: [
    { name: 'web-blue', port: 8080 },
    { name: 'web-green', port: 8080 },
  ],
  taskDefinitions: [fargateTaskDefinition('web', 'web:v1')],
  services: [
    { cluster: 'sandbox', name: 'web', taskDefinition: 'web', desiredCount: 2, ...(loadBalancer ? { loadBalancer } : {}), codeDeploy },
  ],
});

test('a service with codeDeploy starts steady on its task set, with a deployment group CodeDeploy answers for', async () => {
  const sandbox = await startSandbox({ seed: 31 });
  try {
    const lines = applyConfig(
      sandbox,
      validateConfig(
        config({ application: 'web-app', deploymentGroup: 'web-dg', greenTargetGroup: 'web-green', terminationWaitTimeInMinutes: 0 }),
      ),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^service .*service\/sandbox\/web \(task sets steady\)$/),
        'CodeDeploy deployment group web-app/web-dg',
      ]),
    );
    const client = new CodeDeployClient({
      endpoint: sandbox.env.AWS_ENDPOINT_URL_CODEDEPLOY ?? '',
      region: 'us-east-1',
      credentials: { accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY ?? '' },
    });
    const group = (await client.send(new GetDeploymentGroupCommand({ applicationName: 'web-app', deploymentGroupName: 'web-dg' })))
      .deploymentGroupInfo;
    expect(group?.loadBalancerInfo?.targetGroupPairInfoList?.[0]?.targetGroups).toEqual([{ name: 'web-blue' }, { name: 'web-green' }]);
    expect(group?.blueGreenDeploymentConfiguration?.terminateBlueInstancesOnDeploymentSuccess?.terminationWaitTimeInMinutes).toBe(0);
  } finally {
    await sandbox.stop();
  }
});

test.each([
  ['no green target group', { application: 'a', deploymentGroup: 'g' }, undefined, /services\[0\]\.codeDeploy.*greenTargetGroup/],
  [
    'the same target group twice',
    { application: 'a', deploymentGroup: 'g', greenTargetGroup: 'web-blue' },
    undefined,
    /greenTargetGroup: "web-blue" must be a target group/,
  ],
  [
    'no load balancer',
    { application: 'a', deploymentGroup: 'g', greenTargetGroup: 'web-green' },
    null,
    /services\[0\]\.codeDeploy: a CodeDeploy blue\/green service needs a load balancer/,
  ],
  [
    'an unknown deployment configuration',
    { application: 'a', deploymentGroup: 'g', greenTargetGroup: 'web-green', deploymentConfigName: 'Fast' },
    undefined,
    /deploymentConfigName: expected one of CodeDeployDefault\.ECSAllAtOnce/,
  ],
])('%s is one error naming the key path', (_label, codeDeploy, loadBalancer, message) => {
  expect(() => validateConfig(config(codeDeploy, loadBalancer === null ? null : undefined))).toThrow(message);
});
