import { issueCommand } from './workflow-commands.js';

/** Every value masked in this process, so the run wrapper can scrub them from error text too. */
const maskedValues = new Set<string>();

/** Masks a secret in the runner log the moment it exists. Empty and trivial values are not masked (they would blank the log). */
export function maskSecret(value: string | undefined): void {
  if (value === undefined || value.trim().length < 4) return;
  for (const line of value.split(/\r?\n/)) {
    if (line.trim().length >= 4 && !maskedValues.has(line)) {
      maskedValues.add(line);
      issueCommand('add-mask', line);
    }
  }
}

/** Replaces every masked value in `text` with `***`, as the runner does for log lines. */
export function redactSecrets(text: string): string {
  let result = text;
  for (const value of maskedValues) result = result.split(value).join('***');
  return result;
}
