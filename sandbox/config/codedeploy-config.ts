import { ECS_CONFIGS } from '../codedeploy/configs.js';
import { at, ConfigError, integer, mapping, oneOf, optional, string } from './config-reader.js';

/**
 * `services[].codeDeploy` of the sandbox configuration: the service is created with the CODE_DEPLOY
 * deployment controller, behind production and test listeners on its load balancer's target group,
 * with a CodeDeploy application and deployment group that alternate it with `greenTargetGroup`.
 */
export interface CodeDeployServiceConfig {
  application: string;
  deploymentGroup: string;
  /** The second target group of the pair, from `targetGroups`. */
  greenTargetGroup: string;
  deploymentConfigName?: string;
  terminationWaitTimeInMinutes?: number;
}

const KEYS = ['application', 'deploymentGroup', 'greenTargetGroup', 'deploymentConfigName', 'terminationWaitTimeInMinutes'] as const;

export function readCodeDeploy(
  raw: unknown,
  path: string,
  targetGroups: string[],
  blueTargetGroup: string | undefined,
): CodeDeployServiceConfig {
  const block = mapping(raw, path, KEYS, ['application', 'deploymentGroup', 'greenTargetGroup']);
  if (blueTargetGroup === undefined)
    throw new ConfigError(path, 'a CodeDeploy blue/green service needs a load balancer', 'give the service a loadBalancer as well');
  const green = string(block.greenTargetGroup, at(path, 'greenTargetGroup'));
  if (!targetGroups.includes(green) || green === blueTargetGroup)
    throw new ConfigError(
      at(path, 'greenTargetGroup'),
      `${JSON.stringify(green)} must be a target group declared under targetGroups other than the service's own (${blueTargetGroup})`,
      'declare a second target group for the replacement task set and name it here',
    );
  const configName = optional(block, 'deploymentConfigName', (v) => oneOf(v, at(path, 'deploymentConfigName'), Object.keys(ECS_CONFIGS)));
  const wait = optional(block, 'terminationWaitTimeInMinutes', (v) => integer(v, at(path, 'terminationWaitTimeInMinutes'), 0, 2880));
  return {
    application: string(block.application, at(path, 'application')),
    deploymentGroup: string(block.deploymentGroup, at(path, 'deploymentGroup')),
    greenTargetGroup: green,
    ...(configName ? { deploymentConfigName: configName } : {}),
    ...(wait !== undefined ? { terminationWaitTimeInMinutes: wait } : {}),
  };
}
