import type { FaultSpec } from './contract.js';

interface ArmedFault extends FaultSpec {
  remaining: number;
}

/** Faults armed by tests; each matching request consumes one use of the oldest matching fault. */
export class FaultInjector {
  private armed: ArmedFault[] = [];

  inject(spec: FaultSpec): void {
    if (spec.kind === 'latency' && !(spec.latencyMs && spec.latencyMs > 0)) throw new Error('a latency fault needs latencyMs > 0');
    this.armed.push({ ...spec, remaining: spec.count ?? 1 });
  }

  /** The fault to apply to this call, if any (consumed). */
  take(service: string, operation: string): FaultSpec | undefined {
    const fault = this.armed.find((f) => f.service === service && (f.operation === undefined || f.operation === operation));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.armed = this.armed.filter((f) => f !== fault);
    return fault;
  }

  clear(): void {
    this.armed = [];
  }
}
