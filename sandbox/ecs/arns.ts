import { AwsServiceError } from '../core/contract.js';

/** ARN builders for one region and account, shaped as ECS shapes them. */
export function ecsArns(region: string, account: string) {
  const base = `arn:aws:ecs:${region}:${account}`;
  return {
    cluster: (name: string) => `${base}:cluster/${name}`,
    service: (cluster: string, name: string) => `${base}:service/${cluster}/${name}`,
    task: (cluster: string, id: string) => `${base}:task/${cluster}/${id}`,
    container: (cluster: string, taskId: string, id: string) => `${base}:container/${cluster}/${taskId}/${id}`,
    taskDefinition: (family: string, revision: number) => `${base}:task-definition/${family}:${revision}`,
    serviceDeployment: (cluster: string, service: string, id: string) => `${base}:service-deployment/${cluster}/${service}/${id}`,
    serviceRevision: (cluster: string, service: string, id: string) => `${base}:service-revision/${cluster}/${service}/${id}`,
  };
}

export type EcsArns = ReturnType<typeof ecsArns>;

/** A name or an ARN → the name (the ARN's last path segment). */
export function lastSegment(value: string): string {
  return value.startsWith('arn:') ? (value.split('/').pop() ?? value) : value;
}

/** The cluster a request names (by name or ARN), `default` when it names none. */
export function clusterName(params: Record<string, unknown>): string {
  const cluster = params.cluster;
  return typeof cluster === 'string' && cluster !== '' ? lastSegment(cluster) : 'default';
}

export function requireString(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw new AwsServiceError('InvalidParameterException', `${name} can not be blank.`);
  return value;
}

export function optionalStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function readTags(value: unknown): { key: string; value: string }[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((t): t is Record<string, unknown> => typeof t === 'object' && t !== null)
    .map((t) => ({ key: String(t.key ?? ''), value: String(t.value ?? '') }));
}
