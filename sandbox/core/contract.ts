/**
 * The contract between the sandbox's plumbing (HTTP servers, protocols, clock, faults, request log)
 * and its services. Each AWS service is a table of operation handlers that take parsed parameters
 * and return a plain result object (or throw AwsServiceError); the plumbing turns those into the
 * service's own wire protocol (JSON 1.1 for ECS/ECR/Logs, query/XML for STS/ELBv2).
 */

/** Time on the sandbox clock: real time multiplied by `timeScale`, plus manual jumps. */
export interface SandboxClock {
  /** Milliseconds since the epoch on the sandbox clock. */
  now(): number;
  readonly timeScale: number;
  /** Moves the sandbox clock forward without waiting. */
  advance(ms: number): void;
  /** Resolves after `ms` of sandbox time (ms / timeScale real milliseconds). */
  sleep(ms: number): Promise<void>;
}

/** An error in the service's own shape: `code` is the AWS error code (`ThrottlingException`, `AccessDenied`…). */
export class AwsServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** For query/XML protocols: Sender or Receiver. */
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
  }
}

/** Who signed an AWS request, as the SigV4 Authorization header and X-Amz-Security-Token say. */
export interface AwsCaller {
  accessKeyId: string;
  sessionToken?: string;
}

/** The identity behind a set of credentials, as STS issued it. */
export interface CallerIdentity {
  arn: string;
  account: string;
  userId: string;
}

/**
 * Decides whether a caller may make an AWS call. The sandbox's bootstrap credentials (the dummy
 * keys in `sandbox.env`) may do everything; credentials issued by STS expire on the sandbox clock
 * and are limited by their session policy.
 */
export interface Authorizer {
  /** Throws AwsServiceError (UnrecognizedClientException, ExpiredTokenException, AccessDeniedException) or returns the identity. */
  authorize(caller: AwsCaller, action: string, resources: string[]): CallerIdentity;
}

export interface AwsOperationContext {
  caller: AwsCaller;
  clock: SandboxClock;
  /** The region in the request's SigV4 credential scope. */
  region: string;
  /** Who the Authorizer said the caller is (absent for unauthenticated operations). */
  identity?: CallerIdentity;
}

/** One IAM check a call needs: `{ action: 'ecs:UpdateService', resources: [serviceArn] }`. */
export interface AwsPermission {
  action: string;
  resources: string[];
}

/** The account every sandbox resource lives in (the bootstrap identity's account). */
export const SANDBOX_ACCOUNT_ID = '123456789012';

export type AwsOperationHandler = (params: Record<string, unknown>, context: AwsOperationContext) => unknown;

export interface AwsServiceDefinition {
  /** Endpoint variable suffix: AWS_ENDPOINT_URL_<envName> (ECS, ECR, STS, ELASTIC_LOAD_BALANCING_V2, CLOUDWATCH_LOGS). */
  envName: string;
  /** The IAM service prefix (ecs, ecr, sts, elasticloadbalancing, logs). */
  iamPrefix: string;
  protocol: 'json1.1' | 'query';
  /** JSON 1.1: the X-Amz-Target prefix (`AmazonEC2ContainerServiceV20141113`). Query: the API version (`2011-06-15`). */
  targetPrefix: string;
  /** Query protocols: the XML namespace of responses. */
  xmlNamespace?: string;
  operations: Record<string, AwsOperationHandler>;
  /** Operations that need no signed caller (AssumeRoleWithWebIdentity). */
  unauthenticated?: string[];
  /**
   * The IAM checks per operation, asked of the Authorizer before the handler runs. Operations not
   * listed are checked as `<iamPrefix>:<Operation>` with no resources (the Authorizer reads that as `*`).
   */
  permissions?: Record<string, (params: Record<string, unknown>, context: AwsOperationContext) => AwsPermission[]>;
}

export interface RequestLogEntry {
  /** Sandbox clock time. */
  time: number;
  /** The service's IAM prefix (ecs, ecr, sts, elasticloadbalancing, logs), or a non-AWS server's name. */
  service: string;
  operation: string;
  params: unknown;
  accessKeyId?: string;
  /** Plain-HTTP servers (github, oidc): the method and the path with its query, as sent. */
  method?: string;
  url?: string;
  /** Plain-HTTP servers: the bearer token presented (for leak scans) and whose it is. */
  token?: string;
  login?: string;
  status: number;
  errorCode?: string;
  /** Raw request body and headers, for secret-leak scans. */
  rawRequest: string;
}

/** `hang`: the request is read and never answered (a silent socket), until the client gives up. */
export type FaultKind = 'throttle' | 'http500' | 'http503' | 'reset' | 'latency' | 'hang';

export interface FaultSpec {
  /** The service's IAM prefix (ecs, ecr, sts, elasticloadbalancing, logs), or `oidc` or `github`. */
  service: string;
  /** Every operation of the service when omitted. */
  operation?: string;
  kind: FaultKind;
  /** How many matching calls it applies to (default 1). */
  count?: number;
  /** For `latency`: added real milliseconds. */
  latencyMs?: number;
}
