/**
 * `npm run demo`: the suite against the sandbox, the way a user's pipeline runs it. A service runs
 * web:1.0; the pipeline renders a task definition for a new image and deploys it (healthy), then
 * renders and deploys an image that crashes on start — ecs-deploy reports why within seconds and the
 * service ends up back on the healthy revision. Prints what the Actions log and job summaries show.
 * The bundles run exactly as a runner runs them (sandbox/runner/run-action.ts); build them first.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { PROJECT_ROOT, runAction, type ActionResult } from '../sandbox/runner/run-action.js';
import { fargateTaskDefinition } from '../sandbox/fargate-task-definition.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';

const TIME_SCALE = 40;
const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web';
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

function taskDefinition(image: string): Record<string, unknown> {
  const base = fargateTaskDefinition('shop-web', image);
  return {
    ...base,
    containerDefinitions: base.containerDefinitions.map((container) => ({
      ...container,
      environment: [{ name: 'LOG_LEVEL', value: 'info' }],
    })),
  };
}

/** A service on web:1.0 that completed its first deployment, behind a target group, circuit breaker on. */
function existingService(sandbox: Sandbox): void {
  sandbox.admin.createCluster('prod');
  const taskDefinitionArn = sandbox.admin.registerTaskDefinition(taskDefinition(`${REGISTRY}:1.0`));
  const targetGroupArn = sandbox.admin.createTargetGroup({ name: 'shop-web', port: 8080, deregistrationDelaySeconds: 5 });
  sandbox.admin.createService({
    cluster: 'prod',
    serviceName: 'shop-web',
    taskDefinition: taskDefinitionArn,
    desiredCount: 2,
    loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 8080 }],
    deploymentConfiguration: {
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      deploymentCircuitBreaker: { enable: true, rollback: true },
    },
    healthCheckGracePeriodSeconds: 10,
  });
  sandbox.admin.settle('prod', 'shop-web');
}

/** The log as the Actions UI shows it: annotations as "Error:"/"Warning:", debug lines hidden. */
function show(title: string, result: ActionResult): void {
  console.log(`\n${bold(`▶ ${title}`)}  (exit code ${result.exitCode})`);
  for (const line of result.log.split('\n')) {
    if (line.startsWith('::debug::') || line.trim() === '') continue;
    const shown = line
      .replace(/^::error::/, 'Error: ')
      .replace(/^::warning::/, 'Warning: ')
      .replace(/^::notice::/, 'Notice: ');
    console.log(`  ${shown}`);
  }
  if (Object.keys(result.outputs).length > 0) console.log(`  ${bold('outputs')} ${JSON.stringify(result.outputs)}`);
  if (result.summary.trim()) {
    console.log(`\n  ${bold('── job summary ──')}`);
    for (const line of result.summary.trim().split('\n')) console.log(`  ${line}`);
  }
}

async function renderAndDeploy(sandbox: Sandbox, workspace: string, image: string): Promise<ActionResult> {
  const render = await runAction('ecs-render', {
    inputs: { 'task-definition': 'deploy/task-definition.json', 'container-name': 'web', image },
    env: sandbox.env,
    workspace,
  });
  show(`ecs-render (image ${image})`, render);
  const rendered = render.outputs['task-definition'];
  if (render.exitCode !== 0 || !rendered) throw new Error('ecs-render failed');
  const deploy = await runAction('ecs-deploy', {
    inputs: { 'task-definition': rendered, cluster: 'prod', service: 'shop-web', 'poll-interval-seconds': '1', 'wait-for-minutes': '10' },
    env: sandbox.env,
    workspace,
  });
  show(`ecs-deploy (service shop-web in prod)`, deploy);
  return deploy;
}

async function main(): Promise<void> {
  for (const name of ['ecs-render', 'ecs-deploy']) {
    if (!existsSync(join(PROJECT_ROOT, 'dist', name, 'index.js')))
      throw new Error(`dist/${name}/index.js is missing: run 'npm run build' first`);
  }
  const started = Date.now();
  const sandbox = await startSandbox({ timeScale: TIME_SCALE });
  try {
    existingService(sandbox);
    const workspace = mkdtempSync(join(tmpdir(), 'ecs-delivery-demo-'));
    mkdirSync(join(workspace, 'deploy'));
    writeFileSync(join(workspace, 'deploy', 'task-definition.json'), JSON.stringify(taskDefinition(`${REGISTRY}:latest`), null, 2));
    console.log(bold(`ecs-delivery demo — sandbox AWS on a ${TIME_SCALE}× clock; service shop-web runs ${REGISTRY}:1.0`));

    console.log(bold('\n═══ 1. Deploy a healthy image ═══'));
    await renderAndDeploy(sandbox, workspace, `${REGISTRY}:1.1`);

    console.log(bold('\n═══ 2. Deploy an image that crashes on start ═══'));
    sandbox.admin.setImageBehavior(`${REGISTRY}:1.2`, {
      kind: 'exit',
      exitCode: 1,
      logLines: [
        'Starting shop-web 1.2',
        'Connecting to postgres://db.internal:5432/shop',
        'FATAL: password authentication failed for user "shop"',
      ],
    });
    const failed = await renderAndDeploy(sandbox, workspace, `${REGISTRY}:1.2`);

    sandbox.admin.settle('prod', 'shop-web');
    const primary = sandbox.admin.ecs.services.get('prod/shop-web')?.deployments.find((d) => d.status === 'PRIMARY');
    console.log(bold('\n═══ Result ═══'));
    console.log(`  second deploy: status ${failed.outputs.status}, exit code ${failed.exitCode}`);
    console.log(`  service shop-web now runs ${primary?.taskDefinitionArn.replace(/^.*\//, '')} (${primary?.rolloutState})`);
    console.log(`  demo took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await sandbox.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
