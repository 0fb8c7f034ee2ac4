/**
 * The claims GitHub puts in an Actions OIDC token, as documented in
 * https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#understanding-the-oidc-token
 * Scenarios override any of them (most often `sub` and `environment`).
 */

export interface GithubOidcClaims {
  jti: string;
  sub: string;
  aud: string;
  ref: string;
  sha: string;
  repository: string;
  repository_owner: string;
  repository_owner_id: string;
  repository_id: string;
  repository_visibility: string;
  run_id: string;
  run_number: string;
  run_attempt: string;
  actor: string;
  actor_id: string;
  workflow: string;
  workflow_ref: string;
  workflow_sha: string;
  job_workflow_ref: string;
  job_workflow_sha: string;
  event_name: string;
  ref_type: string;
  head_ref: string;
  base_ref: string;
  environment?: string;
  runner_environment: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
}

/** Claims a scenario may set; the issuer fills in iss, aud, jti and the times itself. */
export type ScenarioClaims = Partial<Omit<GithubOidcClaims, 'iss' | 'aud' | 'jti' | 'iat' | 'nbf' | 'exp'>>;

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

export function defaultScenarioClaims(): ScenarioClaims {
  return {
    sub: 'repo:acme/web:environment:prod',
    ref: 'refs/heads/main',
    sha: SHA,
    repository: 'acme/web',
    repository_owner: 'acme',
    repository_owner_id: '1001',
    repository_id: '2002',
    repository_visibility: 'private',
    run_id: '3003',
    run_number: '7',
    run_attempt: '1',
    actor: 'octocat',
    actor_id: '583231',
    workflow: 'deploy',
    workflow_ref: `acme/web/.github/workflows/deploy.yml@refs/heads/main`,
    workflow_sha: SHA,
    job_workflow_ref: 'acme/web/.github/workflows/deploy.yml@refs/heads/main',
    job_workflow_sha: SHA,
    event_name: 'push',
    ref_type: 'branch',
    head_ref: '',
    base_ref: '',
    environment: 'prod',
    runner_environment: 'github-hosted',
  };
}

/**
 * How a repository's default `sub` is spelled. GitHub appends the owner's and the repository's
 * immutable IDs (`repo:acme@1001/web@2002:environment:prod`) for repositories created or renamed
 * on or after 2026-07-15, and for older ones whose owner opted in; other repositories keep the
 * name-only form (`repo:acme/web:environment:prod`).
 * https://github.blog/changelog/2026-04-23-immutable-subject-claims-for-github-actions-oidc-tokens/
 * (and the "Immutable subject claims" section of GitHub's OpenID Connect concepts page).
 */
export interface RepositorySettings {
  /** ISO date the repository was created. */
  createdAt?: string;
  /** ISO date the repository was last renamed or transferred. */
  renamedAt?: string;
  /** The repository or organization OIDC setting; overrides the date rule when set. */
  immutableSubjects?: boolean;
}

/** The first day GitHub issues immutable subjects by default. */
export const IMMUTABLE_SUBJECTS_FROM = '2026-07-15';

export function usesImmutableSubject(settings: RepositorySettings): boolean {
  if (settings.immutableSubjects !== undefined) return settings.immutableSubjects;
  const onOrAfter = (date: string | undefined) => date !== undefined && date.slice(0, 10) >= IMMUTABLE_SUBJECTS_FROM;
  return onOrAfter(settings.createdAt) || onOrAfter(settings.renamedAt);
}

const CLASSIC_SUBJECT = /^repo:([^/@:]+)\/([^/@:]+):(.+)$/;

/**
 * The `sub` GitHub issues: the scenario's subject, with the immutable IDs added to its
 * `repo:OWNER/REPO` prefix when the repository uses immutable subjects. A subject that does not
 * start with that prefix (a customised claim template without `repo`) stays as it is.
 */
export function issuedSubject(claims: ScenarioClaims, settings: RepositorySettings): string | undefined {
  const sub = claims.sub;
  const classic = sub === undefined ? null : CLASSIC_SUBJECT.exec(sub);
  if (!classic || !usesImmutableSubject(settings) || !claims.repository_owner_id || !claims.repository_id) return sub;
  const [, owner, repo, context] = classic;
  return `repo:${owner}@${claims.repository_owner_id}/${repo}@${claims.repository_id}:${context}`;
}
