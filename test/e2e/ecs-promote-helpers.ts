/**
 * Set-up for the approval-gate tests (ecs-promote end to end, and promote.yml through test/workflows):
 * a staged service that completed its first deployment, then gained a PAUSE lifecycle hook.
 */
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { waitFor } from '../wait-for.js';
import type { Sandbox } from '../../sandbox/index.js';
import { CLUSTER, ecsClient, type ServiceSetup } from './ecs-deploy-helpers.js';
import { newestDeployment, strategyConfig, strategyService, type StagedStrategy } from './ecs-deploy-strategies-helpers.js';
import { release } from './ecs-rollback-helpers.js';

/**
 * Deployments of this service pause once test traffic is on the new revision
 * (POST_TEST_TRAFFIC_SHIFT); a pause nobody answers within 30 minutes is rolled back (ECS's default
 * timeout action). The hook is added after the first deployment, as a team adds the gate to a
 * running service: a first deployment would have nothing to roll back to.
 */
export async function pausingService(sandbox: Sandbox, name: string, strategy: StagedStrategy = 'BLUE_GREEN'): Promise<ServiceSetup> {
  const service = strategyService(sandbox, name, strategyConfig(strategy, 1));
  const ecs = ecsClient(sandbox);
  try {
    await ecs.send(
      new UpdateServiceCommand({
        cluster: CLUSTER,
        service: name,
        deploymentConfiguration: {
          ...strategyConfig(strategy, 1),
          lifecycleHooks: [
            {
              targetType: 'PAUSE',
              lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
              timeoutConfiguration: { timeoutInMinutes: 30, action: 'ROLLBACK' },
            },
          ],
        },
      }),
    );
  } finally {
    ecs.destroy();
  }
  return service;
}

/**
 * Deploys `<name>:<tag>` to a pausingService with UpdateService (what ecs-deploy does first) and
 * waits (real time, bounded) until the deployment waits at its PAUSE hook: the hook's id.
 */
export async function deployUntilPaused(sandbox: Sandbox, name: string, tag: string): Promise<string> {
  await release(sandbox, name, tag, { settle: false });
  return waitFor(
    async () => {
      const deployment = await newestDeployment(sandbox, name);
      return deployment?.lifecycleHookDetails?.find((hook) => hook.status === 'AWAITING_ACTION')?.hookId;
    },
    { timeoutMs: 20_000, label: `the deployment of ${name}:${tag} to pause`, intervalMs: 100 },
  );
}
