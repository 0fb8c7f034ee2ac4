import { createStsClient } from '../lib/sts/assume-role.js';
import type { Runner } from '../lib/runner.js';
import type { AwsCredentialsDeps } from './run.js';

/** The real dependencies: the runner and STS clients. Loaded with the AWS SDK only after the inputs are valid. */
export function createAwsCredentialsDeps(runner: Runner): AwsCredentialsDeps {
  return {
    log: runner.log,
    getIdToken: runner.getIdToken,
    setOutput: runner.setOutput,
    exportVariable: runner.exportVariable,
    saveState: runner.saveState,
    summary: runner.summary,
    createSts: createStsClient,
  };
}
