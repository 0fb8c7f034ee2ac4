import { codeBlock, inlineCode, markdownTable } from '../lib/summary.js';
import { redactSecrets } from '../lib/secrets.js';
import type { AssumedSession } from '../lib/sts/assume-role.js';
import type { AwsCredentialsInputs } from './inputs.js';

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
      `From ${sources.map(inlineCode).join(' + ')}; ${minified.length.toLocaleString('en-US')} of 2,048 characters minified.`,
      '',
      codeBlock(JSON.stringify(document, null, 2), 'json'),
      '',
    );
  }
  if (inputs.managedPolicyArns.length > 0) {
    parts.push('### Managed session policies', '', ...inputs.managedPolicyArns.map((arn) => `- ${inlineCode(arn)}`), '');
  }
  if (!inputs.sessionPolicy && inputs.managedPolicyArns.length === 0) {
    parts.push("No session policy: the session has all of the role's permissions.", '');
  }
  return redactSecrets(parts.join('\n'));
}
