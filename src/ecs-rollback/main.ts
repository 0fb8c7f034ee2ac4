import { Inputs, runnerInputs } from '../lib/inputs.js';
import { runStep } from '../lib/run.js';
import { readEcsRollbackInputs } from './inputs.js';

// Inputs are validated before the AWS SDK is loaded: a bad input fails fast and touches nothing.
void runStep(async () => {
  const inputs = readEcsRollbackInputs(new Inputs(runnerInputs()), process.env);
  const [{ createRunner }, { runEcsRollback }, { createEcsRollbackDeps }] = await Promise.all([
    import('../lib/runner.js'),
    import('./run.js'),
    import('./deps.js'),
  ]);
  await runEcsRollback(inputs, createEcsRollbackDeps(inputs, createRunner(process.env)));
});
