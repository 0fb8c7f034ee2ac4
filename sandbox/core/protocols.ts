import { AwsServiceError, type AwsServiceDefinition } from './contract.js';
import { parseQueryParams, toXml, escapeXml } from './xml.js';

export interface ParsedCall {
  operation: string;
  params: Record<string, unknown>;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** How one AWS protocol reads calls and writes results and errors. */
export interface WireProtocol {
  name: 'json1.1' | 'query';
  parse(body: string, target: string | undefined): ParsedCall;
  success(operation: string, result: unknown, requestId: string): WireResponse;
  error(error: AwsServiceError, requestId: string): WireResponse;
  /** The error code this protocol uses for throttling (JSON: ThrottlingException, query: Throttling). */
  throttlingCode: string;
  unknownOperationCode: string;
  missingAuthCode: string;
}

/** JSON 1.1 timestamps are epoch seconds; undefined members are left out. */
function toJsonWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toJsonWire);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = toJsonWire(v);
    return out;
  }
  return value;
}

function jsonProtocol(def: AwsServiceDefinition): WireProtocol {
  const contentType = 'application/x-amz-json-1.1';
  return {
    name: 'json1.1',
    throttlingCode: 'ThrottlingException',
    unknownOperationCode: 'UnknownOperationException',
    missingAuthCode: 'MissingAuthenticationTokenException',
    parse(body, target) {
      const [prefix, operation] = (target ?? '').split('.');
      if (prefix !== def.targetPrefix || !operation)
        throw new AwsServiceError('UnknownOperationException', `Unknown target ${target ?? '(none)'}`);
      let params: unknown = {};
      try {
        params = body.trim() === '' ? {} : JSON.parse(body);
      } catch {
        throw new AwsServiceError('SerializationException', 'Start of structure or map found where not expected.');
      }
      if (!params || typeof params !== 'object' || Array.isArray(params))
        throw new AwsServiceError('SerializationException', 'Request body must be a JSON object.');
      return { operation, params: params as Record<string, unknown> };
    },
    success: (_operation, result, requestId) => ({
      status: 200,
      headers: { 'content-type': contentType, 'x-amzn-requestid': requestId },
      body: JSON.stringify(toJsonWire(result ?? {})),
    }),
    error: (error, requestId) => ({
      status: error.status,
      headers: { 'content-type': contentType, 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code },
      body: JSON.stringify({ __type: error.code, message: error.message }),
    }),
  };
}

function queryProtocol(def: AwsServiceDefinition): WireProtocol {
  const xmlns = def.xmlNamespace ? ` xmlns="${def.xmlNamespace}"` : '';
  const headers = (requestId: string) => ({ 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
  return {
    name: 'query',
    throttlingCode: 'Throttling',
    unknownOperationCode: 'InvalidAction',
    missingAuthCode: 'MissingAuthenticationToken',
    parse(body) {
      const form = new URLSearchParams(body);
      const operation = form.get('Action');
      if (!operation) throw new AwsServiceError('InvalidAction', 'Could not find operation (no Action parameter).');
      const version = form.get('Version');
      if (version !== def.targetPrefix)
        throw new AwsServiceError('InvalidAction', `Could not find operation ${operation} for version ${version ?? '(none)'}`);
      return { operation, params: parseQueryParams(form) };
    },
    success: (operation, result, requestId) => ({
      status: 200,
      headers: headers(requestId),
      body:
        `<${operation}Response${xmlns}><${operation}Result>${toXml(result)}</${operation}Result>` +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`,
    }),
    error: (error, requestId) => ({
      status: error.status,
      headers: headers(requestId),
      body:
        `<ErrorResponse${xmlns}><Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code>` +
        `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    }),
  };
}

export function protocolFor(def: AwsServiceDefinition): WireProtocol {
  return def.protocol === 'json1.1' ? jsonProtocol(def) : queryProtocol(def);
}
