import { createHash } from 'node:crypto';
import type { PlanCounts } from './classify.js';

/**
 * The hidden HTML comments that make a PR comment "ours": one line that identifies the sticky comment
 * (workflow, working directory, workspace, comment key) and one that records the reviewed plan. The
 * record is base64url JSON, so nothing in a directory name or key can close the HTML comment early.
 */

export interface CommentIdentity {
  workflow: string;
  workingDirectory: string;
  workspace: string;
  commentKey: string;
}

export interface ReviewRecord {
  checksum: string;
  counts: PlanCounts;
  /** Per-resource digests, left out when they would crowd the comment (very large plans). */
  digests?: Record<string, string>;
}

const PREFIX = 'ecs-delivery:terraform-plan';
const RECORD_PREFIX = 'ecs-delivery:terraform-plan-record';
/** Digests of ~1,000 resources; beyond that the record keeps the checksum and counts only. */
const MAX_RECORD_CHARS = 40_000;

/** The identifying line. The key is hashed so it is short and safe inside an HTML comment. */
export function markerLine(identity: CommentIdentity): string {
  const key = JSON.stringify([identity.workflow, identity.workingDirectory, identity.workspace, identity.commentKey]);
  const id = createHash('sha256').update(key).digest('hex').slice(0, 24);
  return `<!-- ${PREFIX} id=${id} -->`;
}

export function recordLine(record: ReviewRecord): string {
  const encode = (value: ReviewRecord) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  let encoded = encode(record);
  if (encoded.length > MAX_RECORD_CHARS) encoded = encode({ checksum: record.checksum, counts: record.counts });
  return `<!-- ${RECORD_PREFIX} ${encoded} -->`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const COUNT_KEYS = ['add', 'change', 'destroy', 'replace', 'import', 'move', 'forget', 'read', 'outputs', 'drift'] as const;

/** The review record in a comment body, checked field by field (anyone can edit a comment). */
export function parseRecord(body: string): ReviewRecord | undefined {
  const match = new RegExp(`<!-- ${RECORD_PREFIX} ([A-Za-z0-9_-]+) -->`).exec(body);
  if (!match?.[1]) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value.checksum !== 'string' || !/^(?:hmac-)?sha256:[0-9a-f]{64}$/.test(value.checksum)) return undefined;
  const rawCounts = isRecord(value.counts) ? value.counts : {};
  const counts: PlanCounts = { add: 0, change: 0, destroy: 0, replace: 0, import: 0, move: 0, forget: 0, read: 0, outputs: 0, drift: 0 };
  for (const key of COUNT_KEYS) {
    const count = rawCounts[key];
    if (typeof count === 'number' && Number.isInteger(count)) counts[key] = count;
  }
  const record: ReviewRecord = { checksum: value.checksum, counts };
  if (isRecord(value.digests)) {
    record.digests = Object.fromEntries(
      Object.entries(value.digests).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  }
  return record;
}
