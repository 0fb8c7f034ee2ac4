import { EOL } from 'node:os';
import { redactSecrets } from './secrets.js';
import { safeText } from './untrusted-text.js';
import { issueCommand } from './workflow-commands.js';

/**
 * The one failure funnel for every main and post entry point: each failure becomes exactly one
 * `::error::` line (an AggregateError gives one per inner error), the exit code is 1, and the stack
 * is printed only when the step runs with debug logging. Masked values are scrubbed from the text.
 */
export async function runStep(step: () => Promise<void>, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    await step();
  } catch (error: unknown) {
    const failures = error instanceof AggregateError && error.errors.length > 0 ? error.errors : [error];
    for (const failure of failures) {
      issueCommand('error', redactSecrets(describe(failure)));
      if (env.RUNNER_DEBUG === '1' && failure instanceof Error && failure.stack) {
        // The stack's message may quote outside text (a stopped reason): no line of it may be a command.
        process.stdout.write(`${safeText(redactSecrets(failure.stack))}${EOL}`);
      }
    }
    process.exitCode = 1;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
