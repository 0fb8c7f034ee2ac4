import { readFileSync } from 'node:fs';
import { awsModelPath, type AwsModelName } from '../fixture-paths.js';
import type { RecordedResponse } from '../../sandbox/core/response-recorder.js';
import { parseXml, type XmlElement } from './model-xml.js';

/**
 * Checks one sandbox response against AWS's own API model (botocore `service-2.json`, copied in
 * test/fixtures/aws-models): the operation exists; every member the body carries is one the output
 * shape declares, with the declared type; required members are there; enum values are in the enum;
 * timestamps are encoded as the protocol does (JSON 1.1: epoch seconds; query/XML: ISO 8601); an
 * error is one the operation documents or one AWS returns for every operation (common errors).
 */

interface ShapeRef {
  shape: string;
  locationName?: string;
  timestampFormat?: string;
  resultWrapper?: string;
}

interface Shape {
  type: string;
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  enum?: string[];
  /** Length bounds of a string or list (value bounds of numbers are not checked). */
  min?: number;
  max?: number;
  union?: boolean;
  document?: boolean;
  flattened?: boolean;
  fault?: boolean;
  timestampFormat?: string;
  error?: { code?: string; httpStatusCode?: number };
}

interface ServiceModel {
  metadata: { protocol: string };
  operations: Record<string, { output?: ShapeRef; errors?: ShapeRef[] }>;
  shapes: Record<string, Shape>;
}

export interface ModelViolation {
  service: string;
  operation: string;
  /** `$.services[0].deployments[1].rolloutState` (JSON) or the element path (XML). */
  path: string;
  problem: string;
}

/** The sandbox's service names (IAM prefixes) → the model that describes them. */
const MODEL_OF: Record<string, AwsModelName> = {
  ecs: 'ecs',
  ecr: 'ecr',
  sts: 'sts',
  elasticloadbalancing: 'elbv2',
  logs: 'logs',
  codedeploy: 'codedeploy',
  cloudwatch: 'cloudwatch',
};

/**
 * Errors every AWS operation can return, in each protocol's spelling (AWS's "Common Errors" pages,
 * plus the JSON protocol's own codes for a bad signature, an expired token or an unknown target).
 */
const COMMON_ERRORS: Record<'json' | 'query', ReadonlySet<string>> = {
  json: new Set([
    'AccessDeniedException',
    'ExpiredTokenException',
    'IncompleteSignature',
    'InternalFailure',
    'InvalidSignatureException',
    'MissingAuthenticationTokenException',
    'NotAuthorized',
    'OptInRequired',
    'RequestExpired',
    'SerializationException',
    'ServiceUnavailable',
    'ThrottlingException',
    'UnknownOperationException',
    'UnrecognizedClientException',
  ]),
  query: new Set([
    'AccessDenied',
    'ExpiredToken',
    'IncompleteSignature',
    'InternalFailure',
    'InvalidAction',
    'InvalidClientTokenId',
    'InvalidParameterCombination',
    'InvalidParameterValue',
    'InvalidQueryParameter',
    'MalformedQueryString',
    'MissingAction',
    'MissingAuthenticationToken',
    'MissingParameter',
    'NotAuthorized',
    'OptInRequired',
    'RequestExpired',
    'ServiceUnavailable',
    'SignatureDoesNotMatch',
    'Throttling',
    'ValidationError',
  ]),
};

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const models = new Map<AwsModelName, ServiceModel>();

function modelOf(name: AwsModelName): ServiceModel {
  let model = models.get(name);
  if (!model) {
    model = JSON.parse(readFileSync(awsModelPath(name), 'utf8')) as ServiceModel;
    models.set(name, model);
  }
  return model;
}

type Report = (path: string, problem: string) => void;

const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value);
const quote = (value: unknown) => JSON.stringify(value)?.slice(0, 80) ?? String(value);

function checkLength(shape: Shape, name: string, length: number, unit: string, path: string, report: Report): void {
  if ((shape.min !== undefined && length < shape.min) || (shape.max !== undefined && length > shape.max))
    report(path, `has ${length} ${unit}, ${name} takes ${shape.min ?? 0} to ${shape.max ?? 'any number of'}`);
}

/** A JSON 1.1 body against a shape. */
function checkJson(model: ServiceModel, ref: ShapeRef, value: unknown, path: string, report: Report): void {
  const shape = model.shapes[ref.shape];
  if (!shape) return report(path, `model has no shape ${ref.shape}`);
  if (value === null) return report(path, 'is null: AWS leaves an absent member out of the body');
  if (shape.document) return;
  const expect = (ok: boolean, what: string) =>
    ok ? true : (report(path, `is ${describe(value)} ${quote(value)}, the model says ${what}`), false);
  switch (shape.type) {
    case 'structure': {
      if (!expect(typeof value === 'object' && !Array.isArray(value), `structure ${ref.shape}`)) return;
      const object = value as Record<string, unknown>;
      const members = shape.members ?? {};
      for (const [key, member] of Object.entries(object)) {
        const memberRef = members[key];
        if (!memberRef) report(`${path}.${key}`, `is not a member of ${ref.shape} (members: ${Object.keys(members).join(', ')})`);
        else checkJson(model, memberRef, member, `${path}.${key}`, report);
      }
      for (const name of shape.required ?? [])
        if (object[name] === undefined) report(`${path}.${name}`, `is required in ${ref.shape} but missing`);
      if (shape.union && Object.keys(object).length !== 1) report(path, `union ${ref.shape} must set exactly one member`);
      return;
    }
    case 'list':
      if (!expect(Array.isArray(value), `list ${ref.shape}`)) return;
      checkLength(shape, ref.shape, (value as unknown[]).length, 'items', path, report);
      (value as unknown[]).forEach((item, i) => checkJson(model, shape.member as ShapeRef, item, `${path}[${i}]`, report));
      return;
    case 'map':
      if (!expect(typeof value === 'object' && !Array.isArray(value), `map ${ref.shape}`)) return;
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        checkJson(model, shape.key as ShapeRef, key, `${path}{key ${quote(key)}}`, report);
        checkJson(model, shape.value as ShapeRef, item, `${path}[${quote(key)}]`, report);
      }
      return;
    case 'string':
      if (!expect(typeof value === 'string', 'string')) return;
      if (shape.enum && !shape.enum.includes(value as string))
        report(path, `${quote(value)} is not one of ${ref.shape}: ${shape.enum.join(', ')}`);
      checkLength(shape, ref.shape, (value as string).length, 'characters', path, report);
      return;
    case 'integer':
    case 'long':
      expect(Number.isInteger(value), `${shape.type} (a whole number)`);
      return;
    case 'float':
    case 'double':
      expect(typeof value === 'number' && Number.isFinite(value), shape.type);
      return;
    case 'boolean':
      expect(typeof value === 'boolean', 'boolean');
      return;
    case 'blob':
      expect(typeof value === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value), 'blob (base64 text)');
      return;
    case 'timestamp': {
      const format = ref.timestampFormat ?? shape.timestampFormat ?? 'unixTimestamp';
      if (format === 'unixTimestamp') expect(typeof value === 'number' && Number.isFinite(value), 'timestamp as epoch seconds (JSON 1.1)');
      else expect(typeof value === 'string' && (format !== 'iso8601' || ISO_8601.test(value)), `timestamp as ${format}`);
      return;
    }
    default:
      report(path, `model type ${shape.type} is not checked by this validator`);
  }
}

/** A query-protocol XML element against a shape. */
function checkXml(model: ServiceModel, ref: ShapeRef, element: XmlElement, path: string, report: Report): void {
  const shape = model.shapes[ref.shape];
  if (!shape) return report(path, `model has no shape ${ref.shape}`);
  const text = element.text.trim();
  const scalar = (ok: boolean, what: string) => {
    if (element.children.length > 0) report(path, `has child elements, the model says ${what}`);
    else if (!ok) report(path, `is ${quote(text)}, the model says ${what}`);
  };
  switch (shape.type) {
    case 'structure': {
      const members = shape.members ?? {};
      const byName = new Map(Object.entries(members).map(([name, m]) => [m.locationName ?? name, m]));
      const seen = new Set<string>();
      for (const child of element.children) {
        const memberRef = byName.get(child.name);
        const memberShape = memberRef ? model.shapes[memberRef.shape] : undefined;
        if (!memberRef) report(`${path}.${child.name}`, `is not a member of ${ref.shape} (members: ${[...byName.keys()].join(', ')})`);
        else if (seen.has(child.name) && !memberShape?.flattened) report(`${path}.${child.name}`, 'appears twice');
        else checkXml(model, memberRef, child, `${path}.${child.name}`, report);
        seen.add(child.name);
      }
      for (const name of shape.required ?? [])
        if (!seen.has(members[name]?.locationName ?? name)) report(`${path}.${name}`, `is required in ${ref.shape} but missing`);
      return;
    }
    case 'list': {
      const memberName = shape.member?.locationName ?? 'member';
      checkLength(shape, ref.shape, element.children.length, 'items', path, report);
      element.children.forEach((child, i) => {
        if (child.name !== memberName) report(`${path}.${child.name}`, `list ${ref.shape} holds <${memberName}> elements only`);
        else checkXml(model, shape.member as ShapeRef, child, `${path}[${i}]`, report);
      });
      return;
    }
    case 'map':
      element.children.forEach((entry, i) => {
        const key = entry.children.find((c) => c.name === (shape.key?.locationName ?? 'key'));
        const value = entry.children.find((c) => c.name === (shape.value?.locationName ?? 'value'));
        if (entry.name !== 'entry' || !key || !value)
          return report(`${path}[${i}]`, `map ${ref.shape} holds <entry><key/><value/></entry>`);
        checkXml(model, shape.key as ShapeRef, key, `${path}[${i}].key`, report);
        checkXml(model, shape.value as ShapeRef, value, `${path}[${i}].value`, report);
      });
      return;
    case 'string':
      scalar(!shape.enum || shape.enum.includes(text), shape.enum ? `one of ${ref.shape}: ${shape.enum.join(', ')}` : 'string');
      checkLength(shape, ref.shape, element.text.length, 'characters', path, report);
      return;
    case 'integer':
    case 'long':
      scalar(/^-?\d+$/.test(text), `${shape.type} (a whole number)`);
      return;
    case 'float':
    case 'double':
      scalar(text !== '' && Number.isFinite(Number(text)), shape.type);
      return;
    case 'boolean':
      scalar(text === 'true' || text === 'false', 'boolean (true or false)');
      return;
    case 'blob':
      scalar(/^[A-Za-z0-9+/]*={0,2}$/.test(text), 'blob (base64 text)');
      return;
    case 'timestamp':
      scalar(ISO_8601.test(text), 'timestamp as ISO 8601 (query protocol)');
      return;
    default:
      report(path, `model type ${shape.type} is not checked by this validator`);
  }
}

/** The error code a documented error shape answers with in this protocol. */
function documentedCodes(model: ServiceModel, operation: string, protocol: 'json' | 'query'): Map<string, Shape> {
  const codes = new Map<string, Shape>();
  for (const ref of model.operations[operation]?.errors ?? []) {
    const shape = model.shapes[ref.shape];
    if (shape) codes.set(protocol === 'query' ? (shape.error?.code ?? ref.shape) : ref.shape, shape);
  }
  return codes;
}

function checkError(model: ServiceModel, response: RecordedResponse, protocol: 'json' | 'query', report: Report): void {
  let code: string | undefined;
  if (protocol === 'json') {
    const body = JSON.parse(response.body) as { __type?: unknown; message?: unknown };
    // `__type` may carry a namespace (`aws.ecs#ClientException`) or a `:` suffix; the code is the rest.
    code = typeof body.__type === 'string' ? body.__type.split('#').pop()?.split(':')[0] : undefined;
    if (typeof body.message !== 'string') report('$.message', 'an error body carries a message');
  } else {
    const root = parseXml(response.body);
    const error = root.children.find((c) => c.name === 'Error');
    code = error?.children.find((c) => c.name === 'Code')?.text;
    if (root.name !== 'ErrorResponse' || !error) report('ErrorResponse', 'a query-protocol error is <ErrorResponse><Error>…');
  }
  if (!code) return report('$', 'an error response names its code');
  const documented = documentedCodes(model, response.operation, protocol);
  const shape = documented.get(code);
  if (!shape) {
    if (!COMMON_ERRORS[protocol].has(code))
      report(
        '$',
        `error ${code} (HTTP ${response.status}) is neither documented for ${response.operation} (${[...documented.keys()].join(', ') || 'none'}) nor a common AWS error`,
      );
    return;
  }
  const status = shape.error?.httpStatusCode;
  if (status !== undefined && status !== response.status)
    report('$', `error ${code} is HTTP ${status} in the model, the sandbox sent ${response.status}`);
  else if (status === undefined && (shape.fault === true) !== response.status >= 500)
    report(
      '$',
      `error ${code} is a ${shape.fault ? 'server (5xx)' : 'client (4xx)'} error in the model, the sandbox sent HTTP ${response.status}`,
    );
}

function checkSuccess(model: ServiceModel, response: RecordedResponse, protocol: 'json' | 'query', report: Report): void {
  const output = model.operations[response.operation]?.output;
  if (protocol === 'json') {
    const body: unknown = JSON.parse(response.body);
    if (output) return checkJson(model, output, body, '$', report);
    if (body && typeof body === 'object' && Object.keys(body).length > 0)
      report('$', `${response.operation} has no output members in the model`);
    return;
  }
  const root = parseXml(response.body);
  if (root.name !== `${response.operation}Response`) return report(root.name, `the root element is <${response.operation}Response>`);
  for (const child of root.children) {
    if (child.name === 'ResponseMetadata') continue;
    if (output && child.name === (output.resultWrapper ?? `${response.operation}Result`))
      checkXml(model, output, child, child.name, report);
    else report(child.name, `is not part of ${response.operation}'s response`);
  }
}

/** Every way `response` differs from what AWS's model allows (none: it conforms). */
export function validateResponse(response: RecordedResponse): ModelViolation[] {
  const violations: ModelViolation[] = [];
  const report: Report = (path, problem) => violations.push({ service: response.service, operation: response.operation, path, problem });
  const name = MODEL_OF[response.service];
  if (!name) return [{ service: response.service, operation: response.operation, path: '$', problem: 'no AWS model for this service' }];
  const model = modelOf(name);
  const protocol = model.metadata.protocol === 'query' ? 'query' : 'json';
  const known = model.operations[response.operation] !== undefined;
  try {
    if (response.status >= 300) checkError(model, response, protocol, report);
    else if (!known) report('$', `${response.operation} is not an operation of ${name} in the model`);
    else checkSuccess(model, response, protocol, report);
  } catch (error: unknown) {
    report('$', `unreadable body: ${error instanceof Error ? error.message : String(error)}`);
  }
  return violations;
}

export function formatViolation(v: ModelViolation): string {
  return `${v.service} ${v.operation} ${v.path}: ${v.problem}`;
}
