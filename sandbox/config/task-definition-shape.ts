/**
 * The members of ECS's RegisterTaskDefinition request and ContainerDefinition, with their wire
 * types, as the official AWS API model lists them (botocore `ecs/2014-11-13/service-2.json`,
 * shapes `RegisterTaskDefinitionRequest` and `ContainerDefinition`; Apache-2.0). The config
 * loader checks a task definition's keys and top-level types against these, so that a typo
 * (`containerDefinition`, `portMapping`) is an error instead of a key ECS would silently drop.
 * Nested structures are then checked by the sandbox's own RegisterTaskDefinition.
 */
import { at, ConfigError, describeValue, list, mapping } from './config-reader.js';

type WireType = 'string' | 'list' | 'structure' | 'integer' | 'boolean' | 'map';

const TASK_DEFINITION: Record<string, WireType> = {
  family: 'string',
  taskRoleArn: 'string',
  executionRoleArn: 'string',
  networkMode: 'string',
  containerDefinitions: 'list',
  volumes: 'list',
  placementConstraints: 'list',
  requiresCompatibilities: 'list',
  cpu: 'string',
  memory: 'string',
  tags: 'list',
  pidMode: 'string',
  ipcMode: 'string',
  proxyConfiguration: 'structure',
  inferenceAccelerators: 'list',
  ephemeralStorage: 'structure',
  runtimePlatform: 'structure',
  enableFaultInjection: 'boolean',
};

const CONTAINER_DEFINITION: Record<string, WireType> = {
  name: 'string',
  image: 'string',
  repositoryCredentials: 'structure',
  cpu: 'integer',
  memory: 'integer',
  memoryReservation: 'integer',
  links: 'list',
  portMappings: 'list',
  essential: 'boolean',
  restartPolicy: 'structure',
  entryPoint: 'list',
  command: 'list',
  environment: 'list',
  environmentFiles: 'list',
  mountPoints: 'list',
  volumesFrom: 'list',
  linuxParameters: 'structure',
  secrets: 'list',
  dependsOn: 'list',
  startTimeout: 'integer',
  stopTimeout: 'integer',
  versionConsistency: 'string',
  hostname: 'string',
  user: 'string',
  workingDirectory: 'string',
  disableNetworking: 'boolean',
  privileged: 'boolean',
  readonlyRootFilesystem: 'boolean',
  dnsServers: 'list',
  dnsSearchDomains: 'list',
  extraHosts: 'list',
  dockerSecurityOptions: 'list',
  interactive: 'boolean',
  pseudoTerminal: 'boolean',
  dockerLabels: 'map',
  ulimits: 'list',
  logConfiguration: 'structure',
  healthCheck: 'structure',
  systemControls: 'list',
  resourceRequirements: 'list',
  firelensConfiguration: 'structure',
  credentialSpecs: 'list',
};

const FIX: Record<WireType, string> = {
  string: 'give a string (quote numbers: cpu: "256")',
  list: 'write it as a YAML list',
  structure: 'write it as a mapping of key: value lines',
  map: 'write it as a mapping of key: value lines',
  integer: 'give a whole number',
  boolean: 'give true or false',
};

function hasType(value: unknown, type: WireType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'list':
      return Array.isArray(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return value !== null && typeof value === 'object' && !Array.isArray(value);
  }
}

function checkMembers(record: Record<string, unknown>, path: string, members: Record<string, WireType>): void {
  for (const [key, value] of Object.entries(record)) {
    const type = members[key] as WireType;
    if (!hasType(value, type)) throw new ConfigError(at(path, key), `expected ${type}, got ${describeValue(value)}`, FIX[type]);
  }
}

/** Checks one RegisterTaskDefinition input; returns it with its family and container names. */
export function readTaskDefinition(value: unknown, path: string): { family: string; containers: string[]; body: Record<string, unknown> } {
  const body = mapping(value, path, Object.keys(TASK_DEFINITION), ['family', 'containerDefinitions']);
  checkMembers(body, path, TASK_DEFINITION);
  const containersPath = at(path, 'containerDefinitions');
  const containers = list(body.containerDefinitions, containersPath, '[{ name: web, image: nginx }]').map((raw, i) => {
    const container = mapping(raw, at(containersPath, i), Object.keys(CONTAINER_DEFINITION), ['name', 'image']);
    checkMembers(container, at(containersPath, i), CONTAINER_DEFINITION);
    return String(container.name);
  });
  if (containers.length === 0) throw new ConfigError(containersPath, 'is empty', 'give at least one container with a name and an image');
  return { family: String(body.family), containers, body };
}
