import { Inputs, runnerInputs } from '../lib/inputs.js';
import { runStep } from '../lib/run.js';
import { readTerraformPlanInputs } from './inputs.js';

/** Entry point: inputs are validated before Octokit or Terraform is touched. */
void runStep(async () => {
  const inputs = readTerraformPlanInputs(new Inputs(runnerInputs()), process.env);
  const [{ createRunner }, { runTerraformPlan }, { createTerraformPlanDeps }] = await Promise.all([
    import('../lib/runner.js'),
    import('./run.js'),
    import('./deps.js'),
  ]);
  await runTerraformPlan(inputs, createTerraformPlanDeps(createRunner(process.env), process.env));
});
