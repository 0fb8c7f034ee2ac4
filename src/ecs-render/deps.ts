import type { Runner } from '../lib/runner.js';
import { safeText } from '../lib/untrusted-text.js';
import type { EcsRenderDeps } from './run.js';

/**
 * The runner-backed dependencies of runEcsRender. The ECS client module is imported only when a
 * task definition has to be fetched, so rendering a file never loads the AWS SDK.
 */
export function createEcsRenderDeps(runner: Runner): EcsRenderDeps {
  return {
    fetchTaskDefinition: async (source) => {
      const { createEcsClient, fetchTaskDefinition } = await import('./fetch-task-definition.js');
      const client = createEcsClient(source.region);
      try {
        return await fetchTaskDefinition(client, source);
      } finally {
        client.destroy();
      }
    },
    // Messages quote task-definition values (images, names): printed so no line is a workflow command.
    log: { info: (message) => runner.log.info(safeText(message)), warning: runner.log.warning },
    setOutput: runner.setOutput,
    summary: runner.summary,
  };
}
