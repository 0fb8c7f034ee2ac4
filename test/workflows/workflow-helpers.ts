import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Sandbox } from '../../sandbox/index.js';
import { taskDefinition } from '../e2e/ecs-deploy-helpers.js';
import type { JobRecord, WorkflowCall } from '../../sandbox/runner/workflow-runner.js';

/** Set-up shared by the workflow tests: the job's environment as a runner gives it, OIDC claims that follow the job, workspaces. */

export const ACCOUNT = '123456789012';
export const DEPLOY_ROLE = `arn:aws:iam::${ACCOUNT}:role/gha-deploy`;
export const PLAN_ROLE = `arn:aws:iam::${ACCOUNT}:role/gha-terraform-plan`;

/** The sandbox's environment minus its bootstrap keys: a real job has only its OIDC token. */
export function machineEnv(sandbox: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _secret, ...env } = sandbox.env;
  return { ...env, ...extra };
}

/**
 * The OIDC token's subject as GitHub forms it for the job: the environment when the job has one,
 * else the pull request or the ref; job_workflow_ref names the reusable workflow. Roles in the tests
 * trust exactly these subjects, so a job outside its environment cannot assume the deploy role.
 */
export function claimsFollowJob(sandbox: Sandbox, call: Pick<WorkflowCall, 'file' | 'eventName'>): (job: JobRecord) => void {
  return (job) => {
    const sub = job.environment
      ? `repo:acme/web:environment:${job.environment}`
      : call.eventName === 'pull_request'
        ? 'repo:acme/web:pull_request'
        : 'repo:acme/web:ref:refs/heads/main';
    sandbox.admin.identity.oidc.setClaims({
      sub,
      ...(job.environment ? { environment: job.environment } : {}),
      event_name: call.eventName,
      job_workflow_ref: `ecs-delivery/ecs-delivery/${call.file}@refs/heads/main`,
    });
  };
}

/** A checkout: the files the workflow reads from the repository. */
export function workspaceWith(files: Record<string, string>): string {
  const workspace = mkdtempSync(join(tmpdir(), 'workflow-workspace-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(workspace, dirname(path)), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  return workspace;
}

/** What each step did, one line per step, for readable assertions. */
export function stepLines(job: JobRecord | undefined): string[] {
  return (job?.steps ?? []).map(
    (step) => `${step.outcome}: ${step.name}${step.uses ? ` (${basename(step.uses.replace(/@.*/, ''))})` : ''}`,
  );
}

/** A call of deploy.yml for one sandbox service on cluster prod, in the staging environment, with a ready image. */
export function deployCall(sandbox: Sandbox, service: string, image: string, extra: Partial<WorkflowCall['inputs']> = {}): WorkflowCall {
  const call = {
    file: '.github/workflows/deploy.yml',
    eventName: 'push',
    event: { ref: 'refs/heads/main', after: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c' },
    inputs: {
      environment: 'staging',
      'aws-region': 'us-east-1',
      'role-to-assume': DEPLOY_ROLE,
      cluster: 'prod',
      service,
      'task-definition': 'deploy/task-definition.json',
      'container-name': 'web',
      image,
      'pass-roles': 'ecsTaskExecutionRole',
      'wait-for-minutes': 3,
      'poll-interval-seconds': 1,
      ...extra,
    },
    env: machineEnv(sandbox),
    workspace: workspaceWith({ 'deploy/task-definition.json': JSON.stringify(taskDefinition(service, 'placeholder:latest'), null, 2) }),
  };
  return { ...call, onJobStart: claimsFollowJob(sandbox, call) };
}
