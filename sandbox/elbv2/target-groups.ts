import type { SeededRandom } from '../core/random.js';

export type TargetHealthState = 'initial' | 'healthy' | 'unhealthy' | 'draining';

export interface TargetGroupOptions {
  name: string;
  port?: number;
  protocol?: 'HTTP' | 'HTTPS' | 'TCP';
  /** How long a deregistered target drains before its task stops (ELB default 300). */
  deregistrationDelaySeconds?: number;
}

export interface TargetEntry {
  id: string;
  port: number;
  availabilityZone: string;
  state: TargetHealthState;
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
