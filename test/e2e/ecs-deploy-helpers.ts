/**
 * Shared set-up for the ecs-deploy end-to-end tests: a sandbox on a fast clock, services that have
 * already completed a first deployment (so there is something to roll back to), rendered task
 * definition files, and the bundled action run through the runner-faithful harness.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeServicesCommand, ECSClient, type Service } from '@aws-sdk/client-ecs';
import { runAction, type ActionResult } from '../../sandbox/runner/run-action.js';
import { fargateTaskDefinition } from '../../sandbox/fargate-task-definition.js';
import type { DeploymentConfigurationInput } from '../../sandbox/ecs/strategy-admin.js';
import { settledWebService } from '../../sandbox/web-service.js';
import { startSandbox, type ImageBehavior, type Sandbox } from '../../sandbox/index.js';

/** Sandbox seconds per real second: a rollout of about a sandbox minute takes a couple of real seconds. */
export const TIME_SCALE = 40;
export const CLUSTER = 'prod';

export async function startDeploySandbox(): Promise<Sandbox> {
  const sandbox = await startSandbox({ timeScale: TIME_SCALE, seed: 7 });
  sandbox.admin.createCluster(CLUSTER);
  return sandbox;
}

/** A Fargate task definition with awslogs, as ecs-render renders it. */
export const taskDefinition = fargateTaskDefinition;

export interface ServiceSetup {
  name: string;
  taskDefinitionArn: string;
  targetGroupArn: string;
}

/** A service on `<name>:1` (image `<name>:v1`) that completed its first deployment behind a target group. */
export function existingService(
  sandbox: Sandbox,
  name: string,
  options: {
    breaker?: { enable: boolean; rollback: boolean };
    desiredCount?: number;
    alarms?: { alarmNames: string[]; enable: boolean; rollback: boolean };
    /** A deployment strategy and its settings (BLUE_GREEN, LINEAR, CANARY), laid over the rest. */
    strategy?: DeploymentConfigurationInput;
    /** How much sandbox time the first deployment may take. */
    settleMs?: number;
  } = {},
): ServiceSetup {
  const taskDefinitionArn = sandbox.admin.registerTaskDefinition(taskDefinition(name, `${name}:v1`));
  const targetGroupArn = settledWebService(sandbox.admin, {
    cluster: CLUSTER,
    name,
    taskDefinitionArn,
    targetGroup: { deregistrationDelaySeconds: 5 },
    desiredCount: options.desiredCount ?? 2,
    deploymentConfiguration: {
      deploymentCircuitBreaker: options.breaker ?? { enable: true, rollback: true },
      ...(options.alarms ? { alarms: options.alarms } : {}),
      ...options.strategy,
    },
    healthCheckGracePeriodSeconds: 10,
    ...(options.settleMs !== undefined ? { settleMs: options.settleMs } : {}),
  });
  return { name, taskDefinitionArn, targetGroupArn };
}

export function behave(sandbox: Sandbox, image: string, behavior: ImageBehavior): void {
  sandbox.admin.setImageBehavior(image, behavior);
}

/** A workspace holding `<family>.json` rendered for `image`. */
export function renderedFile(family: string, image: string, extra: Record<string, unknown> = {}): { workspace: string; file: string } {
  const workspace = mkdtempSync(join(tmpdir(), 'ecs-deploy-e2e-'));
  const file = `${family}.json`;
  writeFileSync(join(workspace, file), JSON.stringify(taskDefinition(family, image, extra), null, 2));
  return { workspace, file };
}

export function deployInputs(taskDefinitionRef: string, service: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'task-definition': taskDefinitionRef,
    service,
    cluster: CLUSTER,
    'poll-interval-seconds': '1',
    'wait-for-minutes': '3',
    ...extra,
  };
}

export function runDeploy(
  sandbox: Sandbox,
  inputs: Record<string, string>,
  options: { workspace?: string; env?: Record<string, string> } = {},
): Promise<ActionResult> {
  return runAction('ecs-deploy', {
    inputs,
    env: { ...sandbox.env, ...options.env },
    ...(options.workspace ? { workspace: options.workspace } : {}),
    timeoutMs: 45_000,
  });
}

/** An SDK client on the sandbox's ECS with the job's keys, for set-up and reads outside the action; destroy it after use. */
export function ecsClient(sandbox: Sandbox): ECSClient {
  return new ECSClient({
    region: 'us-east-1',
    endpoint: sandbox.endpoints.ecs,
    credentials: { accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY ?? '' },
  });
}

export async function describeService(sandbox: Sandbox, name: string): Promise<Service> {
  const ecs = ecsClient(sandbox);
  try {
    const response = await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [name] }));
    const service = response.services?.[0];
    if (!service) throw new Error(`no service ${name}`);
    return service;
  } finally {
    ecs.destroy();
  }
}

/** The service's PRIMARY deployment: its task definition and rollout state. */
export async function primaryOf(sandbox: Sandbox, name: string): Promise<{ taskDefinition?: string; rolloutState?: string }> {
  const service = await describeService(sandbox, name);
  const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
  return {
    ...(primary?.taskDefinition ? { taskDefinition: primary.taskDefinition } : {}),
    ...(primary?.rolloutState ? { rolloutState: primary.rolloutState } : {}),
  };
}

/** Waits (real time) until the sandbox has let ECS settle the service, for assertions after a rollback. */
export async function settled(sandbox: Sandbox, name: string): Promise<{ taskDefinition?: string; rolloutState?: string }> {
  sandbox.admin.settle(CLUSTER, name);
  return primaryOf(sandbox, name);
}
