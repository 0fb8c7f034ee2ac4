import { InputError } from '../lib/errors.js';
import { validatePolicyDocument, type PolicyDocument } from './policy-document.js';
import { checkPolicySize } from './policy-size.js';
import { presetPolicy } from './session-policy-presets.js';
import type { PresetName, PresetScope } from './preset-scope.js';

/** The one inline session policy sent to STS, and where it came from (for the summary and errors). */
export interface SessionPolicy {
  document: PolicyDocument;
  /** Exactly what STS receives. */
  minified: string;
  sources: string[];
}

export interface SessionPolicyParts {
  preset?: { name: PresetName; scope: PresetScope };
  /** The parsed `inline-session-policy` value, not yet checked. */
  inline?: unknown;
}

/**
 * Combines a preset and `inline-session-policy` into one policy (STS takes a single inline policy),
 * checks the IAM grammar, minifies it and enforces the 2,048-character limit — all before any
 * call, so a bad policy never reaches STS. Undefined when neither part is given.
 */
export function buildSessionPolicy(parts: SessionPolicyParts): SessionPolicy | undefined {
  const inline = parts.inline === undefined ? undefined : validatePolicyDocument(parts.inline, 'inline-session-policy');
  const preset = parts.preset ? presetPolicy(parts.preset.name, parts.preset.scope) : undefined;
  if (!inline && !preset) return undefined;

  const sources = [...(parts.preset ? [`session-policy: ${parts.preset.name}`] : []), ...(inline ? ['inline-session-policy'] : [])];
  const document = preset && inline ? mergePolicies(preset, inline) : (preset ?? inline)!;
  // The merged document is re-checked: a preset bug must fail here, not as MalformedPolicyDocument.
  validatePolicyDocument(document, inline ? 'inline-session-policy' : 'session-policy');
  const minified = checkPolicySize(document, inline ? 'inline-session-policy' : 'session-policy');
  return { document, minified, sources };
}

function mergePolicies(preset: PolicyDocument, inline: PolicyDocument): PolicyDocument {
  if (inline.Version === '2008-10-17') {
    // Merging would silently switch the inline statements to 2012-10-17 semantics (policy variables).
    throw new InputError(
      'inline-session-policy',
      'uses Version 2008-10-17, which cannot be combined with a session-policy preset',
      'Use "Version": "2012-10-17"',
    );
  }
  const presetSids = new Set(preset.Statement.map((statement) => statement.Sid).filter(Boolean));
  for (const statement of inline.Statement) {
    if (statement.Sid && presetSids.has(statement.Sid)) {
      throw new InputError(
        'inline-session-policy',
        `Sid '${statement.Sid}' is also used by the preset's statements`,
        'Rename the Sid in inline-session-policy',
      );
    }
  }
  return { Version: '2012-10-17', Statement: [...preset.Statement, ...inline.Statement] };
}
