import { AwsServiceError } from '../core/contract.js';
import { readTags } from './arns.js';
import type { ContainerSpec, TaskDefinitionRecord } from './records.js';

const clientError = (message: string) => new AwsServiceError('ClientException', message);
const FAMILY = /^[A-Za-z0-9_-]{1,255}$/;

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Rejects what ECS rejects at registration, with ClientException messages like ECS's. */
function validate(input: Record<string, unknown>): ContainerSpec[] {
  const family = input.family;
  if (typeof family !== 'string' || family === '') throw clientError('Family should not be null or empty.');
  if (!FAMILY.test(family))
    throw clientError(
      'Family contains invalid characters. Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.',
    );
  const definitions = input.containerDefinitions;
  if (!Array.isArray(definitions) || definitions.length === 0) throw clientError('Container list cannot be empty.');
  const specs = definitions.map((raw): ContainerSpec => {
    const def = asObject(raw);
    if (typeof def.name !== 'string' || def.name === '') throw clientError('Container.name should not be null or empty.');
    if (typeof def.image !== 'string' || def.image === '') throw clientError('Container.image should not be null or empty.');
    const log = asObject(def.logConfiguration);
    const options = asObject(log.options);
    const awslogs = log.logDriver === 'awslogs';
    return {
      name: def.name,
      image: def.image,
      essential: def.essential !== false,
      hasHealthCheck: def.healthCheck !== undefined && def.healthCheck !== null,
      ...(awslogs && typeof options['awslogs-group'] === 'string' ? { logGroup: options['awslogs-group'] } : {}),
      ...(awslogs && typeof options['awslogs-stream-prefix'] === 'string' ? { logStreamPrefix: options['awslogs-stream-prefix'] } : {}),
    };
  });
  const names = new Set(specs.map((s) => s.name));
  if (names.size !== specs.length) throw clientError('Container names must be unique within a task definition.');
  if (!specs.some((s) => s.essential)) throw clientError('A task definition must have at least one essential container.');
  const compat = Array.isArray(input.requiresCompatibilities) ? input.requiresCompatibilities : [];
  if (compat.includes('FARGATE')) {
    if (input.networkMode !== 'awsvpc') throw clientError('Fargate only supports network mode ‘awsvpc’.');
    if (input.cpu === undefined) throw clientError("Fargate requires that 'cpu' be defined at the task level.");
    if (input.memory === undefined) throw clientError("Fargate requires that 'memory' be defined at the task level.");
    if (specs.some((s) => s.logGroup !== undefined) && typeof input.executionRoleArn !== 'string') {
      throw clientError('Fargate requires task definition to have execution role ARN to support log driver awslogs.');
    }
  }
  return specs;
}

/** Task definition families and their revisions. Revisions are never reused, even after deregistration. */
export class TaskDefinitionRegistry {
  private readonly records: TaskDefinitionRecord[] = [];
  private readonly lastRevision = new Map<string, number>();

  constructor(private readonly arnOf: (family: string, revision: number) => string) {}

  register(input: Record<string, unknown>, registeredBy: string, now: number): TaskDefinitionRecord {
    const containers = validate(input);
    const family = String(input.family);
    const revision = (this.lastRevision.get(family) ?? 0) + 1;
    this.lastRevision.set(family, revision);
    const { tags, ...body } = input;
    const record: TaskDefinitionRecord = {
      arn: this.arnOf(family, revision),
      family,
      revision,
      status: 'ACTIVE',
      body,
      containers,
      tags: readTags(tags),
      registeredAt: now,
      registeredBy,
    };
    this.records.push(record);
    return record;
  }

  /** `family` (latest ACTIVE), `family:revision` or a full ARN. */
  resolve(reference: string): TaskDefinitionRecord | undefined {
    const ref = reference.startsWith('arn:') ? (reference.split('task-definition/')[1] ?? '') : reference;
    const [family, revision] = ref.split(':');
    if (revision !== undefined) return this.records.find((r) => r.family === family && r.revision === Number(revision));
    return this.records.filter((r) => r.family === family && r.status === 'ACTIVE').pop();
  }

  require(reference: string): TaskDefinitionRecord {
    const record = this.resolve(reference);
    if (!record) throw clientError('Unable to describe task definition.');
    return record;
  }

  deregister(reference: string, now: number): TaskDefinitionRecord {
    if (!reference.includes(':')) throw clientError('Invalid revision number. Number: ' + reference);
    const record = this.require(reference);
    if (record.status === 'ACTIVE') Object.assign(record, { status: 'INACTIVE', deregisteredAt: now });
    return record;
  }

  list(filter: { familyPrefix?: string; status?: string; sort?: string }): TaskDefinitionRecord[] {
    const status = filter.status ?? 'ACTIVE';
    const matching = this.records.filter(
      (r) => (filter.familyPrefix === undefined || r.family.startsWith(filter.familyPrefix)) && r.status === status,
    );
    const sorted = [...matching].sort((a, b) => a.family.localeCompare(b.family) || a.revision - b.revision);
    return filter.sort === 'DESC' ? sorted.reverse() : sorted;
  }
}
