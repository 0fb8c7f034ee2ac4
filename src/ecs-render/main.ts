import { Inputs, runnerInputs } from '../lib/inputs.js';
import { runStep } from '../lib/run.js';
import { readEcsRenderInputs } from './inputs.js';

// Inputs are validated before the logic (and, only when fetching, the AWS SDK) is loaded.
void runStep(async () => {
  const inputs = readEcsRenderInputs(new Inputs(runnerInputs()), process.env);
  const [{ runEcsRender }, { actionDeps }] = await Promise.all([import('./run.js'), import('./action-deps.js')]);
  await runEcsRender(inputs, actionDeps());
});
