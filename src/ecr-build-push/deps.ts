import * as core from '@actions/core';
import { ECRClient } from '@aws-sdk/client-ecr';
import { tmpdir } from 'node:os';
import { createAwsClient } from '../lib/aws.js';
import { appendJobSummary } from '../lib/summary.js';
import { createDockerCli } from './docker-cli.js';
import type { EcrBuildPushInputs } from './inputs.js';
import { createRegistryApi } from './registry-api.js';
import type { EcrBuildPushDeps } from './run.js';

/**
 * The real dependencies. Loaded with the AWS SDK only after the inputs have been validated, so a bad
 * input fails fast (see main.ts). Region and endpoints follow the SDK's own rules (AWS_ENDPOINT_URL_ECR).
 */
export function createEcrBuildPushDeps(inputs: EcrBuildPushInputs, env: NodeJS.ProcessEnv): EcrBuildPushDeps {
  const target = inputs.target;
  return {
    docker: createDockerCli(),
    ...(target.type === 'private' ? { ecr: createAwsClient(ECRClient, { region: target.region }) } : {}),
    registryApi: (credentials) => createRegistryApi(credentials),
    tempDir: env.RUNNER_TEMP || tmpdir(),
    runId: `${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}-${env.GITHUB_JOB ?? 'job'}`,
    log: (line) => core.info(line),
    warn: (line) => core.warning(line),
    saveState: (name, value) => core.saveState(name, value),
    setOutput: (name, value) => core.setOutput(name, value),
    writeSummary: (markdown) => appendJobSummary(markdown),
    now: () => Date.now(),
  };
}
