import { fingerprintPlans } from './checksum.js';
import { summarizePlans, type PlanSummary } from './classify.js';
import { parsePlanDocuments } from './plan-parse.js';
import { splitResourceBlocks } from './plan-text.js';
import type { TerraformPlan } from './plan-types.js';
import { collectSecrets, scrubText } from './sensitive.js';
import { readPlanBytes } from './text-decode.js';

/** A plan read and understood: what every renderer and output is built from. */
export interface AnalyzedPlan {
  plans: TerraformPlan[];
  summary: PlanSummary;
  /** Sensitive values found in the JSON plan; never shown, used to scrub text. */
  secrets: string[];
  /** The plan text, cleaned and scrubbed of every sensitive value, when there was one. */
  text?: string;
  textBlocks: Map<string, string>;
  checksum: string;
  digests: Record<string, string>;
}

/** From the bytes of `terraform show -json` (one document or NDJSON) and, optionally, of `terraform show`. */
export function analyzePlan(jsonBytes: Uint8Array, textBytes?: Uint8Array): AnalyzedPlan {
  const plans = parsePlanDocuments(readPlanBytes(jsonBytes));
  const secrets = collectSecrets(plans);
  const { checksum, digests } = fingerprintPlans(plans);
  const analyzed: AnalyzedPlan = { plans, summary: summarizePlans(plans), secrets, textBlocks: new Map(), checksum, digests };
  if (textBytes !== undefined) {
    analyzed.text = scrubText(readPlanBytes(textBytes), secrets);
    analyzed.textBlocks = splitResourceBlocks(analyzed.text);
  }
  return analyzed;
}
