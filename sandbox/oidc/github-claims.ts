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
