import { AwsServiceError } from '../core/contract.js';
import type { Sandbox } from '../index.js';
import type { CodeDeployServiceConfig } from './codedeploy-config.js';
import type { SandboxConfig } from './load-config.js';

/**
 * Creates what a configuration declares, through the same admin handle tests use (every ECS change
 * goes through ECS's own handlers). Services are settled, so they start with a COMPLETED
 * deployment and healthy targets. Returns one line per resource, for the CLI to print.
 */
export function applyConfig(sandbox: Sandbox, config: SandboxConfig): string[] {
  const { admin } = sandbox;
  const lines: string[] = [];
  for (const role of config.roles) {
    admin.identity.createRole(role);
    lines.push(`role ${role.arn} (trusts ${role.trust.subjects.join(', ')})`);
  }
  for (const cluster of config.clusters) lines.push(`cluster ${admin.createCluster(cluster)}`);
  const groupArns = new Map<string, string>();
  for (const group of config.targetGroups) {
    const arn = admin.createTargetGroup(group);
    groupArns.set(group.name, arn);
    lines.push(`target group ${arn}`);
  }
  config.taskDefinitions.forEach((body, i) => {
    try {
      lines.push(`task definition ${admin.registerTaskDefinition(body)}`);
    } catch (error: unknown) {
      // ECS's own checks (Fargate needs cpu and memory, awslogs needs an execution role…), with the key path.
      if (error instanceof AwsServiceError) throw new Error(`taskDefinitions[${i}]: ECS refused it: ${error.message}`);
      throw error;
    }
  });
  for (const service of config.services) {
    const lb = service.loadBalancer;
    const arn = admin.createService({
      cluster: service.cluster,
      serviceName: service.name,
      taskDefinition: service.taskDefinition,
      desiredCount: service.desiredCount,
      ...(lb
        ? {
            loadBalancers: [
              { targetGroupArn: groupArns.get(lb.targetGroup) ?? '', containerName: lb.containerName, containerPort: lb.containerPort },
            ],
          }
        : {}),
      ...(service.codeDeploy ? { deploymentController: { type: 'CODE_DEPLOY' as const } } : {}),
    });
    if (service.codeDeploy && lb) {
      lines.push(...applyCodeDeploy(sandbox, service.cluster, service.name, groupArns.get(lb.targetGroup) ?? '', service.codeDeploy));
      lines.push(`service ${arn} (task sets ${admin.codedeploy.settleService(service.cluster, service.name) ? 'steady' : 'not steady'})`);
      continue;
    }
    const state = admin.settle(service.cluster, service.name);
    lines.push(`service ${arn} (deployment ${state ?? 'none'})`);
  }
  for (const repository of config.repositories) lines.push(`ECR repository ${admin.createRepository(repository.name, repository)}`);
  return lines;
}

/** Production and test listeners on the service's target group, the application (once) and the deployment group. */
function applyCodeDeploy(sandbox: Sandbox, cluster: string, service: string, blueArn: string, config: CodeDeployServiceConfig): string[] {
  const { codedeploy } = sandbox.admin;
  const prodListenerArn = codedeploy.createListener(blueArn, 80);
  const testListenerArn = codedeploy.createListener(blueArn, 8080);
  const lines = [`listener ${prodListenerArn} (production)`, `listener ${testListenerArn} (test)`];
  // One application may hold the deployment groups of several services.
  if (!codedeploy.hasApplication(config.application)) {
    codedeploy.createApplication(config.application);
    lines.push(`CodeDeploy application ${config.application}`);
  }
  codedeploy.createDeploymentGroup({
    applicationName: config.application,
    deploymentGroupName: config.deploymentGroup,
    cluster,
    service,
    targetGroups: [blueArn, config.greenTargetGroup],
    prodListenerArn,
    testListenerArn,
    ...(config.deploymentConfigName ? { deploymentConfigName: config.deploymentConfigName } : {}),
    ...(config.terminationWaitTimeInMinutes !== undefined ? { terminationWaitTimeInMinutes: config.terminationWaitTimeInMinutes } : {}),
  });
  lines.push(`CodeDeploy deployment group ${config.application}/${config.deploymentGroup}`);
  return lines;
}
