import { InputError } from '../lib/errors.js';
import type { Inputs } from '../lib/inputs.js';
import type { FileRoots } from '../lib/input-files.js';

/** The one-off task (database migrations) run from the new task definition before the service changes. */
export interface RunTaskOptions {
  containerOverrides?: ContainerOverride[];
  subnets: string[];
  securityGroups: string[];
  assignPublicIp?: 'ENABLED' | 'DISABLED';
  launchType?: LaunchType;
  capacityProviderStrategy?: CapacityProviderItem[];
  startedBy: string;
  waitForStopped: boolean;
}

export type LaunchType = 'FARGATE' | 'EC2' | 'EXTERNAL' | 'MANAGED_INSTANCES';

/** RunTask's containerOverrides entries: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerOverride.html */
export interface ContainerOverride {
  name: string;
  command?: string[];
  environment?: { name: string; value: string }[];
  [key: string]: unknown;
}

export interface CapacityProviderItem {
  capacityProvider: string;
  weight?: number;
  base?: number;
}

/** RunTask's limit on `overrides`, JSON formatting characters included. */
const MAX_OVERRIDES_CHARACTERS = 8192;

const LAUNCH_TYPES: readonly LaunchType[] = ['FARGATE', 'EC2', 'EXTERNAL', 'MANAGED_INSTANCES'];

const RUN_TASK_DETAIL_INPUTS = [
  'run-task-container-overrides',
  'run-task-subnets',
  'run-task-security-groups',
  'run-task-assign-public-IP',
  'run-task-launch-type',
  'run-task-capacity-provider-strategy',
  'run-task-started-by',
];

export function readRunTaskInputs(input: Inputs, hasService: boolean, roots: FileRoots = {}): RunTaskOptions | undefined {
  const enabled = input.boolean('run-task', false);
  const containerOverrides = checkOverrides(input.optionalDocument('run-task-container-overrides', roots));
  const subnets = input.list('run-task-subnets', { commas: true });
  const securityGroups = input.list('run-task-security-groups', { commas: true });
  const assignPublicIp = input.optionalEnum('run-task-assign-public-IP', ['ENABLED', 'DISABLED'] as const);
  const launchType = input.optionalEnum('run-task-launch-type', LAUNCH_TYPES);
  const capacityProviderStrategy = checkStrategy(input.optionalDocument('run-task-capacity-provider-strategy', roots));
  const startedBy = input.optionalString('run-task-started-by') ?? 'GitHub-Actions';
  const waitForStopped = input.boolean('wait-for-task-stopped', true);

  if (!enabled) {
    // Given without run-task they would silently do nothing; most likely run-task was forgotten.
    const stray = RUN_TASK_DETAIL_INPUTS.find((name) => name !== 'run-task-started-by' && input.optionalString(name) !== undefined);
    if (stray) throw new InputError(stray, 'is set but run-task is not true', `Set 'run-task: true', or remove '${stray}'`);
    return undefined;
  }
  for (const subnet of subnets) {
    if (!/^subnet-[0-9a-f]{8,17}$/.test(subnet))
      throw new InputError(
        'run-task-subnets',
        `'${subnet}' is not a subnet ID`,
        'Use IDs such as subnet-0abc1234, one per line or comma-separated',
      );
  }
  for (const group of securityGroups) {
    if (!/^sg-[0-9a-f]{8,17}$/.test(group))
      throw new InputError(
        'run-task-security-groups',
        `'${group}' is not a security group ID`,
        'Use IDs such as sg-0abc1234, one per line or comma-separated',
      );
  }
  if (subnets.length > 16) throw new InputError('run-task-subnets', `${subnets.length} subnets given`, 'ECS accepts at most 16');
  if (securityGroups.length > 5)
    throw new InputError('run-task-security-groups', `${securityGroups.length} security groups given`, 'ECS accepts at most 5');
  if (securityGroups.length > 0 && subnets.length === 0) {
    throw new InputError('run-task-subnets', 'is empty but security groups were given', 'awsvpc tasks need at least one subnet');
  }
  if (launchType && capacityProviderStrategy) {
    throw new InputError('run-task-capacity-provider-strategy', 'cannot be combined with run-task-launch-type', 'Give one of the two');
  }
  if (startedBy.length > 128 || !/^[A-Za-z0-9_-]+$/.test(startedBy)) {
    throw new InputError(
      'run-task-started-by',
      `'${startedBy}' is not accepted by ECS`,
      'Use at most 128 letters, digits, hyphens and underscores',
    );
  }
  if (!waitForStopped && hasService) {
    throw new InputError(
      'wait-for-task-stopped',
      'is false, but the service is only updated after the one-off task exits 0',
      "Set 'wait-for-task-stopped: true', or remove 'service' to only run the task",
    );
  }
  return {
    ...(containerOverrides ? { containerOverrides } : {}),
    subnets,
    securityGroups,
    ...(assignPublicIp ? { assignPublicIp } : {}),
    ...(launchType || !capacityProviderStrategy ? { launchType: launchType ?? 'FARGATE' } : {}),
    ...(capacityProviderStrategy ? { capacityProviderStrategy } : {}),
    startedBy,
    waitForStopped,
  };
}

function checkOverrides(value: unknown): ContainerOverride[] | undefined {
  const name = 'run-task-container-overrides';
  if (value === undefined) return undefined;
  if (!Array.isArray(value))
    throw new InputError(name, 'is not a JSON list', 'Give a list such as [{"name": "app", "command": ["migrate"]}]');
  // RunTask allows 8192 characters of overrides, JSON formatting included; said here rather than as a ClientException.
  const size = JSON.stringify({ containerOverrides: value }).length;
  if (size > MAX_OVERRIDES_CHARACTERS)
    throw new InputError(
      name,
      `is ${size} characters as RunTask overrides; ECS accepts at most ${MAX_OVERRIDES_CHARACTERS}`,
      'Move long values into the task definition (environment, environmentFiles or secrets) and keep only what changes per run',
    );
  return value.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw new InputError(name, `entry ${index + 1} is not an object`, 'Each override is {"name": …, …}');
    const record = item as Record<string, unknown>;
    if (typeof record.name !== 'string' || record.name === '')
      throw new InputError(name, `entry ${index + 1} has no container name`, 'Each override needs "name"');
    if (record.command !== undefined && !(Array.isArray(record.command) && record.command.every((part) => typeof part === 'string'))) {
      throw new InputError(name, `entry '${record.name}': command is not a list of strings`, 'Write "command": ["bin/migrate", "up"]');
    }
    return record as ContainerOverride;
  });
}

function checkStrategy(value: unknown): CapacityProviderItem[] | undefined {
  const name = 'run-task-capacity-provider-strategy';
  if (value === undefined) return undefined;
  const valid =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item: unknown) => {
      if (typeof item !== 'object' || item === null) return false;
      const record = item as Record<string, unknown>;
      const count = (v: unknown, max: number) => v === undefined || (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max);
      return (
        typeof record.capacityProvider === 'string' &&
        record.capacityProvider !== '' &&
        count(record.weight, 1000) &&
        count(record.base, 100000)
      );
    });
  if (!valid)
    throw new InputError(
      name,
      'is not a list of capacity provider items',
      'Give [{"capacityProvider": "FARGATE_SPOT", "weight": 1, "base": 0}]',
    );
  return value as CapacityProviderItem[];
}
