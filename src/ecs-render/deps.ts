import type { Runner } from '../lib/runner.js';
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
    log: runner.log,
    setOutput: runner.setOutput,
    summary: runner.summary,
  };
}
