import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { PROJECT_ROOT, runAction } from '../../sandbox/runner/run-action.js';
import { CLUSTER, existingService, taskDefinition } from '../e2e/ecs-deploy-helpers.js';
import { release } from '../e2e/ecs-rollback-helpers.js';
import { evaluate, type Contexts } from '../../sandbox/runner/workflow-expressions.js';
import { machineEnv } from '../workflows/workflow-helpers.js';
import type { Example } from './readme-examples.js';

/**
 * Runs a README example's steps in order, as one job: this suite's actions through the runner-faithful
 * harness against the sandbox, third-party actions and `run:` steps not at all (the world below holds
 * what they would have produced). Each step sees the environment earlier steps exported (the
 * credentials of aws-credentials) and `steps.<id>.outputs` of earlier steps; a failed step skips the rest.
 */

export const ACCOUNT = '123456789012';
/** The harness's GITHUB_SHA: the merge commit of the pull request in the apply example. */
export const SHA = '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c';
export const PR_NUMBER = 2;
export const WEB_IMAGE = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web@sha256:${'1f'.repeat(32)}`;
const WORKER_IMAGE = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/worker@sha256:${'2e'.repeat(32)}`;
const FAKE_TERRAFORM = join(PROJECT_ROOT, 'test/fixtures/terraform-plan/fake-terraform.mjs');
const PLAN_SCENARIO = join(PROJECT_ROOT, 'test/fixtures/terraform-plan/planted-secrets');

export interface World {
  sandbox: Sandbox;
  workspace: string;
  contexts: Contexts;
  /** Example literals that name the reader's own hosts, and what stands in for them here. */
  literals: Record<string, string>;
  /** The job's PATH: a `terraform` (the fake, as setup-terraform would install the real one), no docker. */
  path: string;
  runnerTemp: string;
  stop(): Promise<void>;
}

export interface StepOutcome {
  action: string;
  exitCode: number | null;
  errors: string[];
  outputs: Record<string, string>;
}

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, dirname(path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** The account the examples assume: roles trusted by the job's repository, a cluster with service `web` and its history, a pull request. */
export async function startWorld(): Promise<World> {
  const sandbox = await startSandbox({ timeScale: 40, seed: 7 });
  const root = mkdtempSync(join(tmpdir(), 'readme-examples-'));
  const health = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n'));
  const stop = async () => {
    await new Promise<void>((resolve) => health.close(() => resolve()));
    await sandbox.stop();
    rmSync(root, { recursive: true, force: true });
  };
  try {
    return { ...(await populate(sandbox, root, health)), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function populate(sandbox: Sandbox, root: string, health: Server): Promise<Omit<World, 'stop'>> {
  await new Promise<void>((resolve) => health.listen(0, '127.0.0.1', resolve));
  const healthUrl = `http://127.0.0.1:${(health.address() as AddressInfo).port}`;

  const identity = sandbox.admin.identity;
  for (const name of ['gha-deploy', 'deploy', 'ci-push', 'gha-terraform-plan', 'gha-terraform-apply']) {
    identity.createRole({ arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, trust: { subjects: ['repo:acme/web:*'] } });
  }
  const base = 'arn:aws:iam::111111111111:role/ci-base';
  identity.createRole({ arn: base, trust: { subjects: ['repo:acme/web:*'] } });
  identity.createRole({ arn: 'arn:aws:iam::222222222222:role/prod-deploy', trust: { principals: [base] } });
  identity.putManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess', {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['ecs:Describe*', 'ecs:List*', 's3:Get*', 's3:List*'], Resource: '*' }],
  });
  identity.github.addPullRequest('octo-org', 'octo-service', { number: PR_NUMBER });

  sandbox.admin.createCluster(CLUSTER);
  existingService(sandbox, 'web');
  await release(sandbox, 'web', 'v2');
  // What staging ran (the promote example), and a family to render from (ecs-render's second example).
  const stagingArn = sandbox.admin.registerTaskDefinition(taskDefinition('web', WEB_IMAGE));
  sandbox.admin.registerTaskDefinition(taskDefinition('shop', 'shop:v1'));

  const workspace = join(root, 'workspace');
  const runnerTemp = join(root, 'runner-temp');
  mkdirSync(runnerTemp);
  const web = taskDefinition('web', 'web:placeholder');
  // A second, non-essential container for ecs-render's `images: worker=…`; ecs-deploy's one-off task ignores it.
  const worker = { ...web.containerDefinitions[0], name: 'worker', image: 'worker:placeholder', essential: false, portMappings: [] };
  const statement = { Effect: 'Allow', Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Resource: '*' };
  writeFiles(workspace, {
    'deploy/task-definition.json': JSON.stringify({ ...web, containerDefinitions: [...web.containerDefinitions, worker] }, null, 2),
    'policies/deploy-session.json': JSON.stringify({ Version: '2012-10-17', Statement: [statement] }),
    'infra/prod/main.tf': '# replayed by the fake terraform\n',
    'infra/prod/prod.tfvars': 'instance_count = 2\n',
  });
  copyFileSync(join(PLAN_SCENARIO, 'plan.json'), join(workspace, 'plans.json'));
  const bin = join(root, 'bin');
  writeFiles(bin, { terraform: `#!/bin/sh\nexec '${process.execPath}' '${FAKE_TERRAFORM}' "$@"\n` });
  chmodSync(join(bin, 'terraform'), 0o755);

  return {
    sandbox,
    workspace,
    path: bin,
    runnerTemp,
    literals: { 'https://web.example.com/healthz': `${healthUrl}/healthz` },
    contexts: {
      github: { sha: SHA, actor: 'octocat', repository: 'octo-org/octo-service' },
      secrets: {
        DB_PASSWORD: 'readme-example-db-password',
        NPM_TOKEN: 'npm_readmeExampleToken0123',
        GITHUB_TOKEN: sandbox.env.GITHUB_TOKEN ?? '',
      },
      inputs: { to: 'previous', reason: 'v42 returns 500 on /checkout' },
      needs: {
        build: { outputs: { image: WEB_IMAGE }, result: 'success' },
        staging: { outputs: { image: WEB_IMAGE, 'task-definition-arn': stagingArn }, result: 'success' },
      },
      steps: { build: { outputs: { image: WEB_IMAGE, 'worker-image': WORKER_IMAGE }, outcome: 'success', conclusion: 'success' } },
      runner: { temp: runnerTemp },
    },
  };
}

/** An input value as the runner hands it over: every `${{ }}` replaced from the world's contexts. */
function resolveInput(value: unknown, contexts: Contexts, literals: Record<string, string>): string {
  const text = typeof value === 'string' ? value : String(value);
  const resolved = text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_whole, expression: string) => {
    const result = evaluate(expression.trim(), contexts).coerceString();
    if (result === '') throw new Error(`no test value for \${{${expression}}}: add one to the contexts in readme-example-runner.ts`);
    return result;
  });
  return literals[resolved] ?? resolved;
}

function eventFor(eventName: string, contexts: Contexts): Record<string, unknown> {
  if (eventName === 'pull_request') {
    return {
      action: 'opened',
      number: PR_NUMBER,
      pull_request: {
        number: PR_NUMBER,
        head: { ref: `feature-${PR_NUMBER}`, sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821' },
        base: { ref: 'main' },
      },
    };
  }
  if (eventName === 'workflow_dispatch') return { inputs: contexts.inputs ?? {} };
  return { ref: 'refs/heads/main', after: SHA };
}

export async function runExample(example: Example, world: World, eventName: string): Promise<StepOutcome[]> {
  // Without a credentials step in the example, the sandbox's own keys stand in for the credentials an
  // earlier step of the reader's job provides; with one, the job starts with only its OIDC token.
  const ownCredentials = example.steps.some((step) => step.target === 'aws-credentials');
  // One RUNNER_TEMP for the whole job, as a runner gives it: ecs-render writes there, ecs-deploy reads it.
  const jobEnv = {
    ...(ownCredentials ? machineEnv(world.sandbox) : world.sandbox.env),
    PATH: world.path,
    RUNNER_TEMP: world.runnerTemp,
    FAKE_TF_SCENARIO: PLAN_SCENARIO,
  };
  const steps: NonNullable<Contexts['steps']> = { ...world.contexts.steps };
  const exported: Record<string, string> = {};
  const outcomes: StepOutcome[] = [];
  for (const step of example.steps) {
    if (step.kind !== 'action' || !step.target) continue;
    if (outcomes.some((outcome) => outcome.exitCode !== 0)) break;
    const contexts = { ...world.contexts, steps };
    const inputs = Object.fromEntries(
      Object.entries(step.with).map(([name, value]) => [name, resolveInput(value, contexts, world.literals)]),
    );
    const result = await runAction(step.target, {
      inputs,
      env: { ...jobEnv, ...exported },
      event: eventFor(eventName, world.contexts),
      eventName,
      workspace: world.workspace,
      timeoutMs: 180_000,
    });
    rmSync(result.runnerTemp, { recursive: true, force: true });
    outcomes.push({ action: step.target, exitCode: result.exitCode, errors: result.errors, outputs: result.outputs });
    Object.assign(exported, result.env);
    if (step.id) steps[step.id] = { outputs: result.outputs, outcome: 'success', conclusion: 'success' };
  }
  return outcomes;
}
