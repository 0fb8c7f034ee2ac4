/**
 * Set-up for the ecs-rollback end-to-end tests: services with a history of releases (each one a real
 * UpdateService through the SDK, settled on the sandbox clock), and the bundled action run through the
 * runner-faithful harness.
 */
import { DeregisterTaskDefinitionCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { runAction, type ActionResult } from '../../sandbox/runner/run-action.js';
import type { Sandbox } from '../../sandbox/index.js';
import { CLUSTER, ecsClient, existingService, taskDefinition } from './ecs-deploy-helpers.js';

/** Operations that change nothing: a dry run may make only these. */
export const READ_ONLY = /^(Describe|List|Get)/;

/** Registers `<name>:<tag>` as the next revision and rolls the service onto it; settles it unless told not to. */
export async function release(sandbox: Sandbox, name: string, tag: string, options: { settle?: boolean } = {}): Promise<string> {
  const arn = sandbox.admin.registerTaskDefinition(taskDefinition(name, `${name}:${tag}`));
  const ecs = ecsClient(sandbox);
  try {
    await ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: name, taskDefinition: arn }));
  } finally {
    ecs.destroy();
  }
  if (options.settle !== false) {
    const state = sandbox.admin.settle(CLUSTER, name);
    if (state !== 'COMPLETED') throw new Error(`release ${tag} of ${name} did not complete: ${state}`);
  }
  return arn;
}

/** A service on `:1` (v1) that then released v2 (and more tags when given), each completed. */
export async function serviceWithHistory(sandbox: Sandbox, name: string, tags: string[] = ['v2']): Promise<string[]> {
  const arns = [existingService(sandbox, name).taskDefinitionArn];
  for (const tag of tags) arns.push(await release(sandbox, name, tag));
  return arns;
}

export async function deregister(sandbox: Sandbox, arn: string): Promise<void> {
  const ecs = ecsClient(sandbox);
  try {
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn }));
  } finally {
    ecs.destroy();
  }
}

export function runRollback(sandbox: Sandbox, inputs: Record<string, string>): Promise<ActionResult> {
  return runAction('ecs-rollback', {
    inputs: { cluster: CLUSTER, 'poll-interval-seconds': '1', 'wait-for-minutes': '3', ...inputs },
    env: sandbox.env,
    eventName: 'workflow_dispatch',
    timeoutMs: 45_000,
  });
}

/** The mutating ECS operations the sandbox served since the last clear. */
export function mutatingCalls(sandbox: Sandbox): string[] {
  return sandbox.admin.requests
    .list()
    .map((entry) => `${entry.service}:${entry.operation}`)
    .filter((call) => !READ_ONLY.test(call.replace(/^[^:]*:/, '')));
}
