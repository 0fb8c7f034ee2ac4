import { getExecOutput } from '@actions/exec';
import type { Runner } from '../lib/runner.js';
import type { TerraformPlanDeps } from './run.js';

/** The real dependencies: Terraform run through @actions/exec, and the runner. */
export function createTerraformPlanDeps(runner: Runner, env: NodeJS.ProcessEnv): TerraformPlanDeps {
  const info = runner.log.info;
  return {
    exec: async (command, args, options) => {
      const childEnv: Record<string, string> = {};
      for (const [key, value] of Object.entries(env)) if (value !== undefined) childEnv[key] = value;
      // Terraform's own output (module and provider messages included) is printed line by line through
      // the runner's log rather than streamed raw, so that no line of it is a workflow command.
      if (!options.silent) info(`[command]${command} ${args.join(' ')}`);
      const result = await getExecOutput(command, args, {
        cwd: options.cwd,
        env: { ...childEnv, ...options.env },
        silent: true,
        ...(options.silent ? {} : { listeners: { stdline: info, errline: info } }),
        ignoreReturnCode: true,
      });
      return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
    },
    log: { info, warning: runner.log.warning },
    setOutput: runner.setOutput,
    summary: runner.summary,
  };
}
