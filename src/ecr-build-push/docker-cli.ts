import { getExecOutput } from '@actions/exec';
import { errorMessage } from '../lib/errors.js';

/**
 * The one way this action runs the Docker CLI. Secrets travel on stdin (`input`), never in `args`;
 * `quiet` keeps a command's output out of the log (it is still returned and used in errors).
 */

export interface DockerRunOptions {
  input?: string;
  quiet?: boolean;
}

export interface DockerResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface DockerCli {
  /** Runs `docker <args>`; resolves with the exit code, whatever it is. */
  run(args: string[], options?: DockerRunOptions): Promise<DockerResult>;
}

/** Thrown when the `docker` executable itself is missing, so the caller can say what to install. */
export class DockerMissingError extends Error {
  override readonly name = 'DockerMissingError';
}

export function createDockerCli(env?: Record<string, string>): DockerCli {
  return {
    async run(args, options = {}) {
      try {
        return await getExecOutput('docker', args, {
          ignoreReturnCode: true,
          silent: options.quiet === true,
          ...(options.input === undefined ? {} : { input: Buffer.from(options.input, 'utf8') }),
          ...(env ? { env } : {}),
        });
      } catch (error: unknown) {
        // @actions/exec throws before spawning when the executable is not on PATH.
        if (/Unable to locate executable file/i.test(errorMessage(error))) {
          throw new DockerMissingError(
            'docker is not installed or not on PATH: install Docker Engine with the buildx plugin (Debian/Ubuntu: docker-ce and docker-buildx-plugin), or run on a GitHub-hosted Linux runner',
          );
        }
        throw error;
      }
    },
  };
}

/** Runs a docker command that must succeed; the error says what was being done and docker's own words. */
export async function dockerOrThrow(
  docker: DockerCli,
  args: string[],
  doing: string,
  options: DockerRunOptions = {},
): Promise<DockerResult> {
  const result = await docker.run(args, options);
  if (result.exitCode !== 0) {
    throw new Error(`${doing} failed (docker exited with ${result.exitCode}): ${lastLines(result.stderr || result.stdout)}`);
  }
  return result;
}

/** The tail of docker's output: the reason is at the end, and a whole build log is too long for one error line. */
export function lastLines(text: string, count = 3): string {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.slice(-count).join(' | ') || '(no output)';
}
