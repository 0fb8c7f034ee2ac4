/**
 * The temporary credentials STS has issued, by access key id, with what each session may do.
 * Also the sandbox's bootstrap key pair: the dummy long-term keys in the sandbox
 * environment, which stand for an administrator and may do everything.
 */
import { SANDBOX_ACCOUNT_ID, type CallerIdentity, type SandboxClock } from '../core/contract.js';
import type { SeededRandom } from '../core/random.js';
import type { PolicyDocument } from '../iam/policy-document.js';

export { SANDBOX_ACCOUNT_ID } from '../core/contract.js';

/** Long-term keys for set-up and for actions that do not assume a role. Not secret: `sandbox.env` prints them. */
export const BOOTSTRAP_CREDENTIALS = {
  accessKeyId: 'AKIASANDBOXBOOTSTRAP',
  secretAccessKey: 'sandbox-bootstrap-secret-access-key',
} as const;

export const BOOTSTRAP_IDENTITY: CallerIdentity = {
  arn: `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:user/sandbox-admin`,
  account: SANDBOX_ACCOUNT_ID,
  userId: 'AIDASANDBOXADMIN0000',
};

export interface StsSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Sandbox clock, milliseconds. */
  expiresAt: number;
  roleArn: string;
  sessionName: string;
  account: string;
  /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
  arn: string;
  /** `AROA…:SESSION`. */
  assumedRoleId: string;
  /** Inline and managed session policies: one policy type, so the session may do what any of them allows (and the role allows). */
  sessionPolicies: PolicyDocument[];
  /** The role's own permissions policy, when the role has one. */
  rolePolicy?: PolicyDocument;
  /** True when this session came from AssumeRole with another session's credentials. */
  chained: boolean;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export type NewSession = Omit<StsSession, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;

export class CredentialStore {
  private readonly sessions = new Map<string, StsSession>();

  /**
   * `random` is the sandbox's seeded generator: the same seed issues the same keys, so a run can
   * be replayed. They are sandbox credentials, good only against this sandbox.
   */
  constructor(
    private readonly clock: Pick<SandboxClock, 'now'>,
    private readonly random: SeededRandom,
  ) {}

  issue(session: NewSession): StsSession {
    const issued: StsSession = {
      ...session,
      // ASIA marks temporary credentials, as in AWS; the SDK and masking code may key on it.
      accessKeyId: `ASIA${this.random.fromAlphabet(ALPHANUMERIC, 16)}`,
      secretAccessKey: this.random.base64(40),
      // Real session tokens are a few hundred base64 characters; length matters for header-size
      // and masking tests.
      sessionToken: `IQoJb3JpZ2luX2VjE${this.random.base64(400)}`,
    };
    this.sessions.set(issued.accessKeyId, issued);
    return issued;
  }

  find(accessKeyId: string): StsSession | undefined {
    return this.sessions.get(accessKeyId);
  }

  isExpired(session: StsSession): boolean {
    return this.clock.now() >= session.expiresAt;
  }

  /** Fault injection: every credential issued so far is expired from now on. */
  expireAll(): void {
    const now = this.clock.now();
    for (const session of this.sessions.values()) session.expiresAt = Math.min(session.expiresAt, now);
  }

  all(): StsSession[] {
    return [...this.sessions.values()];
  }
}
