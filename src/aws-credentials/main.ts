import { Inputs, runnerInputs } from '../lib/inputs.js';
import { runStep } from '../lib/run.js';
import { maskSecret } from '../lib/secrets.js';
import { CREDENTIAL_ENV } from './credential-env.js';
import { readAwsCredentialsInputs } from './inputs.js';

/** Entry point: inputs are validated before the AWS SDK is loaded, so a bad input fails fast and touches nothing. */
void runStep(async () => {
  const inputs = readAwsCredentialsInputs(new Inputs(runnerInputs()), process.env);
  if (inputs.chainFrom) {
    // A new process: register the inherited credentials too, so error text can be scrubbed of them.
    const { accessKeyId, secretAccessKey, sessionToken } = inputs.chainFrom.credentials;
    for (const value of [accessKeyId, secretAccessKey, sessionToken]) maskSecret(value);
  }
  if (inputs.unsetCurrentCredentials) {
    // This process too: nothing below may fall back to the old identity.
    for (const name of CREDENTIAL_ENV) delete process.env[name];
  }
  const [{ createRunner }, { runAwsCredentials }, { createAwsCredentialsDeps }] = await Promise.all([
    import('../lib/runner.js'),
    import('./run.js'),
    import('./deps.js'),
  ]);
  await runAwsCredentials(inputs, createAwsCredentialsDeps(createRunner(process.env)));
});
