import type { Sandbox } from '../index.js';

/**
 * The blue/green part of terraform-provision.ts: what an example's `ecs_services` output says about how
 * the service deploys, made real in the sandbox. Two ways, as AWS offers them:
 * - ECS-native (`strategy` BLUE_GREEN, LINEAR or CANARY, with `bake_time_in_minutes`): the service's
 *   deploymentConfiguration; the alternate target group and listener rule come from the sandbox's
 *   set-up (strategy-admin.ts), as the team's ALB module would give them.
 * - CodeDeploy (`deployment_controller` CODE_DEPLOY): the two target groups (`target_groups`), the
 *   production and test listeners, the CODE_DEPLOY service, the application and the deployment group
 *   (`codedeploy_application`, `codedeploy_deployment_group`), rolled back automatically on failure.
 */

export interface DeploymentOutput {
  cluster: string;
  service: string;
  container: string;
  port: number;
  desired_count: number;
  strategy?: string;
  bake_time_in_minutes?: number;
  deployment_controller?: string;
  target_groups?: string[];
  codedeploy_application?: string;
  codedeploy_deployment_group?: string;
  termination_wait_minutes?: number;
}

const STRATEGIES = ['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY'] as const;
type Strategy = (typeof STRATEGIES)[number];

/** The strategy fields of the service's deploymentConfiguration (none: ECS's default, ROLLING). */
export function strategyConfiguration(entry: DeploymentOutput): { strategy?: Strategy; bakeTimeInMinutes?: number } {
  if (entry.strategy === undefined) return {};
  if (!(STRATEGIES as readonly string[]).includes(entry.strategy))
    throw new Error(
      `ecs_services output: ${entry.cluster}/${entry.service} has strategy '${entry.strategy}'; use one of ${STRATEGIES.join(', ')}`,
    );
  return {
    strategy: entry.strategy as Strategy,
    ...(entry.bake_time_in_minutes !== undefined ? { bakeTimeInMinutes: entry.bake_time_in_minutes } : {}),
  };
}

/** Whether the entry asks for a CODE_DEPLOY service; anything but ECS or CODE_DEPLOY is refused. */
export function isCodeDeploy(entry: DeploymentOutput): boolean {
  const controller = entry.deployment_controller ?? 'ECS';
  if (controller !== 'ECS' && controller !== 'CODE_DEPLOY')
    throw new Error(
      `ecs_services output: ${entry.cluster}/${entry.service} has deployment_controller '${controller}'; use ECS or CODE_DEPLOY`,
    );
  return controller === 'CODE_DEPLOY';
}

/** Creates the CODE_DEPLOY service and its CodeDeploy side, settled on revision `taskDefinitionArn`; returns the blue target group. */
export function provisionCodeDeployService(sandbox: Sandbox, entry: DeploymentOutput, taskDefinitionArn: string): string {
  const { admin } = sandbox;
  const name = `${entry.cluster}/${entry.service}`;
  const [blueName, greenName] = entry.target_groups ?? [];
  const application = entry.codedeploy_application;
  const deploymentGroupName = entry.codedeploy_deployment_group;
  if (!blueName || !greenName || !application || !deploymentGroupName)
    throw new Error(
      `ecs_services output: CODE_DEPLOY service ${name} needs target_groups (two), codedeploy_application and codedeploy_deployment_group`,
    );
  const [blue, green] = [blueName, greenName].map((tg) =>
    admin.createTargetGroup({ name: tg.slice(0, 32), port: entry.port, deregistrationDelaySeconds: 5 }),
  ) as [string, string];
  const prodListenerArn = admin.codedeploy.createListener(blue, 443);
  const testListenerArn = admin.codedeploy.createListener(blue, 8443);
  admin.createService({
    cluster: entry.cluster,
    serviceName: entry.service,
    taskDefinition: taskDefinitionArn,
    desiredCount: entry.desired_count,
    loadBalancers: [{ targetGroupArn: blue, containerName: entry.container, containerPort: entry.port }],
    deploymentController: { type: 'CODE_DEPLOY' },
    healthCheckGracePeriodSeconds: 10,
  });
  if (!admin.codedeploy.hasApplication(application)) admin.codedeploy.createApplication(application);
  admin.codedeploy.createDeploymentGroup({
    applicationName: application,
    deploymentGroupName,
    cluster: entry.cluster,
    service: entry.service,
    targetGroups: [blue, green],
    prodListenerArn,
    testListenerArn,
    autoRollback: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST'] },
    terminationWaitTimeInMinutes: entry.termination_wait_minutes ?? 5,
  });
  if (!admin.codedeploy.settleService(entry.cluster, entry.service))
    throw new Error(`service ${name} did not reach a steady task set after provisioning`);
  return blue;
}
