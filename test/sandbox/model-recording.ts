import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedResponse } from '../../sandbox/core/response-recorder.js';
import { formatViolation, validateResponse, type ModelViolation } from './model-validator.js';

/**
 * The suite-wide model check: every response the sandboxes of a test run recorded (one JSONL file
 * per process, sandbox/core/response-recorder.ts) validated against AWS's models. Run by the Jest
 * globalTeardown, which fails the run with this report when anything differs.
 */
export interface RecordingCheck {
  responses: number;
  violations: ModelViolation[];
}

export function readRecordings(folder: string): RecordedResponse[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) =>
      readFileSync(join(folder, name), 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as RecordedResponse),
    );
}

export function checkResponses(responses: RecordedResponse[]): RecordingCheck {
  return { responses: responses.length, violations: responses.flatMap(validateResponse) };
}

/**
 * One line per distinct violation (list indexes folded, so one bad member of 200 tasks is one line),
 * with how often it occurred.
 */
export function violationReport(check: RecordingCheck): string {
  const counts = new Map<string, number>();
  for (const violation of check.violations) {
    const line = formatViolation({ ...violation, path: violation.path.replace(/\[\d+\]/g, '[]') });
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  const lines = [...counts].map(([line, count]) => `  ${line}${count > 1 ? ` (×${count})` : ''}`);
  return [
    `${lines.length} kind(s) of sandbox response differ from AWS's API models (test/fixtures/aws-models), in ${check.responses} distinct responses recorded:`,
    ...lines,
  ].join('\n');
}
