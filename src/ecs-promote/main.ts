import { Inputs, runnerInputs } from '../lib/inputs.js';
import { runStep } from '../lib/run.js';
import { readEcsPromoteInputs } from './inputs.js';

// Inputs are validated before the AWS SDK is loaded: a bad input fails fast and touches nothing.
void runStep(async () => {
  const inputs = readEcsPromoteInputs(new Inputs(runnerInputs()), process.env);
  const [{ createRunner }, { runEcsPromote }, { createEcsPromoteDeps }] = await Promise.all([
    import('../lib/runner.js'),
    import('./run.js'),
    import('./deps.js'),
  ]);
  await runEcsPromote(inputs, createEcsPromoteDeps(inputs, createRunner(process.env)));
});
