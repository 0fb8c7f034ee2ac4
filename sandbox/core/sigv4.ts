import type { IncomingHttpHeaders } from 'node:http';
import type { AwsCaller } from './contract.js';

export interface SignedRequest {
  caller?: AwsCaller;
  region: string;
  /** The SigV4 signing name (ecs, ecr, sts, elasticloadbalancing, logs). */
  signingService?: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

/**
 * Reads who signed a request from `Authorization: AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, ...`.
 * Signatures are not verified: the sandbox needs the caller's identity, not proof of it.
 */
export function parseSigV4(headers: IncomingHttpHeaders, defaultRegion = 'us-east-1'): SignedRequest {
  const header = headers.authorization;
  const match = header ? CREDENTIAL.exec(header) : null;
  if (!match) return { region: defaultRegion };
  const token = headers['x-amz-security-token'];
  const sessionToken = Array.isArray(token) ? token[0] : token;
  return {
    caller: { accessKeyId: match[1] ?? '', ...(sessionToken ? { sessionToken } : {}) },
    region: match[3] ?? defaultRegion,
    signingService: match[4],
  };
}
