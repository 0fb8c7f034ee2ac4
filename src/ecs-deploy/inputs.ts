import { resolveRegion } from '../lib/region.js';
import { checkEcsTarget } from '../lib/ecs-arn-checks.js';
import {
  checkWaitInputs,
  credentialRenewal,
  ecsResourceName,
  healthCheckOptions,
  type CredentialRenewal,
  type HealthCheckOptions,
} from '../lib/ecs-inputs.js';
import { InputError } from '../lib/errors.js';
import type { Inputs } from '../lib/inputs.js';
import { fileRoots } from '../lib/input-files.js';
import { readRunTaskInputs, type RunTaskOptions } from './run-task-inputs.js';
import { readTaskDefinitionSource, type TaskDefinitionSource } from './task-definition-source.js';
import { checkSeveralServices, readServiceList } from './service-list.js';
import { readWaitUntil, type WaitUntilOptions } from './wait-until-inputs.js';
import { readCodeDeployInputs } from './codedeploy-inputs.js';
import type { CodeDeployOptions } from '../lib/codedeploy/deps.js';

/** Everything ecs-deploy does, decided once from the step's inputs; no other module reads inputs. */
export interface EcsDeployInputs {
  region: string;
  taskDefinition: TaskDefinitionSource;
  cluster: string;
  /** Without a service the action only registers the task definition (and runs the one-off task). */
  service?: string;
  /** Two or more services deployed together, all-or-nothing (multi-service.ts); `service` is then the first. */
  services?: string[];
  desiredCount?: number;
  forceNewDeployment: boolean;
  waitForStability: boolean;
  /** The whole wait (rollout, health checks and any rollback) is bounded by this. */
  waitMs: number;
  pollIntervalMs: number;
  runTask?: RunTaskOptions;
  enableEcsManagedTags?: boolean;
  propagateTags?: PropagateTags;
  /** Retries of one throttled or failed AWS call, on top of the first attempt. */
  maxRetries: number;
  rollbackOnFailure: boolean;
  /**
   * `wait-until` and `on-timeout`: where the wait ends, and what a timeout does to a deployment ECS
   * reports healthy. Absent (as in inputs built by hand) means `completed` and `leave`.
   */
  waitUntil?: WaitUntilOptions;
  /** The codedeploy-* inputs, used when the service has the CODE_DEPLOY deployment controller. */
  codeDeploy?: CodeDeployOptions;
  healthCheck?: HealthCheckOptions;
  /** The role to assume again when the credentials expire mid-wait (needs an OIDC token). */
  renewal?: CredentialRenewal;
}

export type PropagateTags = 'TASK_DEFINITION' | 'SERVICE' | 'NONE';

export type { CredentialRenewal, HealthCheckOptions };

const PROPAGATE_TAGS: readonly PropagateTags[] = ['TASK_DEFINITION', 'SERVICE', 'NONE'];
const MINUTE_MS = 60_000;

export async function readEcsDeployInputs(input: Inputs, env: NodeJS.ProcessEnv): Promise<EcsDeployInputs> {
  const region = resolveRegion(input.optionalString('aws-region'), env);
  const taskDefinition = await readTaskDefinitionSource(input.string('task-definition'), fileRoots(env));
  const clusterValue = input.optionalString('cluster');
  if (clusterValue !== undefined) ecsResourceName(clusterValue, 'cluster');
  const serviceList = readServiceList(input);
  const service = serviceList[0];
  const cluster = checkEcsTarget({
    region,
    ...(clusterValue !== undefined ? { cluster: clusterValue } : {}),
    ...(service !== undefined ? { service } : {}),
    taskDefinitionArns: taskDefinition.kind === 'arn' ? { 'task-definition': taskDefinition.arn } : {},
  });
  const desiredCount = input.optionalInteger('desired-count', { min: 0, max: 5000 });
  const forceNewDeployment = input.boolean('force-new-deployment', false);
  const waitForStability = input.boolean('wait-for-service-stability', true);
  const waitMs = input.integer('wait-for-minutes', 30, { min: 1, max: 360 }) * MINUTE_MS;
  const pollIntervalMs = input.integer('poll-interval-seconds', 10, { min: 1, max: 300 }) * 1000;
  const enableEcsManagedTags =
    input.optionalString('enable-ecs-managed-tags') === undefined ? undefined : input.boolean('enable-ecs-managed-tags');
  const propagateTags = input.optionalEnum('propagate-tags', PROPAGATE_TAGS);
  const maxRetries = input.integer('max-retries', 5, { min: 0, max: 20 });
  const rollbackOnFailure = input.boolean('rollback-on-failure', true);
  const runTask = readRunTaskInputs(input, service !== undefined, fileRoots(env));
  const healthCheck = readHealthCheck(input);
  const waitUntil = readWaitUntil(input, { service, waitForStability, rollbackOnFailure });
  const renewal = readRenewal(input, env, region);
  const codeDeploy = await readCodeDeployInputs(input, service, fileRoots(env));

  checkSeveralServices(serviceList, {
    region,
    cluster,
    oneServiceInputs: {
      'run-task': runTask !== undefined,
      'health-check-url': healthCheck !== undefined,
      'wait-until': waitUntil.goal !== 'completed' || waitUntil.onTimeout !== 'leave',
      'codedeploy-appspec': input.optionalString('codedeploy-appspec') !== undefined,
    },
  });
  if (service === undefined) {
    for (const name of ['desired-count', 'force-new-deployment', 'enable-ecs-managed-tags', 'propagate-tags', 'health-check-url']) {
      if (input.optionalString(name) !== undefined && !(name === 'force-new-deployment' && !forceNewDeployment)) {
        throw new InputError(
          name,
          'only applies when deploying to a service, but no service was given',
          `Set 'service', or remove '${name}'`,
        );
      }
    }
  }
  checkWaitInputs({ healthCheck, waitForStability, pollIntervalMs, waitMs, phase: 'rollout' });
  return {
    region,
    taskDefinition,
    cluster,
    ...(service !== undefined ? { service } : {}),
    ...(serviceList.length > 1 ? { services: serviceList } : {}),
    ...(desiredCount !== undefined ? { desiredCount } : {}),
    forceNewDeployment,
    waitForStability,
    waitMs,
    pollIntervalMs,
    ...(runTask ? { runTask } : {}),
    ...(enableEcsManagedTags !== undefined ? { enableEcsManagedTags } : {}),
    ...(propagateTags ? { propagateTags } : {}),
    maxRetries,
    rollbackOnFailure,
    waitUntil,
    ...(healthCheck ? { healthCheck } : {}),
    codeDeploy,
    ...(renewal ? { renewal } : {}),
  };
}

function readHealthCheck(input: Inputs): HealthCheckOptions | undefined {
  const url = input.optionalString('health-check-url');
  const expectedStatus = input.integer('health-check-expected-status', 200, { min: 100, max: 599 });
  const successes = input.integer('health-check-successes', 3, { min: 1, max: 100 });
  const timeoutMs = input.integer('health-check-timeout-minutes', 5, { min: 1, max: 360 }) * MINUTE_MS;
  return healthCheckOptions(url, { expectedStatus, successes, timeoutMs });
}

function readRenewal(input: Inputs, env: NodeJS.ProcessEnv, region: string): CredentialRenewal | undefined {
  return credentialRenewal(input.optionalString('role-to-assume'), env, region, `ecs-deploy-${env.GITHUB_RUN_ID ?? 'local'}`);
}
