import { codeBlock, inlineCode, markdownTable } from '../lib/summary.js';
import { redactSecrets } from '../lib/secrets.js';
import type { AssumedSession } from '../lib/sts/assume-role.js';
import type { AwsCredentialsInputs } from './inputs.js';
import { SESSION_POLICY_LIMIT, sessionPolicyPlaintext } from './policy-size.js';

/**
 * The step summary: who the job now is, for how long, and the exact effective session policy, so a
 * reviewer can see what the job could do without reading the workflow. Masked values (the account
 * ID with mask-aws-account-id) are redacted here because summaries are not masked by the runner.
 */
export function renderJobSummary(inputs: AwsCredentialsInputs, session: AssumedSession): string {
  const rows = [
    ['Role', inlineCode(inputs.role.arn)],
    ['Authenticated as', inlineCode(session.assumedRoleArn)],
    ['Via', inputs.chainFrom ? 'sts:AssumeRole (role chaining)' : `sts:AssumeRoleWithWebIdentity, audience ${inlineCode(inputs.audience)}`],
    ['Session name', inlineCode(inputs.sessionName)],
    ['Duration', `${inputs.durationSeconds} s (expires ${session.credentials.expiration.toISOString()})`],
    ['Region', inlineCode(inputs.region)],
  ];
  const parts = ['## AWS credentials', '', markdownTable(['', ''], rows), ''];
  if (inputs.sessionPolicy) {
    const { document, minified, sources } = inputs.sessionPolicy;
    parts.push(
      `### Effective session policy`,
      '',
      `From ${sources.map(inlineCode).join(' + ')}; ${plaintextNote(minified, inputs.managedPolicyArns)}`,
      '',
      codeBlock(JSON.stringify(document, null, 2), 'json'),
      '',
    );
  }
  if (inputs.managedPolicyArns.length > 0) {
    parts.push(
      '### Managed session policies',
      '',
      ...inputs.managedPolicyArns.map((arn) => `- ${inlineCode(arn)}`),
      '',
      // IAM evaluates the inline and managed session policies as one policy type.
      `A call is allowed when ${inputs.sessionPolicy ? 'the effective session policy or ' : ''}any of these allows it, none denies it, and the role's own policies allow it.`,
      '',
    );
    if (!inputs.sessionPolicy) parts.push(plaintextNote(undefined, inputs.managedPolicyArns), '');
  }
  if (!inputs.sessionPolicy && inputs.managedPolicyArns.length === 0) {
    parts.push("No session policy: the session has all of the role's permissions.", '');
  }
  return redactSecrets(parts.join('\n'));
}

/** The plaintext STS counts (inline policy plus managed ARNs); never a packed percentage, which only STS can compute. */
function plaintextNote(minified: string | undefined, managedPolicyArns: string[]): string {
  const limit = SESSION_POLICY_LIMIT.toLocaleString('en-US');
  const total = sessionPolicyPlaintext(minified, managedPolicyArns).toLocaleString('en-US');
  if (managedPolicyArns.length === 0) return `${total} of ${limit} characters minified.`;
  const arns = managedPolicyArns.length === 1 ? 'the managed policy ARN' : `the ${managedPolicyArns.length} managed policy ARNs`;
  return minified === undefined
    ? `${arns} ${managedPolicyArns.length === 1 ? 'takes' : 'take'} ${total} of the ${limit} characters STS allows for session policies.`
    : `${minified.length.toLocaleString('en-US')} characters minified, ${total} of ${limit} with ${arns}.`;
}
