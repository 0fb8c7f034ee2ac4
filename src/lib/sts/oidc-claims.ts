/**
 * The GitHub Actions OIDC token claims that decide whether a trust policy matches. Upstream schema:
 * https://docs.github.com/en/actions/reference/security/oidc#oidc-token-claims
 * (immutable subject claims: https://github.blog/changelog/2026-04-23-immutable-subject-claims-for-github-actions-oidc-tokens/).
 * Only the payload is decoded, never verified: it is used to explain a refusal, not to trust anything.
 */
export interface GitHubOidcClaims {
  iss: string;
  sub: string;
  aud: string[];
  job_workflow_ref?: string;
  repository?: string;
  repository_id?: string;
  repository_owner?: string;
  repository_owner_id?: string;
  ref?: string;
  environment?: string;
  event_name?: string;
}

/**
 * Reads the claims from a JWT's payload segment. Returns undefined for anything that is not a
 * well-formed token with string `iss` and `sub`; it never throws and never includes the token in
 * any message, so a malformed token cannot leak through an error.
 */
export function decodeTokenClaims(token: string): GitHubOidcClaims | undefined {
  const segment = token.split('.')[1];
  if (!segment) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null) return undefined;
  const record = payload as Record<string, unknown>;
  const { iss, sub, aud } = record;
  if (typeof iss !== 'string' || typeof sub !== 'string') return undefined;
  const audiences =
    typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((item): item is string => typeof item === 'string') : [];
  const optional = (key: keyof GitHubOidcClaims): Partial<GitHubOidcClaims> => {
    const value = record[key];
    // GitHub sends the numeric IDs as strings; accept numbers too rather than drop them.
    if (typeof value === 'string' || typeof value === 'number') return { [key]: String(value) };
    return {};
  };
  return {
    iss,
    sub,
    aud: audiences,
    ...optional('job_workflow_ref'),
    ...optional('repository'),
    ...optional('repository_id'),
    ...optional('repository_owner'),
    ...optional('repository_owner_id'),
    ...optional('ref'),
    ...optional('environment'),
    ...optional('event_name'),
  };
}

/** The two default subject formats GitHub issues for the same job. */
export interface SubjectForms {
  /** `repo:ORG/REPO:<context>`, by name. */
  classic?: string;
  /** `repo:ORG@OWNER_ID/REPO@REPO_ID:<context>`, immune to renamed or recycled names. */
  immutable?: string;
}

const CLASSIC = /^repo:([^/@:]+)\/([^/@:]+):(.+)$/;
const IMMUTABLE = /^repo:([^/@:]+)@(\d+)\/([^/@:]+)@(\d+):(.+)$/;

/**
 * Both subject forms for the token's job. A customised subject (another claim template) has
 * neither form; the caller then shows the subject as it is.
 */
export function subjectForms(claims: GitHubOidcClaims): SubjectForms {
  const immutable = IMMUTABLE.exec(claims.sub);
  if (immutable) {
    const [, owner, , repo, , context] = immutable;
    return { classic: `repo:${owner}/${repo}:${context}`, immutable: claims.sub };
  }
  const classic = CLASSIC.exec(claims.sub);
  if (!classic) return {};
  const [, owner, repo, context] = classic;
  const ids = claims.repository_owner_id && claims.repository_id;
  return {
    classic: claims.sub,
    ...(ids ? { immutable: `repo:${owner}@${claims.repository_owner_id}/${repo}@${claims.repository_id}:${context}` } : {}),
  };
}
