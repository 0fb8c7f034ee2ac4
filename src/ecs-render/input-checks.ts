import { InputError } from '../lib/errors.js';
import type { KeyValue } from '../lib/inputs.js';
import { cpuRangeProblem, parseCpuUnits, parseMemoryMib } from '../lib/task-definition/fargate-sizes.js';
import { roleArnProblem } from '../lib/task-definition/references.js';

/**
 * Checks of single input values, for inputs.ts (which alone reads the inputs). Each failure is an
 * InputError naming the input.
 */

export type ListMode = 'upsert' | 'replace';
export const LIST_MODES: readonly ListMode[] = ['upsert', 'replace'];

/** `replace` with nothing given would silently empty the list: more likely a mistake than a wish. */
export function requireEntries(modeInput: string, mode: ListMode, listInput: string, entries: KeyValue[]): void {
  if (mode === 'replace' && entries.length === 0) {
    throw new InputError(
      modeInput,
      `is replace but '${listInput}' is empty, which would remove every entry`,
      `List the entries to keep in '${listInput}', or use upsert`,
    );
  }
}

export function uniqueNames(name: string, entries: KeyValue[]): KeyValue[] {
  const seen = new Set<string>();
  for (const { key } of entries) {
    if (seen.has(key)) throw new InputError(name, `'${key}' is given twice`, 'Give each name once');
    seen.add(key);
  }
  return entries;
}

export function roleArn(value: string | undefined, name: string): string | undefined {
  const problem = value === undefined ? undefined : roleArnProblem(value);
  if (problem) throw new InputError(name, problem, 'Use arn:<partition>:iam::<12-digit account>:role/<name>');
  return value;
}

export function readCpu(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const units = parseCpuUnits(value);
  if (units === undefined)
    throw new InputError('cpu', `'${value}' is not a CPU size`, 'Use CPU units (1024 = 1 vCPU) such as 256, or "0.25 vCPU"');
  const problem = cpuRangeProblem(units);
  if (problem) throw new InputError('cpu', problem, 'Use a size from 128 to 196608 CPU units');
  return String(units);
}

export function readMemory(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const mib = parseMemoryMib(value);
  if (mib === undefined || mib === 0) throw new InputError('memory', `'${value}' is not a memory size`, 'Use MiB such as 512, or "1 GB"');
  return String(mib);
}

export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
