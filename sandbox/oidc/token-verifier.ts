/**
 * Checks a token the way an OIDC relying party (STS) does: well-formed, signed by the issuer's
 * key, from the expected issuer, for an accepted audience, inside its validity window on the
 * sandbox clock. Returns a reason instead of throwing so that each caller can map it to its own
 * error codes.
 */
import type { KeyObject } from 'node:crypto';
import { decodeJwt, JwtFormatError, verifyRs256 } from './jwt.js';

export type TokenRejection = 'malformed' | 'signature' | 'issuer' | 'audience' | 'expired' | 'not-yet-valid';

export type VerifyResult =
  { ok: true; claims: Record<string, unknown> } | { ok: false; reason: TokenRejection; claims?: Record<string, unknown>; message: string };

export interface VerifyOptions {
  publicKey: KeyObject;
  issuer: string;
  /** Accepted audiences; undefined accepts any. */
  audiences?: string[];
  /** Sandbox clock, milliseconds. */
  nowMs: number;
}

function audiencesOf(claims: Record<string, unknown>): string[] {
  const aud = claims.aud;
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((value): value is string => typeof value === 'string') : [];
}

export function verifyToken(token: string, options: VerifyOptions): VerifyResult {
  let decoded;
  try {
    decoded = decodeJwt(token);
  } catch (error: unknown) {
    if (error instanceof JwtFormatError) return { ok: false, reason: 'malformed', message: error.message };
    throw error;
  }
  const claims = decoded.payload;
  if (!verifyRs256(decoded, options.publicKey)) {
    return { ok: false, reason: 'signature', claims, message: 'signature does not verify with the issuer key' };
  }
  if (claims.iss !== options.issuer) {
    return { ok: false, reason: 'issuer', claims, message: `unknown issuer ${String(claims.iss)}` };
  }
  if (options.audiences && !audiencesOf(claims).some((aud) => options.audiences?.includes(aud))) {
    return { ok: false, reason: 'audience', claims, message: `audience ${String(claims.aud)} not accepted` };
  }
  const nowSeconds = Math.floor(options.nowMs / 1000);
  if (typeof claims.exp !== 'number' || nowSeconds >= claims.exp) {
    return { ok: false, reason: 'expired', claims, message: `expired at ${String(claims.exp)}, now ${nowSeconds}` };
  }
  if (typeof claims.nbf === 'number' && nowSeconds < claims.nbf) {
    return { ok: false, reason: 'not-yet-valid', claims, message: `not valid before ${claims.nbf}` };
  }
  return { ok: true, claims };
}
