/**
 * What RegisterTaskDefinition accepts, and what only DescribeTaskDefinition returns. The lists are
 * written out (rather than read from the SDK) so rendering a file never loads the AWS SDK; a unit
 * test compares them with the SDK's own schemas (RegisterTaskDefinitionRequest$, ContainerDefinition$,
 * TaskDefinition$) and fails when they drift apart.
 * API reference: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html
 */

export const REGISTER_TASK_DEFINITION_KEYS: readonly string[] = [
  'family',
  'containerDefinitions',
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'tags',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
  'enableFaultInjection',
];

export const CONTAINER_DEFINITION_KEYS: readonly string[] = [
  'name',
  'image',
  'repositoryCredentials',
  'cpu',
  'memory',
  'memoryReservation',
  'links',
  'portMappings',
  'essential',
  'restartPolicy',
  'entryPoint',
  'command',
  'environment',
  'environmentFiles',
  'mountPoints',
  'volumesFrom',
  'linuxParameters',
  'secrets',
  'dependsOn',
  'startTimeout',
  'stopTimeout',
  'versionConsistency',
  'hostname',
  'user',
  'workingDirectory',
  'disableNetworking',
  'privileged',
  'readonlyRootFilesystem',
  'dnsServers',
  'dnsSearchDomains',
  'extraHosts',
  'dockerSecurityOptions',
  'interactive',
  'pseudoTerminal',
  'dockerLabels',
  'ulimits',
  'logConfiguration',
  'healthCheck',
  'systemControls',
  'resourceRequirements',
  'firelensConfiguration',
  'credentialSpecs',
];

/** Fields DescribeTaskDefinition returns that RegisterTaskDefinition rejects or ignores. */
export const DESCRIBE_ONLY_KEYS: readonly string[] = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt',
];

/** A copy without the describe-only fields, and the names of those that were there. */
export function stripDescribeOnly(definition: Record<string, unknown>): { stripped: Record<string, unknown>; removed: string[] } {
  const stripped: Record<string, unknown> = {};
  const removed: string[] = [];
  for (const [key, value] of Object.entries(definition)) {
    if (DESCRIBE_ONLY_KEYS.includes(key)) removed.push(key);
    else stripped[key] = value;
  }
  return { stripped, removed };
}

export interface UnknownKey {
  key: string;
  /** `undefined` for the task level, else the container's name. */
  container?: string;
  /** The known key it differs from only by letter case (terraform writes `entrypoint`). */
  suggestion?: string;
}

/** Keys the SDK would silently drop when registering, at the task level and in each container. */
export function findUnknownKeys(definition: Record<string, unknown>): UnknownKey[] {
  const unknown = unknownIn(definition, REGISTER_TASK_DEFINITION_KEYS).map((found) => ({ ...found }));
  const containers = definition.containerDefinitions;
  if (Array.isArray(containers)) {
    containers.forEach((container: unknown, index) => {
      if (typeof container !== 'object' || container === null) return;
      const record = container as Record<string, unknown>;
      const name = typeof record.name === 'string' && record.name !== '' ? record.name : `#${index + 1}`;
      for (const found of unknownIn(record, CONTAINER_DEFINITION_KEYS)) unknown.push({ ...found, container: name });
    });
  }
  return unknown;
}

function unknownIn(record: Record<string, unknown>, known: readonly string[]): UnknownKey[] {
  return Object.keys(record)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const suggestion = known.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
      return suggestion ? { key, suggestion } : { key };
    });
}

export function describeUnknownKeys(unknown: UnknownKey[]): string {
  const parts = unknown.map(
    ({ key, container, suggestion }) =>
      `'${key}' ${container === undefined ? 'at the task level' : `in container '${container}'`}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
  );
  return `RegisterTaskDefinition does not know ${parts.join(', ')}; the AWS SDK drops unknown keys when registering, so fix or remove them`;
}
