import { ECRClient } from '@aws-sdk/client-ecr';
import { tmpdir } from 'node:os';
import { createAwsClient } from '../lib/aws.js';
import type { Runner } from '../lib/runner.js';
import { createDockerCli } from './docker-cli.js';
import type { EcrBuildPushInputs } from './inputs.js';
import { createRegistryApi } from './registry-api.js';
import type { EcrBuildPushDeps } from './run.js';

/**
 * The real dependencies. Loaded with the AWS SDK only after the inputs have been validated, so a bad
 * input fails fast (see main.ts). Region and endpoints follow the SDK's own rules (AWS_ENDPOINT_URL_ECR).
 */
export function createEcrBuildPushDeps(inputs: EcrBuildPushInputs, runner: Runner, env: NodeJS.ProcessEnv): EcrBuildPushDeps {
  const target = inputs.target;
  return {
    docker: createDockerCli(),
    ...(target.type === 'private' ? { ecr: createAwsClient(ECRClient, { region: target.region }) } : {}),
    registryApi: (credentials) => createRegistryApi(credentials),
    tempDir: env.RUNNER_TEMP || tmpdir(),
    runId: `${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}-${env.GITHUB_JOB ?? 'job'}`,
    log: runner.log,
    saveState: runner.saveState,
    setOutput: runner.setOutput,
    summary: runner.summary,
    clock: runner.clock,
  };
}
