import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import type { Sandbox } from '../../sandbox/index.js';
import type { DeploymentConfigurationInput } from '../../sandbox/ecs/strategy-admin.js';
import { type clientsFor, fargateTaskDefinition, NETWORK } from './helpers.js';

/** Set-up and stepping for the deployment-strategy tests: a settled service, a new revision, the clock moved by hand. */

export const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:deploy-check';

/**
 * The lifecycle stages of a BLUE_GREEN, LINEAR or CANARY deployment in the order ECS goes through
 * them (AWS's "Lifecycle stages" pages for ECS deployments); written out here, not read from the
 * sandbox, so that a test compares the sandbox and ecs-deploy's log with AWS's order.
 */
export const STAGED_LIFECYCLE_STAGES: readonly string[] = [
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];

export interface StrategyRig {
  sandbox: Sandbox;
  clients: ReturnType<typeof clientsFor>;
}

export async function registerTd(rig: StrategyRig, image: string): Promise<string> {
  const out = await rig.clients.ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition('web', image)));
  return out.taskDefinition?.taskDefinitionArn ?? '';
}

/** A service behind a target group with `configuration`, settled on app:1 (so there is blue to roll back to). */
export async function settledService(rig: StrategyRig, configuration: DeploymentConfigurationInput, desiredCount = 2): Promise<string> {
  const td = await registerTd(rig, 'app:1');
  const targetGroupArn = rig.sandbox.admin.createTargetGroup({ name: 'web', port: 8080, deregistrationDelaySeconds: 5 });
  rig.sandbox.admin.createCluster('prod');
  rig.sandbox.admin.createService({
    cluster: 'prod',
    serviceName: 'web',
    taskDefinition: td,
    desiredCount,
    networkConfiguration: NETWORK,
    loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 8080 }],
    deploymentConfiguration: { ...configuration, lifecycleHooks: [] },
  });
  expect(rig.sandbox.admin.settle('prod', 'web')).toBe('COMPLETED');
  // Hooks run on every deployment, the first one too: they are added once the service has settled.
  if (configuration.lifecycleHooks)
    await rig.clients.ecs.send(
      new UpdateServiceCommand({
        cluster: 'prod',
        service: 'web',
        deploymentConfiguration: { lifecycleHooks: configuration.lifecycleHooks },
      }),
    );
  return td;
}

/** Deploys `image` through UpdateService; returns the service deployment ARN. */
export async function deploy(rig: StrategyRig, image: string): Promise<string> {
  const td = await registerTd(rig, image);
  const updated = await rig.clients.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: td }));
  return updated.service?.currentServiceDeployment ?? '';
}

export async function describe1(rig: StrategyRig, arn: string): Promise<ServiceDeployment> {
  const out = await rig.clients.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }));
  const sd = out.serviceDeployments?.[0];
  if (!sd) throw new Error(`no service deployment ${arn}`);
  return sd;
}

export async function primaryDeployment(rig: StrategyRig) {
  const out = await rig.clients.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }));
  return out.services?.[0]?.deployments?.find((d) => d.status === 'PRIMARY');
}

/**
 * Moves the sandbox clock `stepMs` at a time until `done` holds for the deployment (at most `maxMs`),
 * calling `seen` with every view on the way; fails naming what it waited for.
 */
export async function advanceUntil(
  rig: StrategyRig,
  arn: string,
  what: string,
  done: (sd: ServiceDeployment) => boolean,
  options: { maxMs?: number; stepMs?: number; seen?: (sd: ServiceDeployment) => void } = {},
): Promise<ServiceDeployment> {
  const { maxMs = 60 * 60_000, stepMs = 1000 } = options;
  for (let waited = 0; waited <= maxMs; waited += stepMs) {
    const sd = await describe1(rig, arn);
    options.seen?.(sd);
    if (done(sd)) return sd;
    rig.sandbox.admin.advance(stepMs);
  }
  const last = await describe1(rig, arn);
  throw new Error(`waited ${maxMs} sandbox ms for ${what}; deployment is ${last.status} at ${last.lifecycleStage}`);
}

export const finished = (sd: ServiceDeployment) =>
  ['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED'].includes(sd.status ?? '');

export const awaitingHook = (sd: ServiceDeployment) => sd.lifecycleHookDetails?.find((h) => h.status === 'AWAITING_ACTION');
