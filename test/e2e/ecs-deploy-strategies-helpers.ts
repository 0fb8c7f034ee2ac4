/**
 * Set-up for the strategy end-to-end tests: services on BLUE_GREEN, LINEAR or CANARY (and ROLLING)
 * that completed a first deployment, and reads of the service-deployment record the action follows.
 */
import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  ListServiceDeploymentsCommand,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import type { Sandbox } from '../../sandbox/index.js';
import type { DeploymentConfigurationInput } from '../../sandbox/ecs/strategy-admin.js';
import { CLUSTER, ecsClient, existingService, type ServiceSetup } from './ecs-deploy-helpers.js';

export const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:smoke-test';

export type StagedStrategy = 'BLUE_GREEN' | 'LINEAR' | 'CANARY';
export const STAGED: StagedStrategy[] = ['BLUE_GREEN', 'LINEAR', 'CANARY'];

/** Each strategy's own settings, with `bakeTimeInMinutes` (sandbox minutes: 1.5 real seconds each at TIME_SCALE 40). */
export function strategyConfig(strategy: StagedStrategy, bakeTimeInMinutes: number): DeploymentConfigurationInput {
  switch (strategy) {
    case 'BLUE_GREEN':
      return { strategy, bakeTimeInMinutes };
    case 'LINEAR':
      return { strategy, bakeTimeInMinutes, linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 1 } };
    case 'CANARY':
      return { strategy, bakeTimeInMinutes, canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 1 } };
  }
}

/** A service on `<name>:1` behind a target group, with this deployment configuration, that completed its first deployment. */
export function strategyService(
  sandbox: Sandbox,
  name: string,
  config: DeploymentConfigurationInput,
  options: { desiredCount?: number; settleMs?: number } = {},
): ServiceSetup {
  return existingService(sandbox, name, { ...options, strategy: config });
}

/** The service's newest service deployment, as DescribeServiceDeployments shows it. */
export async function newestDeployment(sandbox: Sandbox, service: string): Promise<ServiceDeployment | undefined> {
  const ecs = ecsClient(sandbox);
  try {
    const listed = await ecs.send(new ListServiceDeploymentsCommand({ cluster: CLUSTER, service }));
    const newest = [...(listed.serviceDeployments ?? [])].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0];
    if (!newest?.serviceDeploymentArn) return undefined;
    const described = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [newest.serviceDeploymentArn] }));
    return described.serviceDeployments?.[0];
  } finally {
    ecs.destroy();
  }
}

export async function continueDeployment(sandbox: Sandbox, serviceDeploymentArn: string, hookId: string, action: 'CONTINUE' | 'ROLLBACK') {
  const ecs = ecsClient(sandbox);
  try {
    await ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn, hookId, action }));
  } finally {
    ecs.destroy();
  }
}
