import { runStep } from '../lib/run.js';
import { createRunner } from '../lib/runner.js';
import { createDockerCli } from './docker-cli.js';
import { cleanUp } from './clean-up.js';
import { STATE_BUILDER, STATE_REGISTRIES, STATE_SKIP_LOGOUT, parseSavedHosts } from './state.js';

// The post step reads only what main saved: the registries it logged in to and the builder it made.
void runStep(async () => {
  const runner = createRunner(process.env);
  await cleanUp(
    {
      hosts: parseSavedHosts(runner.getState(STATE_REGISTRIES)),
      builder: runner.getState(STATE_BUILDER) || undefined,
      skipLogout: runner.getState(STATE_SKIP_LOGOUT) === 'true',
    },
    { docker: createDockerCli(), log: runner.log },
  );
});
