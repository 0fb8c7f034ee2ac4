/**
 * Wires the sandbox's identity layer together: the role registry, the credentials STS issues,
 * the STS service definition and the authorizer every other service consults. `startSandbox`
 * creates one of these and mounts `stsService` with the other AWS services.
 */
import type { AwsServiceDefinition, SandboxClock } from '../core/contract.js';
import { SeededRandom } from '../core/random.js';
import { RoleRegistry, type Role, type RoleSpec } from '../iam/role-registry.js';
import type { OidcIssuer } from '../oidc/oidc-issuer.js';
import { createAuthorizer, type StsAuthorizer } from './authorizer.js';
import { CredentialStore, type StsSession } from './credential-store.js';
import { createStsService } from './sts-service.js';

export interface IdentityOptions {
  clock: Pick<SandboxClock, 'now'>;
  oidc: Pick<OidcIssuer, 'issuer' | 'publicKey'>;
  /** The sandbox's seeded generator, for the credentials STS issues (default: seed 1, as `startSandbox`). */
  random?: SeededRandom;
  /** Client IDs on the IAM OIDC provider; default `sts.amazonaws.com`. */
  oidcClientIds?: string[];
}

export interface IdentityAdmin {
  createRole(spec: RoleSpec): Role;
  /** Registers a customer managed policy that sessions may name in PolicyArns. */
  putManagedPolicy(arn: string, document: string | object): void;
  addOidcClientId(clientId: string): void;
  /** Fault injection: every credential STS has issued is expired from now on. */
  expireAllCredentials(): void;
  /** Sessions issued so far (for assertions on policies, durations and chaining). */
  sessions(): StsSession[];
}

export interface Identity {
  stsService: AwsServiceDefinition;
  authorizer: StsAuthorizer;
  admin: IdentityAdmin;
}

export function createIdentity(options: IdentityOptions): Identity {
  const roles = new RoleRegistry();
  const store = new CredentialStore(options.clock, (options.random ?? new SeededRandom(1)).fork('sts-credentials'));
  const authorizer = createAuthorizer(store);
  const clientIds = [...(options.oidcClientIds ?? ['sts.amazonaws.com'])];
  const stsService = createStsService({
    clock: options.clock,
    oidc: options.oidc,
    roles,
    store,
    authorizer,
    oidcClientIds: () => clientIds,
  });
  return {
    stsService,
    authorizer,
    admin: {
      createRole: (spec) => roles.createRole(spec),
      putManagedPolicy: (arn, document) => roles.putManagedPolicy(arn, document),
      addOidcClientId: (clientId) => void clientIds.push(clientId),
      expireAllCredentials: () => store.expireAll(),
      sessions: () => store.all(),
    },
  };
}
