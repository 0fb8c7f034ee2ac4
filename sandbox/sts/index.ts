/** The sandbox's STS and the authorizer behind every sandbox AWS call. */
export { createIdentity, type Identity, type IdentityAdmin, type IdentityOptions } from './identity.js';
export { BOOTSTRAP_CREDENTIALS, BOOTSTRAP_IDENTITY, SANDBOX_ACCOUNT_ID, type StsSession } from './credential-store.js';
export type { StsAuthorizer } from './authorizer.js';
export type { RoleSpec, RoleTrust, Role } from '../iam/role-registry.js';
