import { Inputs, runnerInputs } from '../lib/inputs.js';
import { runStep } from '../lib/run.js';
import { readTerraformPlanInputs } from './inputs.js';

/** Entry point: inputs are validated before Octokit or Terraform is touched. */
void runStep(async () => {
  const inputs = readTerraformPlanInputs(new Inputs(runnerInputs()), process.env);
  const [core, { runTerraformPlan }, { getExecOutput }, { appendJobSummary }] = await Promise.all([
    import('@actions/core'),
    import('./run.js'),
    import('@actions/exec'),
    import('../lib/summary.js'),
  ]);
  await runTerraformPlan(inputs, {
    exec: async (command, args, options) => {
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
      const result = await getExecOutput(command, args, {
        cwd: options.cwd,
        env: { ...env, ...options.env },
        silent: options.silent ?? false,
        ignoreReturnCode: true,
      });
      return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
    },
    setOutput: core.setOutput,
    info: core.info,
    warning: core.warning,
    writeSummary: appendJobSummary,
  });
});
