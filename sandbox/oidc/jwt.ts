/**
 * Compact JWS (RFC 7515) with RS256, enough for the sandbox's OIDC tokens: node:crypto signs and
 * verifies, so no JWT library is needed for a test double.
 */
import { createSign, createVerify, type KeyObject } from 'node:crypto';

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

export class JwtFormatError extends Error {}

function encodeSegment(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeSegment(segment: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new JwtFormatError('JWT segment is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export function signRs256(header: Record<string, unknown>, payload: object, privateKey: KeyObject): string {
  const signingInput = `${encodeSegment({ ...header, alg: 'RS256', typ: 'JWT' })}.${encodeSegment(payload)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}

/** Splits and parses a JWT without checking it; throws JwtFormatError for anything that is not one. */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  const [headerPart, payloadPart, signaturePart] = parts;
  if (parts.length !== 3 || !headerPart || !payloadPart || signaturePart === undefined) {
    throw new JwtFormatError('not a compact JWS');
  }
  try {
    return {
      header: decodeSegment(headerPart),
      payload: decodeSegment(payloadPart),
      signingInput: `${headerPart}.${payloadPart}`,
      signature: Buffer.from(signaturePart, 'base64url'),
    };
  } catch (error: unknown) {
    if (error instanceof JwtFormatError) throw error;
    throw new JwtFormatError('JWT segments are not base64url JSON');
  }
}

export function verifyRs256(decoded: DecodedJwt, publicKey: KeyObject): boolean {
  if (decoded.header.alg !== 'RS256') return false;
  return createVerify('RSA-SHA256').update(decoded.signingInput).verify(publicKey, decoded.signature);
}
