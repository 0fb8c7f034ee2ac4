import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHMARKS = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));

/** Replaces (or appends) one benchmark's section in BENCHMARKS.md, leaving the others as they are. */
export function writeBenchmarkSection(id: string, markdown: string): void {
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const current = existsSync(BENCHMARKS)
    ? readFileSync(BENCHMARKS, 'utf8')
    : '# Benchmarks\n\nEach section is written by its benchmark (`bench/<name>`); numbers compare alternatives measured side by side in one run.\n';
  const section = `${start}\n${markdown.trim()}\n${end}`;
  const at = current.indexOf(start);
  // The end marker that closes this start: an orphaned end marker earlier in the file must not make every run append a copy.
  const until = at >= 0 ? current.indexOf(end, at) : -1;
  const next =
    at >= 0 && until > at
      ? `${current.slice(0, at)}${section}${current.slice(until + end.length)}`
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(BENCHMARKS, next);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
