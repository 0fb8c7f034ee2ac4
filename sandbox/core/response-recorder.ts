import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every AWS response the sandbox sends, as sent, for the model-conformance check
 * (test/sandbox/model-validator.ts): the test suite sets ECS_DELIVERY_SANDBOX_RESPONSES to a folder
 * and each process that runs a sandbox appends its responses there, one JSON line each.
 */
export interface RecordedResponse {
  /** The service's IAM prefix (ecs, ecr, sts, elasticloadbalancing, logs…). */
  service: string;
  operation: string;
  status: number;
  body: string;
}

export type ResponseRecorder = (response: RecordedResponse) => void;

export const RESPONSES_FOLDER_ENV = 'ECS_DELIVERY_SANDBOX_RESPONSES';

/** Per file: digests of the lines this process wrote there, shared by every sandbox it starts. */
const written = new Map<string, Set<string>>();

/**
 * Appends to `<folder>/responses-<pid>.jsonl`: one file per process, so sandboxes in parallel Jest
 * workers never interleave lines. A response already written by this process (a status poll that
 * saw nothing change) is written once, which keeps the file and the check small.
 */
export function folderRecorder(folder: string): ResponseRecorder {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `responses-${process.pid}.jsonl`);
  const seen = written.get(file) ?? new Set<string>();
  written.set(file, seen);
  return (response) => {
    const line = JSON.stringify(response);
    const digest = createHash('sha1').update(line).digest('base64');
    if (seen.has(digest)) return;
    seen.add(digest);
    appendFileSync(file, `${line}\n`);
  };
}

/** The recorder the environment asks for, if any. */
export function recorderFromEnv(env: NodeJS.ProcessEnv): ResponseRecorder | undefined {
  const folder = env[RESPONSES_FOLDER_ENV];
  return folder ? folderRecorder(folder) : undefined;
}
