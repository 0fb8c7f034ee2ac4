import { runStep } from '../lib/run.js';
import { createRunner } from '../lib/runner.js';
import { CREDENTIAL_ENV, EXPORTED_STATE } from './credential-env.js';

/**
 * Post step: blanks the credentials main exported, so that post steps of earlier actions (which run
 * after this one) do not act as the role. Steps that did not export credentials leave the env alone.
 */
void runStep(async () => {
  const runner = createRunner(process.env);
  if (runner.getState(EXPORTED_STATE) !== 'true') return;
  for (const name of CREDENTIAL_ENV) runner.exportVariable(name, '');
  runner.log.info('Blanked AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN for the rest of the job');
});
