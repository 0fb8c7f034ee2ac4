import { getExecOutput } from '@actions/exec';
import type { Runner } from '../lib/runner.js';
import { safeText } from '../lib/untrusted-text.js';
import type { TerraformPlanDeps } from './run.js';

/** The real dependencies: Terraform run through @actions/exec, and the runner. */
export function createTerraformPlanDeps(runner: Runner, env: NodeJS.ProcessEnv): TerraformPlanDeps {
  // Terraform's own output and the plan quote configuration and module text: printed so no line is a workflow command.
  const info = (line: string) => runner.log.info(safeText(line));
  return {
    exec: async (command, args, options) => {
      const childEnv: Record<string, string> = {};
      for (const [key, value] of Object.entries(env)) if (value !== undefined) childEnv[key] = value;
      // Terraform's own output (module and provider messages included) is printed line by line
      // through safeText rather than streamed raw, so that no line of it is a workflow command.
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
