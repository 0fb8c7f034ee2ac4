import type { SeededRandom } from '../core/random.js';

export type TargetHealthState = 'initial' | 'healthy' | 'unhealthy' | 'draining';

export interface TargetGroupOptions {
  name: string;
  port?: number;
  protocol?: 'HTTP' | 'HTTPS' | 'TCP';
  /** How long a deregistered target drains before its task stops (ELB default 300). */
  deregistrationDelaySeconds?: number;
}

/**
 * Why an Application Load Balancer health check fails: DescribeTargetHealth's reason code for an
 * unhealthy target (TargetHealth.Reason in elbv2.service-2.json); `httpCode` is what the health check
 * got back, for Target.ResponseCodeMismatch.
 */
export interface TargetFailure {
  reason: 'Target.ResponseCodeMismatch' | 'Target.Timeout' | 'Target.FailedHealthChecks';
  httpCode?: number;
}

export interface TargetEntry {
  id: string;
  port: number;
  availabilityZone: string;
  state: TargetHealthState;
  /** Sandbox time the target entered `state`: an initial target first registers, then is health-checked. */
  since?: number;
  /** For `unhealthy`: how its health checks fail (Target.FailedHealthChecks when not said). */
  failure?: TargetFailure;
}

/** Seconds an ALB takes to register a target before its first health check (Elb.RegistrationInProgress). */
export const REGISTRATION_SECONDS = 5;

/**
 * TargetHealth's Reason and Description for a target, worded as ELB words them (API_TargetHealth:
 * no reason for a healthy target). An ECS service event quotes the description of an unhealthy one.
 */
export function targetHealthReason(
  target: Pick<TargetEntry, 'state' | 'since' | 'failure'>,
  now: number,
): { Reason: string; Description: string } | undefined {
  switch (target.state) {
    case 'initial':
      return now < (target.since ?? now) + REGISTRATION_SECONDS * 1000
        ? { Reason: 'Elb.RegistrationInProgress', Description: 'Target registration is in progress' }
        : { Reason: 'Elb.InitialHealthChecking', Description: 'Initial health checking in progress' };
    case 'unhealthy':
      return unhealthyReason(target.failure);
    case 'draining':
      return { Reason: 'Target.DeregistrationInProgress', Description: 'Target deregistration is in progress' };
    default:
      return undefined;
  }
}

export function unhealthyReason(failure: TargetFailure | undefined): { Reason: string; Description: string } {
  switch (failure?.reason) {
    case 'Target.ResponseCodeMismatch':
      return { Reason: failure.reason, Description: `Health checks failed with these codes: [${failure.httpCode ?? 500}]` };
    case 'Target.Timeout':
      return { Reason: failure.reason, Description: 'Request timed out' };
    default:
      return { Reason: 'Target.FailedHealthChecks', Description: 'Health checks failed' };
  }
}

export interface TargetGroup {
  arn: string;
  name: string;
  port: number;
  protocol: string;
  deregistrationDelaySeconds: number;
  targets: Map<string, TargetEntry>;
}

/** Target groups created by tests; ECS registers its awsvpc tasks here by private IP. */
export class TargetGroupStore {
  private readonly groups = new Map<string, TargetGroup>();

  constructor(
    private readonly region: string,
    private readonly account: string,
    private readonly random: SeededRandom,
  ) {}

  create(options: TargetGroupOptions): TargetGroup {
    const existing = [...this.groups.values()].find((g) => g.name === options.name);
    if (existing) return existing;
    const arn = `arn:aws:elasticloadbalancing:${this.region}:${this.account}:targetgroup/${options.name}/${this.random.hex(16)}`;
    const group: TargetGroup = {
      arn,
      name: options.name,
      port: options.port ?? 80,
      protocol: options.protocol ?? 'HTTP',
      deregistrationDelaySeconds: options.deregistrationDelaySeconds ?? 300,
      targets: new Map(),
    };
    this.groups.set(arn, group);
    return group;
  }

  get(arn: string): TargetGroup | undefined {
    return this.groups.get(arn);
  }

  all(): TargetGroup[] {
    return [...this.groups.values()];
  }

  setTarget(arn: string, target: TargetEntry): void {
    this.groups.get(arn)?.targets.set(`${target.id}:${target.port}`, target);
  }

  removeTarget(arn: string, id: string, port: number): void {
    this.groups.get(arn)?.targets.delete(`${id}:${port}`);
  }
}
