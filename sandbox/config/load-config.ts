/**
 * Reads the sandbox configuration file (`npm run sandbox -- --config FILE`): YAML, or JSON when
 * the file ends in `.json`. Every key is checked here, before the sandbox starts; see
 * sandbox/config.default.yml for the documented example.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseRoleArn } from '../iam/role-registry.js';
import { at, ConfigError, integer, list, mapping, oneOf, optional, string, stringList } from './config-reader.js';
import { readCodeDeploy, type CodeDeployServiceConfig } from './codedeploy-config.js';
import { readTaskDefinition } from './task-definition-shape.js';

export interface RoleConfig {
  arn: string;
  trust: { subjects: string[]; audiences?: string[]; principals?: string[] };
  maxSessionDuration?: number;
  /** The role's permissions policy (JSON text); without one the role may do everything. */
  permissionsPolicy?: string;
}

export interface TargetGroupConfig {
  name: string;
  port?: number;
  protocol?: 'HTTP' | 'HTTPS' | 'TCP';
  deregistrationDelaySeconds?: number;
}

export interface ServiceConfig {
  cluster: string;
  name: string;
  /** A family from `taskDefinitions`: the service runs its latest revision. */
  taskDefinition: string;
  desiredCount: number;
  loadBalancer?: { targetGroup: string; containerName: string; containerPort: number };
  /** Deployed by the sandbox's CodeDeploy (deploymentController CODE_DEPLOY). */
  codeDeploy?: CodeDeployServiceConfig;
}

export interface SandboxConfig {
  roles: RoleConfig[];
  clusters: string[];
  targetGroups: TargetGroupConfig[];
  taskDefinitions: Record<string, unknown>[];
  services: ServiceConfig[];
  repositories: { name: string; imageTagMutability?: 'MUTABLE' | 'IMMUTABLE' }[];
}

const TOP_LEVEL = ['roles', 'clusters', 'targetGroups', 'taskDefinitions', 'services', 'repositories'] as const;
const ECS_NAME = { test: /^[A-Za-z0-9_-]{1,255}$/, fix: 'use up to 255 letters, digits, hyphens and underscores' };
const TARGET_GROUP_NAME = {
  test: /^(?!-)[A-Za-z0-9-]{1,32}(?<!-)$/,
  fix: 'use up to 32 letters, digits and hyphens, not starting or ending with a hyphen',
};
const REPOSITORY_NAME = {
  test: /^(?=.{2,256}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
  fix: 'use lower-case letters, digits and . _ - / (2–256 characters), as ECR requires',
};
const ROLE_ARN = { test: /^arn:/, fix: 'give a role ARN such as arn:aws:iam::123456789012:role/sandbox-deploy' };

function readRole(value: unknown, path: string): RoleConfig {
  const role = mapping(value, path, ['arn', 'trust', 'maxSessionDuration', 'permissionsPolicy'], ['arn', 'trust']);
  const arn = string(role.arn, at(path, 'arn'), ROLE_ARN);
  if (!parseRoleArn(arn)) throw new ConfigError(at(path, 'arn'), `${JSON.stringify(arn)} is not a role ARN`, ROLE_ARN.fix);
  const trustPath = at(path, 'trust');
  const trust = mapping(role.trust, trustPath, ['subjects', 'audiences', 'principals'], ['subjects']);
  const policy = role.permissionsPolicy;
  if (policy !== undefined && (policy === null || typeof policy !== 'object' || Array.isArray(policy)))
    throw new ConfigError(
      at(path, 'permissionsPolicy'),
      'expected a policy document mapping',
      'write it as { Version: "2012-10-17", Statement: [...] }',
    );
  const audiences = optional(trust, 'audiences', (v) => stringList(v, at(trustPath, 'audiences'), '[sts.amazonaws.com]'));
  const principals = optional(trust, 'principals', (v) =>
    stringList(v, at(trustPath, 'principals'), "['arn:aws:iam::123456789012:role/*']"),
  );
  const maxSessionDuration = optional(role, 'maxSessionDuration', (v) => integer(v, at(path, 'maxSessionDuration'), 3600, 43200));
  return {
    arn,
    trust: {
      subjects: stringList(trust.subjects, at(trustPath, 'subjects'), "['repo:*']"),
      ...(audiences ? { audiences } : {}),
      ...(principals ? { principals } : {}),
    },
    ...(maxSessionDuration !== undefined ? { maxSessionDuration } : {}),
    ...(policy !== undefined ? { permissionsPolicy: JSON.stringify(policy) } : {}),
  };
}

function readTargetGroup(value: unknown, path: string): TargetGroupConfig {
  const group = mapping(value, path, ['name', 'port', 'protocol', 'deregistrationDelaySeconds'], ['name']);
  const port = optional(group, 'port', (v) => integer(v, at(path, 'port'), 1, 65535));
  const protocol = optional(group, 'protocol', (v) => oneOf(v, at(path, 'protocol'), ['HTTP', 'HTTPS', 'TCP'] as const));
  const delay = optional(group, 'deregistrationDelaySeconds', (v) => integer(v, at(path, 'deregistrationDelaySeconds'), 0, 3600));
  return {
    name: string(group.name, at(path, 'name'), TARGET_GROUP_NAME),
    ...(port !== undefined ? { port } : {}),
    ...(protocol !== undefined ? { protocol } : {}),
    ...(delay !== undefined ? { deregistrationDelaySeconds: delay } : {}),
  };
}

/** `value` must be one of `known` (names declared elsewhere in the file, under `section`). */
function reference(value: unknown, path: string, known: string[], section: string): string {
  const name = string(value, path);
  if (!known.includes(name))
    throw new ConfigError(
      path,
      `${JSON.stringify(name)} is not declared under ${section}`,
      `declare it there or use one of: ${known.join(', ') || '(none declared)'}`,
    );
  return name;
}

/** The second declaration of a name is an error at its own path (AWS would refuse or merge it). */
function unique(names: string[], path: (i: number) => string, what: string): void {
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i)
      throw new ConfigError(path(i), `${what} ${JSON.stringify(name)} is declared twice`, 'remove or rename one of them');
  });
}

/** Validates a parsed configuration; throws ConfigError at the first problem. */
export function validateConfig(raw: unknown): SandboxConfig {
  const root = mapping(raw ?? {}, '', TOP_LEVEL);
  const section = (key: (typeof TOP_LEVEL)[number], example: string) => (root[key] === undefined ? [] : list(root[key], key, example));
  const roles = section('roles', "[{ arn: ..., trust: { subjects: ['repo:*'] } }]").map((r, i) => readRole(r, at('roles', i)));
  const clusters = section('clusters', '[sandbox]').map((c, i) => string(c, at('clusters', i), ECS_NAME));
  const targetGroups = section('targetGroups', '[{ name: web, port: 8080 }]').map((g, i) => readTargetGroup(g, at('targetGroups', i)));
  const definitions = section('taskDefinitions', '[{ family: web, containerDefinitions: [...] }]').map((t, i) =>
    readTaskDefinition(t, at('taskDefinitions', i)),
  );
  const services = section('services', '[{ cluster: sandbox, name: web, taskDefinition: web }]').map((raw, i): ServiceConfig => {
    const path = at('services', i);
    const service = mapping(
      raw,
      path,
      ['cluster', 'name', 'taskDefinition', 'desiredCount', 'loadBalancer', 'codeDeploy'],
      ['cluster', 'name', 'taskDefinition'],
    );
    const family = reference(
      service.taskDefinition,
      at(path, 'taskDefinition'),
      definitions.map((d) => d.family),
      'taskDefinitions (by family)',
    );
    const containers = definitions.find((d) => d.family === family)?.containers ?? [];
    const lbPath = at(path, 'loadBalancer');
    const lb = optional(service, 'loadBalancer', (v) =>
      mapping(v, lbPath, ['targetGroup', 'containerName', 'containerPort'], ['targetGroup', 'containerName', 'containerPort']),
    );
    return {
      cluster: reference(service.cluster, at(path, 'cluster'), clusters, 'clusters'),
      name: string(service.name, at(path, 'name'), ECS_NAME),
      taskDefinition: family,
      desiredCount: optional(service, 'desiredCount', (v) => integer(v, at(path, 'desiredCount'), 0, 100)) ?? 1,
      ...(lb
        ? {
            loadBalancer: {
              targetGroup: reference(
                lb.targetGroup,
                at(lbPath, 'targetGroup'),
                targetGroups.map((g) => g.name),
                'targetGroups',
              ),
              containerName: reference(
                lb.containerName,
                at(lbPath, 'containerName'),
                containers,
                `the containers of task definition ${family}`,
              ),
              containerPort: integer(lb.containerPort, at(lbPath, 'containerPort'), 1, 65535),
            },
          }
        : {}),
      ...(service.codeDeploy !== undefined
        ? {
            codeDeploy: readCodeDeploy(
              service.codeDeploy,
              at(path, 'codeDeploy'),
              targetGroups.map((g) => g.name),
              typeof lb?.targetGroup === 'string' ? lb.targetGroup : undefined,
            ),
          }
        : {}),
    };
  });
  const repositories = section('repositories', '[{ name: web }]').map((raw, i) => {
    const path = at('repositories', i);
    const repo = mapping(raw, path, ['name', 'imageTagMutability'], ['name']);
    const mutability = optional(repo, 'imageTagMutability', (v) =>
      oneOf(v, at(path, 'imageTagMutability'), ['MUTABLE', 'IMMUTABLE'] as const),
    );
    return { name: string(repo.name, at(path, 'name'), REPOSITORY_NAME), ...(mutability ? { imageTagMutability: mutability } : {}) };
  });
  unique(
    roles.map((r) => r.arn),
    (i) => at(at('roles', i), 'arn'),
    'role',
  );
  unique(clusters, (i) => at('clusters', i), 'cluster');
  unique(
    targetGroups.map((g) => g.name),
    (i) => at(at('targetGroups', i), 'name'),
    'target group',
  );
  unique(
    services.map((s) => `${s.cluster}/${s.name}`),
    (i) => at(at('services', i), 'name'),
    'service',
  );
  unique(
    repositories.map((r) => r.name),
    (i) => at(at('repositories', i), 'name'),
    'repository',
  );
  return { roles, clusters, targetGroups, taskDefinitions: definitions.map((d) => d.body), services, repositories };
}

/** Reads and validates FILE; errors name the file and the key path. */
export function loadConfigFile(file: string): SandboxConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
    throw new Error(`--config ${file}: cannot read it (${code}); give the path of a YAML or JSON file`);
  }
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error: unknown) {
    const kind = file.endsWith('.json') ? 'JSON' : 'YAML';
    const message = (error as Error | undefined)?.message ?? String(error);
    throw new Error(`--config ${file}: not valid ${kind}: ${message.split('\n')[0] ?? ''}`);
  }
  try {
    return validateConfig(raw);
  } catch (error: unknown) {
    if (error instanceof ConfigError) throw new Error(`--config ${file}: ${error.message}`);
    throw error;
  }
}
