import { fingerprintPlans } from './checksum.js';
import { summarizePlans, type PlanSummary } from './classify.js';
import { formatWarnings, parsePlanDocuments } from './plan-parse.js';
import { splitResourceBlocks } from './plan-text.js';
import type { TerraformPlan } from './plan-types.js';
import { redactPlans, type RedactionCounts } from './redact-plan.js';
import { scrubText } from './sensitive.js';
import { readPlanBytes } from './text-decode.js';

/** A plan read and understood: what every renderer and output is built from. */
export interface AnalyzedPlan {
  /** The plans with every sensitive value already replaced: all that renderers ever see. */
  plans: TerraformPlan[];
  /** Built from the redacted plans. */
  summary: PlanSummary;
  /** Sensitive values (marked, named, and from the configuration); never shown, used to scrub text. */
  secrets: string[];
  redactions: RedactionCounts;
  /** The plan text, cleaned and scrubbed of every sensitive value, when there was one. */
  text?: string;
  /** Per resource instance (`instanceKey`). */
  textBlocks: Map<string, string>;
  checksum: string;
  digests: Record<string, string>;
  /** What the plan cannot tell (old format versions). */
  warnings: string[];
}

export interface AnalyzeOptions {
  /** Sensitive values known from outside the plan (variable files, defaults, the `variables` input). */
  extraSecrets?: readonly string[];
  /** The HMAC key of the checksum; without it the checksum is over the redacted plan. */
  checksumKey?: string;
}

/** From the bytes of `terraform show -json` (one document or NDJSON) and, optionally, of `terraform show`. */
export function analyzePlan(jsonBytes: Uint8Array, textBytes?: Uint8Array, options: AnalyzeOptions = {}): AnalyzedPlan {
  const parsed = parsePlanDocuments(readPlanBytes(jsonBytes));
  const redacted = redactPlans(parsed, options.extraSecrets);
  // Keyed: over the plans as parsed, sensitive values in. Unkeyed: over the redacted plans only.
  const { checksum, digests } =
    options.checksumKey === undefined ? fingerprintPlans(redacted.plans) : fingerprintPlans(parsed, options.checksumKey);
  const analyzed: AnalyzedPlan = {
    plans: redacted.plans,
    summary: summarizePlans(redacted.plans),
    secrets: redacted.secrets,
    redactions: redacted.counts,
    textBlocks: new Map(),
    checksum,
    digests,
    warnings: formatWarnings(parsed),
  };
  if (textBytes !== undefined) {
    analyzed.text = scrubText(readPlanBytes(textBytes), redacted.secrets);
    analyzed.textBlocks = splitResourceBlocks(analyzed.text);
  }
  return analyzed;
}
