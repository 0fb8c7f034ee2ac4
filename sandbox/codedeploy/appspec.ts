import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import { AwsServiceError } from '../core/contract.js';
import { HOOK_EVENTS, type EcsAppSpec, type HookEventName, type RevisionLocation } from './records.js';

/**
 * The revision of an ECS deployment: an AppSpec (YAML or JSON, which YAML reads too) given inline
 * as AppSpecContent or String. Checked here as CodeDeploy checks it before a deployment starts.
 * https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-resources.html#reference-appspec-file-structure-resources-ecs
 */

type Json = Record<string, unknown>;

const invalid = (why: string) => new AwsServiceError('InvalidRevisionException', `The AppSpec file is not valid: ${why}`);
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** `revision` of CreateDeployment → the stored revision (sha256 filled in) and its parsed AppSpec. */
export function readRevision(raw: unknown): { revision: RevisionLocation; appSpec: EcsAppSpec } {
  if (!isObject(raw)) throw new AwsServiceError('RevisionRequiredException', 'The revision ID was not specified.');
  const type = raw.revisionType;
  if (type !== 'AppSpecContent' && type !== 'String') {
    throw new AwsServiceError(
      'InvalidRevisionException',
      `The sandbox's CodeDeploy takes ECS revisions inline (revisionType AppSpecContent or String), not ${String(type)}.`,
    );
  }
  const body = type === 'AppSpecContent' ? raw.appSpecContent : raw.string;
  if (!isObject(body) || typeof body.content !== 'string' || body.content.trim() === '')
    throw new AwsServiceError('InvalidRevisionException', `The revision of type ${type} has no content.`);
  const digest = sha256(body.content);
  if (body.sha256 !== undefined && body.sha256 !== digest)
    throw new AwsServiceError('InvalidRevisionException', 'The sha256 of the revision does not match its content.');
  const stored = { content: body.content, sha256: digest };
  const revision: RevisionLocation =
    type === 'AppSpecContent' ? { revisionType: type, appSpecContent: stored } : { revisionType: type, string: stored };
  return { revision, appSpec: parseAppSpec(body.content) };
}

export function parseAppSpec(content: string): EcsAppSpec {
  let document: unknown;
  try {
    document = parse(content);
  } catch (error: unknown) {
    throw invalid(`it is neither YAML nor JSON (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`);
  }
  if (!isObject(document)) throw invalid('it must be a mapping with version, Resources and, optionally, Hooks.');
  const resources = document.Resources;
  if (!Array.isArray(resources) || resources.length !== 1 || !isObject(resources[0]))
    throw invalid('Resources must list exactly one resource, the ECS service (TargetService).');
  const [name, resource] = Object.entries(resources[0])[0] ?? [];
  if (!isObject(resource) || resource.Type !== 'AWS::ECS::Service')
    throw invalid(`resource ${name ?? '(unnamed)'} must have Type AWS::ECS::Service.`);
  const props = resource.Properties;
  if (!isObject(props)) throw invalid(`resource ${name} has no Properties.`);
  if (typeof props.TaskDefinition !== 'string' || props.TaskDefinition === '') throw invalid('Properties.TaskDefinition is required.');
  const lb = props.LoadBalancerInfo;
  if (!isObject(lb) || typeof lb.ContainerName !== 'string' || !Number.isInteger(Number(lb.ContainerPort)))
    throw invalid('Properties.LoadBalancerInfo needs ContainerName and a numeric ContainerPort.');
  return {
    taskDefinition: props.TaskDefinition,
    containerName: lb.ContainerName,
    containerPort: Number(lb.ContainerPort),
    ...(typeof props.PlatformVersion === 'string' ? { platformVersion: props.PlatformVersion } : {}),
    ...networkOf(props.NetworkConfiguration),
    ...capacityOf(props.CapacityProviderStrategy),
    hooks: hooksOf(document.Hooks),
  };
}

function networkOf(raw: unknown): Pick<EcsAppSpec, 'networkConfiguration'> {
  if (raw === undefined) return {};
  const vpc = isObject(raw) ? raw.AwsvpcConfiguration : undefined;
  if (!isObject(vpc) || !Array.isArray(vpc.Subnets) || vpc.Subnets.length === 0)
    throw invalid('Properties.NetworkConfiguration needs AwsvpcConfiguration with at least one subnet in Subnets.');
  const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : undefined);
  return {
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: vpc.Subnets.map(String),
        ...(vpc.SecurityGroups !== undefined ? { securityGroups: strings(vpc.SecurityGroups) ?? [] } : {}),
        ...(vpc.AssignPublicIp !== undefined ? { assignPublicIp: String(vpc.AssignPublicIp) } : {}),
      },
    },
  };
}

function capacityOf(raw: unknown): Pick<EcsAppSpec, 'capacityProviderStrategy'> {
  if (raw === undefined) return {};
  if (!Array.isArray(raw) || !raw.every((item) => isObject(item) && typeof item.CapacityProvider === 'string'))
    throw invalid('Properties.CapacityProviderStrategy must list items with a CapacityProvider.');
  return {
    capacityProviderStrategy: (raw as Json[]).map((item) => ({
      capacityProvider: String(item.CapacityProvider),
      ...(item.Base !== undefined ? { base: Number(item.Base) } : {}),
      ...(item.Weight !== undefined ? { weight: Number(item.Weight) } : {}),
    })),
  };
}

function hooksOf(raw: unknown): EcsAppSpec['hooks'] {
  if (raw === undefined || raw === null) return {};
  if (!Array.isArray(raw)) throw invalid('Hooks must be a list of single-entry mappings such as "- BeforeInstall: <Lambda function>".');
  const hooks: EcsAppSpec['hooks'] = {};
  for (const entry of raw) {
    const pairs = isObject(entry) ? Object.entries(entry) : [];
    const [event, fn] = pairs[0] ?? [];
    if (pairs.length !== 1 || typeof fn !== 'string' || fn === '')
      throw invalid('each entry of Hooks must map one lifecycle event to a Lambda function name or ARN.');
    if (!(HOOK_EVENTS as readonly string[]).includes(event ?? ''))
      throw invalid(`Hooks names ${String(event)}; an ECS deployment runs hooks only at ${HOOK_EVENTS.join(', ')}.`);
    hooks[event as HookEventName] = fn;
  }
  return hooks;
}
