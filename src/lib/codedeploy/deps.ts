import type { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { resourceName } from '../ecs/console-links.js';
import type { UserAppSpec } from './appspec.js';
import type { EcsDeps, ServiceRef } from '../ecs/deps.js';

/** What the CodeDeploy logic needs: the shared ECS deps (tasks, logs, clock, log) and the CodeDeploy client. */
export interface CodeDeployDeps extends EcsDeps {
  codedeploy: Pick<CodeDeployClient, 'send'>;
}

/** The CodeDeploy application and deployment group that deploy one ECS service. */
export interface CodeDeployGroupRef {
  application: string;
  deploymentGroup: string;
}

/** A CODE_DEPLOY service and the group that deploys it. */
export interface CodeDeployServiceRef extends CodeDeployGroupRef {
  service: ServiceRef;
}

/**
 * The defaults amazon-ecs-deploy-task-definition uses, which are also the names the ECS console
 * gives the application and group it creates for a blue/green service.
 */
export function defaultGroupRef(cluster: string, service: string): CodeDeployGroupRef {
  const clusterName = resourceName(cluster);
  return { application: `AppECS-${clusterName}-${service}`, deploymentGroup: `DgpECS-${clusterName}-${service}` };
}

/** The CodeDeploy console page of one deployment. */
export function deploymentConsoleUrl(region: string, deploymentId: string): string {
  const host = region.startsWith('cn-') ? 'console.amazonaws.cn' : 'console.aws.amazon.com';
  return `https://${host}/codesuite/codedeploy/deployments/${encodeURIComponent(deploymentId)}?region=${region}`;
}

/** The codedeploy-* inputs, validated (names as in amazon-ecs-deploy-task-definition). */
export interface CodeDeployOptions {
  /** Default: `AppECS-<cluster>-<service>`. */
  application?: string;
  /** Default: `DgpECS-<cluster>-<service>`. */
  deploymentGroup?: string;
  /** The user's AppSpec file, checked; absent: the AppSpec is built from the service. */
  appSpec?: UserAppSpec;
  description?: string;
  /** A deployment configuration instead of the group's (CodeDeployDefault.ECSAllAtOnce, a canary…). */
  deploymentConfig?: string;
}

/** The group for `service`: as named by the inputs, else the defaults. */
export function groupRefFor(
  options: Pick<CodeDeployOptions, 'application' | 'deploymentGroup'>,
  service: ServiceRef,
): CodeDeployServiceRef {
  const defaults = defaultGroupRef(service.cluster, service.service);
  return {
    application: options.application ?? defaults.application,
    deploymentGroup: options.deploymentGroup ?? defaults.deploymentGroup,
    service,
  };
}

/** A service whose deployments CodeDeploy makes (UpdateService cannot change its task definition). */
export function isCodeDeployService(service: { deploymentController?: { type?: string | undefined } | undefined }): boolean {
  return service.deploymentController?.type === 'CODE_DEPLOY';
}
