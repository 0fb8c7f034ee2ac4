import { resolveRegion } from '../lib/region.js';
import { checkEcsTarget } from '../lib/ecs-arn-checks.js';
import {
  checkReason,
  checkWaitInputs,
  credentialRenewal,
  ecsResourceName,
  healthCheckOptions,
  type CredentialRenewal,
  type HealthCheckOptions,
} from '../lib/ecs-inputs.js';
import { InputError } from '../lib/errors.js';
import type { Inputs } from '../lib/inputs.js';
import { parseTaskDefinitionArn } from '../lib/arn.js';
import { codeDeployName } from '../lib/codedeploy/names.js';
import type { CodeDeployOptions } from '../lib/codedeploy/deps.js';

/** Everything ecs-rollback does, decided once from the step's inputs; no other module reads inputs. */
export interface EcsRollbackInputs {
  region: string;
  cluster: string;
  service: string;
  to: RollbackTarget;
  /** Why the rollback happens, in the user's words: logged and shown in the job summary. */
  reason?: string;
  waitForStability: boolean;
  /** The whole wait (rollout and health checks) is bounded by this. */
  waitMs: number;
  pollIntervalMs: number;
  healthCheck?: HealthCheckOptions;
  /** Read everything, print the plan, change nothing. */
  dryRun: boolean;
  /** Roll back to a target that is INACTIVE or never reached steady state (our checks only; ECS may still refuse). */
  force: boolean;
  maxRetries: number;
  /** The CodeDeploy application and deployment group of a CODE_DEPLOY service. */
  codeDeploy?: Pick<CodeDeployOptions, 'application' | 'deploymentGroup'>;
  renewal?: CredentialRenewal;
}

/** `previous`: the last good revision from the service-deployment history; otherwise one named revision. */
export type RollbackTarget =
  | { kind: 'previous' }
  | { kind: 'revision'; revision: number }
  | { kind: 'family-revision'; family: string; revision: number }
  | { kind: 'arn'; arn: string };

const MINUTE_MS = 60_000;
const REVISION = /^[1-9]\d{0,8}$/;
const FAMILY_REVISION = /^([A-Za-z0-9_-]{1,255}):([1-9]\d{0,8})$/;

export function readEcsRollbackInputs(input: Inputs, env: NodeJS.ProcessEnv): EcsRollbackInputs {
  const region = resolveRegion(input.optionalString('aws-region'), env);
  const clusterValue = input.optionalString('cluster');
  if (clusterValue !== undefined) ecsResourceName(clusterValue, 'cluster');
  const service = ecsResourceName(input.string('service'), 'service');
  const to = readTarget(input.optionalString('to') ?? 'previous');
  const cluster = checkEcsTarget({
    region,
    ...(clusterValue !== undefined ? { cluster: clusterValue } : {}),
    service,
    taskDefinitionArns: to.kind === 'arn' ? { to: to.arn } : {},
  });
  const reason = checkReason(input.optionalString('reason'));
  const waitForStability = input.boolean('wait-for-service-stability', true);
  const waitMs = input.integer('wait-for-minutes', 30, { min: 1, max: 360 }) * MINUTE_MS;
  const pollIntervalMs = input.integer('poll-interval-seconds', 10, { min: 1, max: 300 }) * 1000;
  const healthCheck = healthCheckOptions(input.optionalString('health-check-url'), {
    expectedStatus: input.integer('health-check-expected-status', 200, { min: 100, max: 599 }),
    successes: input.integer('health-check-successes', 3, { min: 1, max: 100 }),
    timeoutMs: input.integer('health-check-timeout-minutes', 5, { min: 1, max: 360 }) * MINUTE_MS,
  });
  const dryRun = input.boolean('dry-run', false);
  const force = input.boolean('force', false);
  const maxRetries = input.integer('max-retries', 5, { min: 0, max: 20 });
  const application = input.optionalString('codedeploy-application');
  const deploymentGroup = input.optionalString('codedeploy-deployment-group');
  const renewal = credentialRenewal(input.optionalString('role-to-assume'), env, region, `ecs-rollback-${env.GITHUB_RUN_ID ?? 'local'}`);

  checkWaitInputs({ healthCheck, waitForStability, pollIntervalMs, waitMs, phase: 'rollback' });
  return {
    region,
    cluster,
    service,
    to,
    ...(reason !== undefined ? { reason } : {}),
    waitForStability,
    waitMs,
    pollIntervalMs,
    ...(healthCheck ? { healthCheck } : {}),
    dryRun,
    force,
    maxRetries,
    codeDeploy: {
      ...(application !== undefined ? { application: codeDeployName('codedeploy-application', application) } : {}),
      ...(deploymentGroup !== undefined ? { deploymentGroup: codeDeployName('codedeploy-deployment-group', deploymentGroup) } : {}),
    },
    ...(renewal ? { renewal } : {}),
  };
}

function readTarget(value: string): RollbackTarget {
  if (value === 'previous') return { kind: 'previous' };
  if (REVISION.test(value)) return { kind: 'revision', revision: Number(value) };
  const familyRevision = FAMILY_REVISION.exec(value);
  if (familyRevision) return { kind: 'family-revision', family: familyRevision[1] ?? '', revision: Number(familyRevision[2]) };
  if (parseTaskDefinitionArn(value)) return { kind: 'arn', arn: value };
  throw new InputError(
    'to',
    `'${value}' is not a rollback target`,
    "Use 'previous', a revision number of the service's task definition family (42), family:revision, or a task-definition ARN with its revision",
  );
}
