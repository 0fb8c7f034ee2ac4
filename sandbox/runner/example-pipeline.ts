import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../index.js';
import { runCallerWorkflow, type CallerJobRecord, type CallerRun, type CallerRunResult } from './caller-workflow.js';
import { startHealthEndpoint, type HealthEndpoint } from './health-endpoint.js';
import { preparedImageBuild } from './prepared-image.js';
import { PUSH_REPOSITORY } from './push-event.js';
import { PROJECT_ROOT } from './run-action.js';
import { provisionFromTerraform, type ProvisionedService } from './terraform-provision.js';
import type { JobRecord } from './workflow-runner.js';
import type { OwnActionStandIn } from './workflow-steps.js';

/**
 * One example repository (examples/<name>) taken through its own caller workflows against the
 * sandbox, as its team would: a pull request gets the Terraform plan comment, the merge applies the
 * reviewed plan and deploys, the "Run workflow" button rolls back. What the tests and a demo drive:
 *
 *   const pipeline = await startPipeline({ example: 'http-echo', environments: ['staging', 'production'] });
 *   await pipeline.pullRequest(2, sha);   // terraform-plan.yml on pull_request
 *   await pipeline.merge(2, sha);         // deploy.yml on push: apply, build, staging, production
 *   await pipeline.dispatch('rollback.yml', { environment: 'production', reason: '…' });
 *   await pipeline.stop();
 *
 * The checkout is a copy of the example; Terraform is the real one on PATH, offline (terraform_data
 * only). After an apply, the services its `ecs_services` output lists are created in the sandbox's
 * ECS (terraform-provision.ts stands in for the AWS provider). Builds use the prepared-image stand-in
 * (no Docker engine is assumed). Roles trust exactly the subjects GitHub's OIDC token carries for
 * each job (pull request, the infrastructure environment, the deploy environments).
 */

export const ACCOUNT = '123456789012';
export const ROLES = {
  plan: `arn:aws:iam::${ACCOUNT}:role/gha-terraform-plan`,
  apply: `arn:aws:iam::${ACCOUNT}:role/gha-terraform-apply`,
  deploy: `arn:aws:iam::${ACCOUNT}:role/gha-deploy`,
} as const;
const REPOSITORY = `${PUSH_REPOSITORY.owner}/${PUSH_REPOSITORY.name}`;
/** Sandbox seconds per real second: a rollout of a sandbox minute takes a couple of real seconds. */
const TIME_SCALE = 40;

export interface PipelineOptions {
  /** The folder under examples/. */
  example: string;
  /** The GitHub environments the deploy role is trusted from; each gets a `<NAME>_URL` repository variable (and ECS_POLL_SECONDS is 1). */
  environments: string[];
  /** Repository variables besides the URLs. */
  vars?: Record<string, string>;
  /** Repository secrets the caller workflows pass on. */
  secrets?: Record<string, string>;
  /** Called after each caller job, for a live account. */
  onJobEnd?: (job: CallerJobRecord) => void;
  /**
   * What stands in for ecr-build-push on a merge (default: the prepared image). The demo passes a
   * build through the real Docker engine when one runs; `workspace` is the checkout.
   */
  build?: (sha: string, where: { sandbox: Sandbox; workspace: string }) => OwnActionStandIn;
}

export interface Pipeline {
  sandbox: Sandbox;
  /** The checkout: a copy of the example, where Terraform keeps its state. */
  workspace: string;
  vars: Record<string, string>;
  /** What the applies created, by `<cluster>/<service>`. */
  services: Map<string, ProvisionedService>;
  health: HealthEndpoint;
  /** Opens pull request `number` at commit `sha` and runs the `pull_request` workflows (terraform-plan.yml). */
  pullRequest(number: number, sha: string): Promise<CallerRunResult>;
  /** Merges it as commit `sha` and runs deploy.yml on the push. */
  merge(number: number, sha: string): Promise<CallerRunResult>;
  /** A workflow_dispatch of one of the example's workflows, as the "Run workflow" form sends it. */
  dispatch(file: string, inputs: Record<string, string | boolean>): Promise<CallerRunResult>;
  /** The image a build of `sha` produces with these ecr-build-push inputs (to give it a behaviour beforehand). */
  imageFor(sha: string, inputs: Record<string, string>): Promise<string>;
  stop(): Promise<void>;
}

export async function startPipeline(options: PipelineOptions): Promise<Pipeline> {
  const sandbox = await startSandbox({ timeScale: TIME_SCALE, seed: 16 });
  const identity = sandbox.admin.identity;
  identity.createRole({ arn: ROLES.plan, trust: { subjects: [`repo:${REPOSITORY}:pull_request`] } });
  identity.createRole({ arn: ROLES.apply, trust: { subjects: [`repo:${REPOSITORY}:environment:infrastructure`] } });
  identity.createRole({
    arn: ROLES.deploy,
    trust: { subjects: options.environments.map((env) => `repo:${REPOSITORY}:environment:${env}`) },
  });
  // The AWS managed policy the plan's session is narrowed with; the sandbox knows only what a caller puts there.
  identity.putManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess', {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['ec2:Describe*', 'ecs:Describe*', 'ecs:List*'], Resource: '*' }],
  });
  const root = mkdtempSync(join(tmpdir(), `example-${options.example}-`));
  const workspace = join(root, 'checkout');
  cpSync(join(PROJECT_ROOT, 'examples', options.example), workspace, { recursive: true });
  const terraformEnv = offlineTerraform(root);
  const services = new Map<string, ProvisionedService>();
  const health = await startHealthEndpoint(services);
  const vars = {
    ...Object.fromEntries(options.environments.map((env) => [`${env.toUpperCase()}_URL`, `${health.url}/${env}`])),
    // The sandbox runs 40 times faster than AWS; one look per second keeps a rollout to a few seconds.
    ECS_POLL_SECONDS: '1',
    ...options.vars,
  };

  const run = (file: string, sha: string, eventName: string, event: Record<string, unknown>, extra: Partial<CallerRun> = {}) =>
    runCallerWorkflow({
      file: `examples/${options.example}/.github/workflows/${file}`,
      eventName,
      event,
      secrets: options.secrets ?? {},
      vars,
      env: { ...machineEnv(sandbox), ...terraformEnv, GITHUB_SHA: sha },
      workspace,
      github: { sha, repository: REPOSITORY, repository_owner: PUSH_REPOSITORY.owner },
      onJobStart: (job, called) => setClaims(sandbox, job, eventName, called.workflowRef),
      onJobEnd: (job) => {
        if (job.result === 'success' && /\/terraform-apply\.yml@/.test(job.uses))
          provisionFromTerraform(sandbox, workspace, job.with['working-directory'] ?? '.', terraformEnv, services);
        options.onJobEnd?.(job);
      },
      ...extra,
    });

  return {
    sandbox,
    workspace,
    vars,
    services,
    health,
    pullRequest(number, sha) {
      identity.github.addPullRequest(PUSH_REPOSITORY.owner, PUSH_REPOSITORY.name, { number, head: { ref: `change-${number}`, sha } });
      return run('terraform-plan.yml', sha, 'pull_request', pullRequestEvent(number, sha));
    },
    merge(number, sha) {
      identity.github.mergePullRequest(PUSH_REPOSITORY.owner, PUSH_REPOSITORY.name, number, sha);
      const push = { ref: 'refs/heads/main', after: sha, repository: { full_name: REPOSITORY } };
      const build = options.build?.(sha, { sandbox, workspace }) ?? preparedImageBuild(sandbox.admin, sha);
      return run('deploy.yml', sha, 'push', push, { ownStandIns: { 'ecr-build-push': build } });
    },
    dispatch(file, inputs) {
      return run(file, MAIN_SHA, 'workflow_dispatch', { inputs }, { inputs });
    },
    async imageFor(sha, inputs) {
      const result = await preparedImageBuild(sandbox.admin, sha)(inputs);
      return result.outputs.image ?? '';
    },
    async stop() {
      await health.close();
      await sandbox.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The head of main when a workflow is dispatched (the rollback reads nothing from the checkout). */
const MAIN_SHA = '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c';

/** The sandbox's environment minus its bootstrap keys: a real job has only its OIDC token. */
function machineEnv(sandbox: Sandbox): Record<string, string> {
  const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _secret, ...env } = sandbox.env;
  return env;
}

/** The OIDC claims GitHub gives the job: the environment when it has one, else the pull request or the ref. */
function setClaims(sandbox: Sandbox, job: JobRecord, eventName: string, workflowRef: string): void {
  const sub = job.environment
    ? `repo:${REPOSITORY}:environment:${job.environment}`
    : eventName === 'pull_request'
      ? `repo:${REPOSITORY}:pull_request`
      : `repo:${REPOSITORY}:ref:refs/heads/main`;
  sandbox.admin.identity.oidc.setClaims({
    sub,
    ...(job.environment ? { environment: job.environment } : {}),
    event_name: eventName,
    job_workflow_ref: workflowRef,
  });
}

/** The fields of a pull_request event the actions read (https://docs.github.com/webhooks/webhook-events-and-payloads#pull_request). */
function pullRequestEvent(number: number, sha: string): Record<string, unknown> {
  return {
    action: 'opened',
    number,
    pull_request: { number, state: 'open', head: { ref: `change-${number}`, sha }, base: { ref: 'main' } },
    repository: { name: PUSH_REPOSITORY.name, full_name: REPOSITORY, owner: { login: PUSH_REPOSITORY.owner } },
  };
}

/** Terraform with no update check and no way out: terraform_data needs no provider, and any download would fail. */
function offlineTerraform(root: string): Record<string, string> {
  if (spawnSync('terraform', ['version'], { encoding: 'utf8' }).status !== 0)
    throw new Error('the example pipelines run the real terraform: install Terraform ≥ 1.7 on PATH');
  const config = join(root, 'terraformrc');
  writeFileSync(config, 'disable_checkpoint = true\n');
  return {
    TF_CLI_CONFIG_FILE: config,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
  };
}
