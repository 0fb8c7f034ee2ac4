/**
 * Task-level cpu and memory. ECS takes CPU units (1024 = 1 vCPU) or "N vCPU", and MiB or "N GB",
 * converting when it registers; Fargate accepts only the combinations in AWS's documented table
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size).
 */

interface MemoryRange {
  cpu: number;
  /** MiB values allowed for this cpu. */
  memory: (mib: number) => boolean;
  text: string;
}

const GIB = 1024;
const steps = (from: number, to: number, step: number) => (mib: number) => mib >= from && mib <= to && (mib - from) % step === 0;

const FARGATE_TABLE: MemoryRange[] = [
  { cpu: 256, memory: (mib) => [512, 1024, 2048].includes(mib), text: '512, 1024 or 2048' },
  { cpu: 512, memory: steps(1 * GIB, 4 * GIB, GIB), text: '1024 to 4096 in steps of 1024' },
  { cpu: 1024, memory: steps(2 * GIB, 8 * GIB, GIB), text: '2048 to 8192 in steps of 1024' },
  { cpu: 2048, memory: steps(4 * GIB, 16 * GIB, GIB), text: '4096 to 16384 in steps of 1024' },
  { cpu: 4096, memory: steps(8 * GIB, 30 * GIB, GIB), text: '8192 to 30720 in steps of 1024' },
  { cpu: 8192, memory: steps(16 * GIB, 60 * GIB, 4 * GIB), text: '16384 to 61440 in steps of 4096' },
  { cpu: 16384, memory: steps(32 * GIB, 120 * GIB, 8 * GIB), text: '32768 to 122880 in steps of 8192' },
];

/** EC2 tasks accept 0.125 to 192 vCPU. */
const EC2_CPU = { min: 128, max: 196_608 };

/** CPU units from "256", "0.25 vCPU", ".5vcpu" or "2 vCPU"; undefined when malformed. */
export function parseCpuUnits(text: string): number | undefined {
  const units = /^\d+$/.exec(text.trim());
  if (units) return Number(units[0]);
  const vcpu = /^(\d*\.?\d+)\s*vcpu$/i.exec(text.trim());
  if (!vcpu) return undefined;
  const value = Number(vcpu[1]) * 1024;
  return Number.isInteger(value) ? value : undefined;
}

/** MiB from "512", "0.5 GB" or "2GB"; undefined when malformed. */
export function parseMemoryMib(text: string): number | undefined {
  const mib = /^\d+$/.exec(text.trim());
  if (mib) return Number(mib[0]);
  const gb = /^(\d*\.?\d+)\s*gb$/i.exec(text.trim());
  if (!gb) return undefined;
  const value = Number(gb[1]) * GIB;
  return Number.isInteger(value) ? value : undefined;
}

export function cpuRangeProblem(units: number): string | undefined {
  if (units < EC2_CPU.min || units > EC2_CPU.max)
    return `${units} CPU units is outside ${EC2_CPU.min} to ${EC2_CPU.max} (0.125 to 192 vCPU)`;
  return undefined;
}

/** Why a Fargate task cannot have this cpu/memory pair, or undefined when it can. */
export function fargateSizeProblem(cpuUnits: number, memoryMib: number, windows: boolean): string | undefined {
  const row = FARGATE_TABLE.find((entry) => entry.cpu === cpuUnits);
  if (!row) return `Fargate has no ${cpuUnits} CPU size; use one of ${FARGATE_TABLE.map((entry) => entry.cpu).join(', ')}`;
  if (windows && cpuUnits < 1024) return `Windows containers on Fargate need at least 1024 CPU units (1 vCPU), not ${cpuUnits}`;
  if (!row.memory(memoryMib)) return `Fargate with ${cpuUnits} CPU units takes ${row.text} MiB of memory, not ${memoryMib}`;
  return undefined;
}
