import { Inputs, runnerInputs } from '../lib/inputs.js';
import { runStep } from '../lib/run.js';
import { readEcsDeployInputs } from './inputs.js';

// Inputs are validated before the AWS SDK is loaded: a bad input fails fast and touches nothing.
void runStep(async () => {
  const inputs = await readEcsDeployInputs(new Inputs(runnerInputs()), process.env);
  const [{ createRunner }, { runEcsDeploy }, { createEcsDeployDeps }] = await Promise.all([
    import('../lib/runner.js'),
    import('./run.js'),
    import('./deps.js'),
  ]);
  await runEcsDeploy(inputs, createEcsDeployDeps(inputs, createRunner(process.env)));
});
