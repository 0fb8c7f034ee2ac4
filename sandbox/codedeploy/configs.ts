import { AwsServiceError } from '../core/contract.js';

/**
 * The predefined deployment configurations of the ECS compute platform: how AllowTraffic moves
 * production traffic. https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html#deployment-configurations-predefined-ecs
 */
export interface TrafficRouting {
  type: 'AllAtOnce' | 'TimeBasedCanary' | 'TimeBasedLinear';
  /** Canary: the first step; linear: every step (percent). */
  percentage?: number;
  /** Minutes between steps. */
  intervalMinutes?: number;
}

export const ECS_CONFIGS: Record<string, TrafficRouting> = {
  'CodeDeployDefault.ECSAllAtOnce': { type: 'AllAtOnce' },
  'CodeDeployDefault.ECSLinear10PercentEvery1Minutes': { type: 'TimeBasedLinear', percentage: 10, intervalMinutes: 1 },
  'CodeDeployDefault.ECSLinear10PercentEvery3Minutes': { type: 'TimeBasedLinear', percentage: 10, intervalMinutes: 3 },
  'CodeDeployDefault.ECSCanary10Percent5Minutes': { type: 'TimeBasedCanary', percentage: 10, intervalMinutes: 5 },
  'CodeDeployDefault.ECSCanary10Percent15Minutes': { type: 'TimeBasedCanary', percentage: 10, intervalMinutes: 15 },
};

export const DEFAULT_ECS_CONFIG = 'CodeDeployDefault.ECSAllAtOnce';

export function requireConfig(name: string): TrafficRouting {
  const config = ECS_CONFIGS[name];
  if (!config) {
    throw new AwsServiceError(
      'DeploymentConfigDoesNotExistException',
      `No deployment configuration named ${name} exists for the ECS compute platform (the sandbox has ${Object.keys(ECS_CONFIGS).join(', ')}).`,
    );
  }
  return config;
}

/** Percent of production traffic on the replacement after `elapsedMs` of AllowTraffic. */
export function greenWeightAfter(config: TrafficRouting, elapsedMs: number): number {
  if (config.type === 'AllAtOnce') return 100;
  const steps = Math.floor(elapsedMs / ((config.intervalMinutes ?? 1) * 60_000));
  const percentage = config.percentage ?? 10;
  if (config.type === 'TimeBasedCanary') return steps >= 1 ? 100 : percentage;
  return Math.min(100, (steps + 1) * percentage);
}

/** GetDeploymentConfig's DeploymentConfigInfo. */
export function configView(name: string, id: string, createTime: Date): Record<string, unknown> {
  const config = requireConfig(name);
  const trafficRoutingConfig =
    config.type === 'AllAtOnce'
      ? { type: 'AllAtOnce' }
      : config.type === 'TimeBasedCanary'
        ? { type: config.type, timeBasedCanary: { canaryPercentage: config.percentage, canaryInterval: config.intervalMinutes } }
        : { type: config.type, timeBasedLinear: { linearPercentage: config.percentage, linearInterval: config.intervalMinutes } };
  return {
    deploymentConfigId: id,
    deploymentConfigName: name,
    minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 0 },
    createTime,
    computePlatform: 'ECS',
    trafficRoutingConfig,
  };
}
