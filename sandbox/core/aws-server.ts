import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as realSleep } from 'node:timers/promises';
import {
  AwsServiceError,
  type Authorizer,
  type AwsCaller,
  type CallerIdentity,
  type AwsOperationContext,
  type AwsPermission,
  type AwsServiceDefinition,
  type SandboxClock,
} from './contract.js';
import type { FaultInjector } from './faults.js';
import { listenLocal, rawRequestText, readBody, type RunningServer } from './http-server.js';
import { protocolFor, type WireProtocol, type WireResponse } from './protocols.js';
import type { SeededRandom } from './random.js';
import type { RequestLog } from './request-log.js';
import type { ResponseRecorder } from './response-recorder.js';
import { parseSigV4 } from './sigv4.js';

export interface AwsServerDeps {
  clock: SandboxClock;
  log: RequestLog;
  faults: FaultInjector;
  authorizer: Authorizer;
  region: string;
  /** The sandbox's seeded generator; request ids come from a stream of their own (see `fork`). */
  random: SeededRandom;
  /** Sees every response sent, for the model-conformance check (core/response-recorder.ts). */
  recordResponse?: ResponseRecorder | undefined;
}

/** The error a fault stands for, in the protocol's own shape. */
function faultError(kind: string, protocol: WireProtocol): AwsServiceError {
  if (kind === 'throttle') return new AwsServiceError(protocol.throttlingCode, 'Rate exceeded', 400);
  if (kind === 'http503') return new AwsServiceError('ServiceUnavailable', 'Service is unavailable. Please try again later.', 503);
  return new AwsServiceError(
    'InternalFailure',
    'The request processing has failed because of an unknown error, exception or failure.',
    500,
  );
}

/** Query-protocol spellings of auth errors → JSON ones; an iam:PassRole denial on an ECS call is still an ECS (JSON) error. */
const JSON_AUTH_CODES: Record<string, { code: string; status: number }> = {
  AccessDenied: { code: 'AccessDeniedException', status: 400 },
  InvalidClientTokenId: { code: 'UnrecognizedClientException', status: 400 },
  // AWS's common errors: expired credentials are HTTP 403 in every protocol.
  ExpiredToken: { code: 'ExpiredTokenException', status: 403 },
};

function authorizeAs(protocol: WireProtocol, authorize: () => CallerIdentity): CallerIdentity {
  try {
    return authorize();
  } catch (error: unknown) {
    const jsonCode = error instanceof AwsServiceError && protocol.name === 'json1.1' ? JSON_AUTH_CODES[error.code] : undefined;
    if (jsonCode && error instanceof AwsServiceError) throw new AwsServiceError(jsonCode.code, error.message, jsonCode.status);
    throw error;
  }
}

/** Serves one AWS service definition over its wire protocol: faults, authorization, dispatch, request log. */
export function startAwsServer(def: AwsServiceDefinition, deps: AwsServerDeps, port = 0): Promise<RunningServer> {
  const protocol = protocolFor(def);
  const service = def.iamPrefix;
  const requestIds = deps.random.fork(`request-ids/${service}`);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const requestId = requestIds.uuid();
    const signed = parseSigV4(req.headers, deps.region);
    const target = req.headers['x-amz-target'];
    let operation = '(unparsed)';
    let params: Record<string, unknown> = {};
    const logEntry = (status: number, errorCode?: string) =>
      deps.log.record({
        time: deps.clock.now(),
        service,
        operation,
        params,
        ...(signed.caller ? { accessKeyId: signed.caller.accessKeyId } : {}),
        status,
        ...(errorCode ? { errorCode } : {}),
        rawRequest: rawRequestText(req, body),
      });
    const send = (response: WireResponse, errorCode?: string) => {
      logEntry(response.status, errorCode);
      deps.recordResponse?.({ service, operation, status: response.status, body: response.body });
      res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
      res.end(response.body);
    };

    try {
      ({ operation, params } = protocol.parse(body, Array.isArray(target) ? target[0] : target));
      const fault = deps.faults.take(service, operation);
      if (fault?.kind === 'latency') await realSleep(fault.latencyMs ?? 0);
      if (fault?.kind === 'reset') {
        logEntry(0, 'ConnectionReset');
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'hang') {
        logEntry(0, 'Hang');
        return;
      }
      if (fault && fault.kind !== 'latency') throw faultError(fault.kind, protocol);

      const handler = def.operations[operation];
      if (!handler)
        throw new AwsServiceError(
          protocol.unknownOperationCode,
          `Operation ${operation} is not supported by this sandbox; its ${def.iamPrefix} endpoint answers only: ${Object.keys(def.operations).sort().join(', ')}.`,
        );
      const context: AwsOperationContext = { caller: signed.caller ?? { accessKeyId: '' }, clock: deps.clock, region: signed.region };
      if (!def.unauthenticated?.includes(operation)) {
        if (!signed.caller) throw new AwsServiceError(protocol.missingAuthCode, 'Request is missing Authentication Token', 403);
        const checks: AwsPermission[] = def.permissions?.[operation]?.(params, context) ?? [
          { action: `${def.iamPrefix}:${operation}`, resources: [] },
        ];
        for (const check of checks)
          context.identity = authorizeAs(protocol, () =>
            deps.authorizer.authorize(signed.caller as AwsCaller, check.action, check.resources),
          );
      }
      const result = await handler(params, context);
      send(protocol.success(operation, result, requestId));
    } catch (error: unknown) {
      const awsError =
        error instanceof AwsServiceError
          ? error
          : new AwsServiceError('InternalFailure', `sandbox bug: ${error instanceof Error ? error.message : String(error)}`, 500);
      if (!(error instanceof AwsServiceError)) console.error(`sandbox ${service} ${operation}:`, error);
      send(protocol.error(awsError, requestId), awsError.code);
    }
  }

  return listenLocal((req, res) => void handle(req, res), port);
}
