import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCodeDeployInputs } from '../../../src/ecs-deploy/codedeploy-inputs.js';
import { Inputs } from '../../../src/lib/inputs.js';

/** The codedeploy-* inputs are checked before any AWS call, the AppSpec file included. */

let workspace: string;
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'codedeploy-inputs-'));
});
afterEach(() => rmSync(workspace, { recursive: true, force: true }));

/** `service: null` reads the inputs of a step without a service. */
function read(values: Record<string, string>, service: string | null = 'web') {
  return readCodeDeployInputs(new Inputs((name) => values[name] ?? ''), service ?? undefined, { baseDir: workspace });
}

const APPSPEC = `version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: <TASK_DEFINITION>
        LoadBalancerInfo: { ContainerName: web, ContainerPort: 8080 }
`;

test('reads names, description, configuration and the AppSpec file', async () => {
  writeFileSync(join(workspace, 'appspec.yaml'), APPSPEC);
  const options = await read({
    'codedeploy-application': 'shop',
    'codedeploy-deployment-group': 'shop-web',
    'codedeploy-deployment-description': 'release 42',
    'codedeploy-config': 'CodeDeployDefault.ECSCanary10Percent5Minutes',
    'codedeploy-appspec': 'appspec.yaml',
  });
  expect(options).toMatchObject({
    application: 'shop',
    deploymentGroup: 'shop-web',
    description: 'release 42',
    deploymentConfig: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
    appSpec: { container: { name: 'web', port: 8080 }, taskDefinitionValue: '<TASK_DEFINITION>' },
  });
  expect(await read({})).toEqual({});
});

describe("codedeploy-config, and codedeploy-deployment-config (aws-actions' name for it)", () => {
  const CANARY = 'CodeDeployDefault.ECSCanary10Percent5Minutes';

  test('either name gives the deployment configuration; both with one value is the same request', async () => {
    expect(await read({ 'codedeploy-config': CANARY })).toEqual({ deploymentConfig: CANARY });
    expect(await read({ 'codedeploy-deployment-config': CANARY })).toEqual({ deploymentConfig: CANARY });
    expect(await read({ 'codedeploy-config': CANARY, 'codedeploy-deployment-config': CANARY })).toEqual({ deploymentConfig: CANARY });
  });

  test('both with different values is refused, naming both and the fix', async () => {
    await expect(read({ 'codedeploy-config': CANARY, 'codedeploy-deployment-config': 'CodeDeployDefault.ECSAllAtOnce' })).rejects.toThrow(
      `Input 'codedeploy-config': is '${CANARY}' but 'codedeploy-deployment-config' (the same setting under aws-actions' name) is 'CodeDeployDefault.ECSAllAtOnce'. Give the deployment configuration once, in 'codedeploy-config'`,
    );
  });

  test('a bad value is reported under the name it was given as', async () => {
    await expect(read({ 'codedeploy-deployment-config': 'c'.repeat(101) })).rejects.toThrow(
      /^Input 'codedeploy-deployment-config': .* is not a CodeDeploy name/,
    );
    await expect(read({ 'codedeploy-config': 'c\nd' })).rejects.toThrow(/^Input 'codedeploy-config': .* is not a CodeDeploy name/);
    await expect(read({ 'codedeploy-deployment-config': CANARY }, null)).rejects.toThrow(
      /^Input 'codedeploy-deployment-config': only applies when deploying to a CODE_DEPLOY service/,
    );
  });
});

test.each([
  [
    'a codedeploy input without a service',
    { 'codedeploy-application': 'shop' },
    null,
    /^Input 'codedeploy-application': only applies when deploying to a CODE_DEPLOY service/,
  ],
  [
    'a name over 100 characters',
    { 'codedeploy-deployment-group': 'g'.repeat(101) },
    'web',
    /^Input 'codedeploy-deployment-group': .* is not a CodeDeploy name/,
  ],
  [
    'a description over 512 characters',
    { 'codedeploy-deployment-description': 'd'.repeat(513) },
    'web',
    /^Input 'codedeploy-deployment-description': is 513 characters long/,
  ],
  [
    'an AppSpec outside the workspace',
    { 'codedeploy-appspec': '/etc/hostname' },
    'web',
    /^Input 'codedeploy-appspec': .* outside the workspace/,
  ],
  ['a missing AppSpec', { 'codedeploy-appspec': 'nope.yaml' }, 'web', /^Input 'codedeploy-appspec': file 'nope.yaml' does not exist/],
])('refuses %s', async (_name, values, service, message) => {
  await expect(read(values, service)).rejects.toThrow(message);
});

test('refuses an AppSpec that is not YAML, or not an ECS AppSpec, without quoting it', async () => {
  writeFileSync(join(workspace, 'broken.yaml'), 'Resources: [secret-value\n');
  await expect(read({ 'codedeploy-appspec': 'broken.yaml' })).rejects.toThrow(
    /^Input 'codedeploy-appspec': file 'broken.yaml' is neither valid JSON nor valid YAML/,
  );
  await expect(read({ 'codedeploy-appspec': 'broken.yaml' })).rejects.not.toThrow(/secret-value/);
  writeFileSync(join(workspace, 'lambda.yaml'), APPSPEC.replace('AWS::ECS::Service', 'AWS::Lambda::Function'));
  await expect(read({ 'codedeploy-appspec': 'lambda.yaml' })).rejects.toThrow(/not Type AWS::ECS::Service/);
});
