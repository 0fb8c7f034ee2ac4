import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from '../index.js';
import { isCodeDeploy, provisionCodeDeployService, strategyConfiguration, type DeploymentOutput } from './terraform-blue-green.js';

/**
 * Stands in for the AWS provider after an apply: the example configurations are terraform_data only
 * (they plan and apply offline), and each lists its services in an `ecs_services` output. Every one
 * not seen before is created in the sandbox's ECS as the real resources would leave it: the cluster,
 * a target group with the health-check path, and the service on revision 1 of the task-definition
 * template (placeholder images as `<family>:bootstrap`), already rolled out. An entry may ask for an
 * ECS blue/green strategy or a CODE_DEPLOY service instead (terraform-blue-green.ts).
 */

export interface ProvisionedService {
  cluster: string;
  service: string;
  family: string;
  container: string;
  port: number;
  desiredCount: number;
  healthCheckPath: string;
  /** CloudWatch alarms the deployment watches (deploymentConfiguration.alarms). */
  alarms: string[];
  taskDefinitionArn: string;
  targetGroupArn: string;
}

/** With the blue/green fields of DeploymentOutput (terraform-blue-green.ts). */
interface ServiceOutput extends DeploymentOutput {
  cluster: string;
  service: string;
  family: string;
  container: string;
  port: number;
  desired_count: number;
  health_check_path: string;
  alarms?: string[];
  /** The template, relative to the checkout (default deploy/task-definition.json). */
  task_definition?: string;
}

export function provisionFromTerraform(
  sandbox: Sandbox,
  workspace: string,
  directory: string,
  env: Record<string, string>,
  services: Map<string, ProvisionedService>,
): void {
  const result = spawnSync('terraform', ['output', '-json'], {
    cwd: join(workspace, directory),
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`terraform output in ${directory} failed: ${result.stderr}`);
  const outputs = JSON.parse(result.stdout) as { ecs_services?: { value?: unknown } };
  const listed = outputs.ecs_services?.value;
  if (!Array.isArray(listed)) throw new Error(`${directory} has no ecs_services output (a list of services)`);
  for (const entry of listed as ServiceOutput[]) {
    const key = `${entry.cluster}/${entry.service}`;
    if (!services.has(key)) services.set(key, create(sandbox, workspace, entry));
  }
}

function create(sandbox: Sandbox, workspace: string, entry: ServiceOutput): ProvisionedService {
  const admin = sandbox.admin;
  const template = JSON.parse(readFileSync(join(workspace, entry.task_definition ?? 'deploy/task-definition.json'), 'utf8')) as {
    containerDefinitions: { image: string }[];
  };
  for (const container of template.containerDefinitions)
    container.image = container.image.replace(/^(.*):placeholder$/, (_all, name: string) => `${name}:bootstrap`);
  const taskDefinitionArn = admin.registerTaskDefinition(template);
  const alarms = entry.alarms ?? [];
  const targetGroupArn = isCodeDeploy(entry)
    ? provisionCodeDeployService(sandbox, entry, taskDefinitionArn)
    : createEcsService(sandbox, entry, taskDefinitionArn, alarms);
  return {
    cluster: entry.cluster,
    service: entry.service,
    family: entry.family,
    container: entry.container,
    port: entry.port,
    desiredCount: entry.desired_count,
    healthCheckPath: entry.health_check_path,
    alarms,
    taskDefinitionArn,
    targetGroupArn,
  };
}

/** A service with the ECS controller (rolling, or the strategy the entry names), settled; returns its target group. */
function createEcsService(sandbox: Sandbox, entry: ServiceOutput, taskDefinitionArn: string, alarms: string[]): string {
  const admin = sandbox.admin;
  const targetGroupArn = admin.createTargetGroup({
    name: `${entry.cluster}-${entry.service}`.slice(0, 32),
    port: entry.port,
    deregistrationDelaySeconds: 5,
  });
  admin.createService({
    cluster: entry.cluster,
    serviceName: entry.service,
    taskDefinition: taskDefinitionArn,
    desiredCount: entry.desired_count,
    loadBalancers: [{ targetGroupArn, containerName: entry.container, containerPort: entry.port }],
    deploymentConfiguration: {
      ...strategyConfiguration(entry),
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      ...(alarms.length > 0 ? { alarms: { alarmNames: alarms, enable: true, rollback: true } } : {}),
    },
    healthCheckGracePeriodSeconds: 10,
  });
  const state = admin.settle(entry.cluster, entry.service);
  if (state !== 'COMPLETED') throw new Error(`service ${entry.cluster}/${entry.service} did not settle after provisioning: ${state}`);
  return targetGroupArn;
}
