import * as core from '@actions/core';
import { runStep } from '../lib/run.js';
import { CREDENTIAL_ENV, EXPORTED_STATE } from './credential-env.js';

/**
 * Post step: blanks the credentials main exported, so that post steps of earlier actions (which run
 * after this one) do not act as the role. Steps that did not export credentials leave the env alone.
 */
void runStep(async () => {
  if (core.getState(EXPORTED_STATE) !== 'true') return;
  for (const name of CREDENTIAL_ENV) core.exportVariable(name, '');
  core.info('Blanked AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN for the rest of the job');
});
