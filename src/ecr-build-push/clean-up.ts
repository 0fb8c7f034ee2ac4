import type { DockerCli } from './docker-cli.js';
import { dockerLogout } from './registry-login.js';
import type { Log } from '../lib/runner.js';

/**
 * The post step's work: log out of every registry main logged in to (unless skip-logout), and
 * remove the builder main created. A failure here only warns: the image is already pushed and
 * verified, and failing the job now would hide that.
 */

export interface CleanUpState {
  hosts: string[];
  builder?: string;
  skipLogout: boolean;
}

export interface CleanUpDeps {
  docker: DockerCli;
  log: Pick<Log, 'info' | 'warning'>;
}

export async function cleanUp(state: CleanUpState, deps: CleanUpDeps): Promise<void> {
  if (state.skipLogout) {
    if (state.hosts.length > 0) deps.log.info(`skip-logout is true: staying logged in to ${state.hosts.join(', ')}`);
  } else {
    for (const host of state.hosts) {
      if (await dockerLogout(deps.docker, host)) deps.log.info(`Logged out of ${host}`);
      else deps.log.warning(`docker logout ${host} failed; the credentials stay in the Docker config until the runner is cleaned`);
    }
  }
  if (state.builder) {
    const result = await deps.docker.run(['buildx', 'rm', state.builder]);
    if (result.exitCode === 0) deps.log.info(`Removed buildx builder ${state.builder}`);
    else deps.log.warning(`docker buildx rm ${state.builder} failed (exit code ${result.exitCode})`);
  }
}
