/**
 * `npm run demo`: the suite against the sandbox, the way a user's pipeline runs it. A service runs
 * web:1.0; the pipeline renders a task definition for a new image and deploys it (healthy), then
 * renders and deploys an image that crashes on start — ecs-deploy reports why within seconds and the
 * service ends up back on the healthy revision. Prints what the Actions log and job summaries show.
 * The bundles run exactly as a runner runs them (sandbox/runner/run-action.ts); build them first.
 * Everything it needs (the push event, the task definitions) is built here; its temporary folders
 * are removed when it ends.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT, runAction, type ActionResult } from '../sandbox/runner/run-action.js';
import { fargateTaskDefinition } from '../sandbox/fargate-task-definition.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';

const TIME_SCALE = 40;
const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web';
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

/** The workflow run the demo stands for: a push of one commit to main, which deploys it. */
const PUSH = {
  owner: 'octo-shop',
  repository: 'octo-shop/shop-web',
  before: '3f2b8c1d9e0a4b5c6d7e8f90a1b2c3d4e5f60718',
  sha: '9c41f0e2b7d35a6c8e1f2a3b4c5d6e7f8091a2b3',
  ref: 'refs/heads/main',
  actor: 'octocat',
};

/** The runner's variables for that push, so that event and environment agree. */
const PUSH_ENV = {
  GITHUB_REPOSITORY: PUSH.repository,
  GITHUB_REPOSITORY_OWNER: PUSH.owner,
  GITHUB_SHA: PUSH.sha,
  GITHUB_REF: PUSH.ref,
  GITHUB_ACTOR: PUSH.actor,
};

/** The push webhook payload the runner writes to GITHUB_EVENT_PATH (the fields a push always carries). */
function pushEvent(): Record<string, unknown> {
  const server = 'https://github.com';
  const commit = {
    id: PUSH.sha,
    tree_id: '5b7e2d90c3a14f6e8d2b1a0c9f8e7d6c5b4a3928',
    distinct: true,
    message: 'Release shop-web',
    timestamp: new Date().toISOString(),
    url: `${server}/${PUSH.repository}/commit/${PUSH.sha}`,
    author: { name: 'The Octocat', email: 'octocat@github.com', username: PUSH.actor },
    committer: { name: 'GitHub', email: 'noreply@github.com', username: 'web-flow' },
    added: [],
    removed: [],
    modified: ['deploy/task-definition.json'],
  };
  const owner = { login: PUSH.owner, id: 91_734_211, type: 'Organization', html_url: `${server}/${PUSH.owner}` };
  return {
    ref: PUSH.ref,
    before: PUSH.before,
    after: PUSH.sha,
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `${server}/${PUSH.repository}/compare/${PUSH.before.slice(0, 12)}...${PUSH.sha.slice(0, 12)}`,
    commits: [commit],
    head_commit: commit,
    repository: {
      id: 734_120_554,
      name: PUSH.repository.split('/')[1],
      full_name: PUSH.repository,
      private: true,
      owner,
      html_url: `${server}/${PUSH.repository}`,
      default_branch: 'main',
      master_branch: 'main',
    },
    pusher: { name: PUSH.actor, email: 'octocat@github.com' },
    organization: { login: PUSH.owner, id: owner.id },
    sender: { login: PUSH.actor, id: 583_231, type: 'User' },
  };
}

/** Folders the demo and its steps create (workspace, the job's RUNNER_TEMP, each step's own files), removed when it ends. */
const temporary: string[] = [];

/** One job: its steps share the checkout and RUNNER_TEMP, where ecs-render leaves the file ecs-deploy reads. */
interface Job {
  sandbox: Sandbox;
  workspace: string;
  runnerTemp: string;
}

async function run(name: string, job: Job, inputs: Record<string, string>): Promise<ActionResult> {
  const env = { ...job.sandbox.env, ...PUSH_ENV, RUNNER_TEMP: job.runnerTemp };
  const result = await runAction(name, { inputs, env, event: pushEvent(), eventName: 'push', workspace: job.workspace });
  temporary.push(result.runnerTemp);
  return result;
}

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

async function renderAndDeploy(job: Job, image: string): Promise<ActionResult> {
  const render = await run('ecs-render', job, {
    'task-definition': 'deploy/task-definition.json',
    'container-name': 'web',
    image,
  });
  show(`ecs-render (image ${image})`, render);
  const rendered = render.outputs['task-definition'];
  if (render.exitCode !== 0 || !rendered) throw new Error('ecs-render failed');
  const deploy = await run('ecs-deploy', job, {
    'task-definition': rendered,
    cluster: 'prod',
    service: 'shop-web',
    'poll-interval-seconds': '1',
    'wait-for-minutes': '10',
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
    const runnerTemp = mkdtempSync(join(tmpdir(), 'ecs-delivery-demo-runner-'));
    temporary.push(workspace, runnerTemp);
    const job: Job = { sandbox, workspace, runnerTemp };
    mkdirSync(join(workspace, 'deploy'));
    writeFileSync(join(workspace, 'deploy', 'task-definition.json'), JSON.stringify(taskDefinition(`${REGISTRY}:latest`), null, 2));
    console.log(bold(`ecs-delivery demo — sandbox AWS on a ${TIME_SCALE}× clock; service shop-web runs ${REGISTRY}:1.0`));
    console.log(`In the job summaries' timelines, "time" is the runner's clock and "ECS time" the sandbox's, ${TIME_SCALE}× faster.`);

    console.log(bold('\n═══ 1. Deploy a healthy image ═══'));
    await renderAndDeploy(job, `${REGISTRY}:1.1`);

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
    const failed = await renderAndDeploy(job, `${REGISTRY}:1.2`);

    sandbox.admin.settle('prod', 'shop-web');
    const primary = sandbox.admin.ecs.services.get('prod/shop-web')?.deployments.find((d) => d.status === 'PRIMARY');
    console.log(bold('\n═══ Result ═══'));
    console.log(`  second deploy: status ${failed.outputs.status}, exit code ${failed.exitCode}`);
    console.log(`  service shop-web now runs ${primary?.taskDefinitionArn.replace(/^.*\//, '')} (${primary?.rolloutState})`);
    console.log(`  demo took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await sandbox.stop();
    for (const folder of temporary) rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
