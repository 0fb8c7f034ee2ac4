import * as core from '@actions/core';
import { appendJobSummary } from '../lib/summary.js';
import type { EcsRenderDeps } from './run.js';

/**
 * The runner-backed dependencies of runEcsRender. The ECS client module is imported only when a
 * task definition has to be fetched, so rendering a file never loads the AWS SDK.
 */
export function actionDeps(): EcsRenderDeps {
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
    info: (message) => core.info(message),
    warning: (message) => core.warning(message),
    setOutput: (name, value) => core.setOutput(name, value),
    appendSummary: (markdown) => appendJobSummary(markdown),
  };
}
