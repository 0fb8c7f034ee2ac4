import { Inputs, runnerInputs } from '../lib/inputs.js';
import { runStep } from '../lib/run.js';
import { readEcsRenderInputs } from './inputs.js';

// Inputs are validated before the logic (and, only when fetching, the AWS SDK) is loaded.
void runStep(async () => {
  const inputs = readEcsRenderInputs(new Inputs(runnerInputs()), process.env);
  const [{ createRunner }, { runEcsRender }, { createEcsRenderDeps }] = await Promise.all([
    import('../lib/runner.js'),
    import('./run.js'),
    import('./deps.js'),
  ]);
  await runEcsRender(inputs, createEcsRenderDeps(createRunner(process.env)));
});
