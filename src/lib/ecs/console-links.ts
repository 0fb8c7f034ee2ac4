/**
 * Links into the ECS console (v2) for the job summary. Built from names, never fetched: the link
 * must exist even when the deployment failed before ECS knew anything.
 */

/** The name at the end of an ARN (`…:service/prod/web` → `web`), or the value itself. */
export function resourceName(nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
}

function base(region: string): string {
  return `https://${region}.console.aws.amazon.com/ecs/v2`;
}

export function serviceConsoleUrl(region: string, cluster: string, service: string): string {
  return `${base(region)}/clusters/${encodeURIComponent(resourceName(cluster))}/services/${encodeURIComponent(resourceName(service))}/health?region=${region}`;
}

export function deploymentsConsoleUrl(region: string, cluster: string, service: string): string {
  return `${base(region)}/clusters/${encodeURIComponent(resourceName(cluster))}/services/${encodeURIComponent(resourceName(service))}/deployments?region=${region}`;
}

export function taskDefinitionConsoleUrl(region: string, taskDefinitionArn: string): string {
  const [family, revision] = taskDefinitionArn.replace(/^.*:task-definition\//, '').split(':');
  return `${base(region)}/task-definitions/${encodeURIComponent(family ?? '')}/${revision ?? ''}/containers?region=${region}`;
}
