import { Inputs, runnerInputs } from '../lib/inputs.js';
import { runStep } from '../lib/run.js';
import { readEcrBuildPushInputs } from './inputs.js';

// Inputs are validated before the AWS SDK and the rest are even loaded: a bad input fails at once.
void runStep(async () => {
  const inputs = readEcrBuildPushInputs(new Inputs(runnerInputs()), process.env);
  const [{ createRunner }, { runEcrBuildPush }, { createEcrBuildPushDeps }] = await Promise.all([
    import('../lib/runner.js'),
    import('./run.js'),
    import('./deps.js'),
  ]);
  await runEcrBuildPush(inputs, createEcrBuildPushDeps(inputs, createRunner(process.env), process.env));
});
