import * as core from '@actions/core';
import { runStep } from '../lib/run.js';
import { createDockerCli } from './docker-cli.js';
import { cleanUp } from './clean-up.js';
import { STATE_BUILDER, STATE_REGISTRIES, STATE_SKIP_LOGOUT, parseSavedHosts } from './state.js';

// The post step reads only what main saved: the registries it logged in to and the builder it made.
void runStep(async () => {
  await cleanUp(
    {
      hosts: parseSavedHosts(core.getState(STATE_REGISTRIES)),
      builder: core.getState(STATE_BUILDER) || undefined,
      skipLogout: core.getState(STATE_SKIP_LOGOUT) === 'true',
    },
    { docker: createDockerCli(), log: (line) => core.info(line), warn: (line) => core.warning(line) },
  );
});
