/** The sandbox's Actions OIDC issuer: start it, then hand `env` to the action under test. */
export { startOidcIssuer, type OidcIssuer, type OidcIssuerOptions, type IssuedToken } from './oidc-issuer.js';
export type { GithubOidcClaims, RepositorySettings, ScenarioClaims } from './github-claims.js';
export { verifyToken, type TokenRejection, type VerifyResult } from './token-verifier.js';
