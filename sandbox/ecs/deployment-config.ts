import { AwsServiceError } from '../core/contract.js';
import type {
  CircuitBreakerSpec,
  DeploymentConfigurationSpec,
  DeploymentStrategy,
  HookAction,
  HookStage,
  LifecycleHookSpec,
  LoadBalancerSpec,
} from './records.js';

/**
 * CreateService / UpdateService `deploymentConfiguration`, checked as ECS checks it (ecs.service-2.json:
 * DeploymentConfiguration, LinearConfiguration, CanaryConfiguration, DeploymentLifecycleHook,
 * ThresholdConfiguration, DeploymentEarlySuccessCriteria) and filled with ECS's documented defaults.
 *
 * How to use (tests): give the API shape as is, e.g.
 *   { strategy: 'LINEAR', bakeTimeInMinutes: 1, linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 1 },
 *     lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
 *                        timeoutConfiguration: { timeoutInMinutes: 10, action: 'ROLLBACK' } }] }
 * BLUE_GREEN needs bakeTimeInMinutes; every strategy but ROLLING needs load balancers with
 * advancedConfiguration (the sandbox admin's createService fills that in when it is left out).
 */

const invalid = (message: string) => new AwsServiceError('InvalidParameterException', message);
const STRATEGIES: DeploymentStrategy[] = ['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY'];
const HOOK_STAGES: HookStage[] = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
];
/** Stages where traffic moves: only Lambda hooks may run there (DeploymentLifecycleHook.lifecycleStages). */
const NO_PAUSE: HookStage[] = ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'];

type Raw = Record<string, unknown>;
const obj = (value: unknown): Raw | undefined => (value && typeof value === 'object' ? (value as Raw) : undefined);

function integerIn(value: unknown, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw invalid(`${name} must be an integer from ${min} to ${max}; got ${String(value)}.`);
  return n;
}

/** Valid values are multiples of 0.1 within [min, max] (LinearConfiguration.stepPercent, CanaryConfiguration.canaryPercent). */
function tenthsIn(value: unknown, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max || Math.abs(n * 10 - Math.round(n * 10)) > 1e-9)
    throw invalid(`${name} must be a multiple of 0.1 from ${min} to ${max}; got ${String(value)}.`);
  return Math.round(n * 10) / 10;
}

function breaker(given: unknown, base: CircuitBreakerSpec | undefined): CircuitBreakerSpec {
  const merged = { ...(base ?? { enable: false, rollback: false }), ...(obj(given) ?? {}) } as CircuitBreakerSpec;
  const threshold = obj(merged.thresholdConfiguration);
  if (threshold === undefined) return merged;
  const type = threshold.type;
  if (type !== 'COUNT' && type !== 'BOUNDED_PERCENT' && type !== 'UNBOUNDED_PERCENT')
    throw invalid(`thresholdConfiguration.type must be COUNT, BOUNDED_PERCENT or UNBOUNDED_PERCENT; got ${String(type)}.`);
  const value = integerIn(threshold.value, 'thresholdConfiguration.value', 1, type === 'COUNT' ? 200 : 1000);
  return { ...merged, thresholdConfiguration: { type, value } };
}

function hook(raw: unknown, i: number): LifecycleHookSpec {
  const h = obj(raw) ?? {};
  const where = `lifecycleHooks[${i}]`;
  const targetType = h.targetType ?? 'AWS_LAMBDA';
  if (targetType !== 'AWS_LAMBDA' && targetType !== 'PAUSE')
    throw invalid(`${where}.targetType must be AWS_LAMBDA or PAUSE; got ${String(targetType)}.`);
  const stages = Array.isArray(h.lifecycleStages) ? (h.lifecycleStages as unknown[]) : [];
  if (stages.length === 0) throw invalid(`${where}.lifecycleStages is required: the stages at which to run the hook.`);
  for (const stage of stages) {
    if (!HOOK_STAGES.includes(stage as HookStage))
      throw invalid(`${where}.lifecycleStages: ${String(stage)} is not a lifecycle stage a hook can run at (${HOOK_STAGES.join(', ')}).`);
    if (targetType === 'PAUSE' && NO_PAUSE.includes(stage as HookStage))
      throw invalid(
        `${where}: PAUSE hooks cannot be configured at ${String(stage)}; only AWS_LAMBDA hooks run at TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT.`,
      );
  }
  const hookTargetArn = typeof h.hookTargetArn === 'string' ? h.hookTargetArn : undefined;
  if (targetType === 'AWS_LAMBDA' && !hookTargetArn?.startsWith('arn:'))
    throw invalid(`${where}.hookTargetArn is required for an AWS_LAMBDA hook: the Lambda function ARN.`);
  if (targetType === 'PAUSE' && hookTargetArn !== undefined) throw invalid(`${where}.hookTargetArn is not applicable to a PAUSE hook.`);
  const timeout = obj(h.timeoutConfiguration);
  const action = (timeout?.action ?? 'ROLLBACK') as HookAction;
  if (action !== 'CONTINUE' && action !== 'ROLLBACK')
    throw invalid(`${where}.timeoutConfiguration.action must be CONTINUE or ROLLBACK; got ${String(timeout?.action)}.`);
  return {
    targetType,
    ...(hookTargetArn !== undefined ? { hookTargetArn } : {}),
    ...(typeof h.roleArn === 'string' ? { roleArn: h.roleArn } : {}),
    lifecycleStages: stages as HookStage[],
    ...(h.hookDetails !== undefined ? { hookDetails: h.hookDetails } : {}),
    timeoutConfiguration: {
      timeoutInMinutes: integerIn(timeout?.timeoutInMinutes ?? 1440, `${where}.timeoutConfiguration.timeoutInMinutes`, 1, 20160),
      action,
    },
  };
}

function earlySuccess(raw: unknown, config: DeploymentConfigurationSpec): DeploymentConfigurationSpec['earlySuccessCriteria'] {
  const given = obj(raw);
  if (given === undefined) return undefined;
  if (typeof given.enable !== 'boolean') throw invalid('earlySuccessCriteria.enable is required (true or false).');
  if (!given.enable) return { enable: false };
  if (config.strategy !== 'ROLLING') throw invalid('earlySuccessCriteria can be used only with the ROLLING deployment strategy.');
  if (given.healthyPercent === undefined || given.sourceServiceRevisionCleanup === undefined)
    throw invalid('earlySuccessCriteria with enable true needs healthyPercent and sourceServiceRevisionCleanup.');
  const healthyPercent = integerIn(given.healthyPercent, 'earlySuccessCriteria.healthyPercent', 0, 100);
  if (healthyPercent < config.minimumHealthyPercent)
    throw invalid(
      `earlySuccessCriteria.healthyPercent (${healthyPercent}) must be greater than or equal to minimumHealthyPercent (${config.minimumHealthyPercent}).`,
    );
  const cleanup = given.sourceServiceRevisionCleanup;
  if (cleanup !== 'BLOCKING' && cleanup !== 'DEFERRED')
    throw invalid(`earlySuccessCriteria.sourceServiceRevisionCleanup must be BLOCKING or DEFERRED; got ${String(cleanup)}.`);
  return { enable: true, healthyPercent, sourceServiceRevisionCleanup: cleanup };
}

/** The service's deployment configuration after a CreateService (no base) or UpdateService (base: the current one). */
export function readDeploymentConfiguration(input: unknown, base?: DeploymentConfigurationSpec): DeploymentConfigurationSpec {
  const given = obj(input) ?? {};
  const pick = <K extends keyof DeploymentConfigurationSpec>(key: K): unknown => given[key] ?? base?.[key];
  const strategy = pick('strategy') ?? 'ROLLING';
  if (!STRATEGIES.includes(strategy as DeploymentStrategy))
    throw invalid(`strategy must be one of ${STRATEGIES.join(', ')}; got ${String(strategy)}.`);
  const config: DeploymentConfigurationSpec = {
    strategy: strategy as DeploymentStrategy,
    maximumPercent: Number(pick('maximumPercent') ?? 200),
    minimumHealthyPercent: Number(pick('minimumHealthyPercent') ?? 100),
    deploymentCircuitBreaker: breaker(given.deploymentCircuitBreaker, base?.deploymentCircuitBreaker),
    alarms: { alarmNames: [], enable: false, rollback: false, ...(base?.alarms ?? {}), ...(obj(given.alarms) ?? {}) },
  };
  if (config.maximumPercent < 100) throw invalid('maximumPercent must be greater than or equal to 100.');
  if (config.minimumHealthyPercent < 0 || config.minimumHealthyPercent > 100)
    throw invalid('minimumHealthyPercent must be between 0 and 100.');
  const bake = pick('bakeTimeInMinutes');
  if (bake !== undefined) config.bakeTimeInMinutes = integerIn(bake, 'bakeTimeInMinutes', 0, 1440);
  else if (config.strategy === 'BLUE_GREEN')
    throw invalid('bakeTimeInMinutes is required when you use the BLUE_GREEN deployment strategy.');
  // A strategy's own settings are not carried over to another strategy by UpdateService.
  const sameStrategy = base?.strategy === config.strategy;
  const own = (key: 'linearConfiguration' | 'canaryConfiguration') => obj(given[key] ?? (sameStrategy ? base?.[key] : undefined));
  const linear = own('linearConfiguration');
  if (linear && config.strategy !== 'LINEAR') throw invalid('linearConfiguration is only valid when the deployment strategy is LINEAR.');
  if (config.strategy === 'LINEAR')
    config.linearConfiguration = {
      stepPercent: tenthsIn(linear?.stepPercent ?? 10, 'linearConfiguration.stepPercent', 3, 100),
      stepBakeTimeInMinutes: integerIn(linear?.stepBakeTimeInMinutes ?? 6, 'linearConfiguration.stepBakeTimeInMinutes', 0, 1440),
    };
  const canary = own('canaryConfiguration');
  if (canary && config.strategy !== 'CANARY') throw invalid('canaryConfiguration is only valid when the deployment strategy is CANARY.');
  if (config.strategy === 'CANARY')
    config.canaryConfiguration = {
      canaryPercent: tenthsIn(canary?.canaryPercent ?? 5, 'canaryConfiguration.canaryPercent', 0.1, 100),
      canaryBakeTimeInMinutes: integerIn(canary?.canaryBakeTimeInMinutes ?? 10, 'canaryConfiguration.canaryBakeTimeInMinutes', 0, 1440),
    };
  const hooks = pick('lifecycleHooks');
  if (hooks !== undefined) {
    if (!Array.isArray(hooks)) throw invalid('lifecycleHooks must be a list of DeploymentLifecycleHook objects.');
    if (hooks.length > 0 && config.strategy === 'ROLLING')
      throw invalid('lifecycleHooks are supported for the BLUE_GREEN, LINEAR and CANARY deployment strategies, not ROLLING.');
    config.lifecycleHooks = hooks.map(hook);
  }
  const early = earlySuccess(pick('earlySuccessCriteria'), config);
  if (early) config.earlySuccessCriteria = early;
  return config;
}

const LISTENER_ARN = /^arn:aws[\w-]*:elasticloadbalancing:[\w-]+:\d{12}:listener(-rule)?\/(app|net)\/.+/;

/**
 * ECS-managed traffic shifting needs, on every load balancer, the alternate target group green
 * registers in, the production listener (rule) ECS moves, and the role it does that with.
 */
export function checkStagedLoadBalancers(
  strategy: DeploymentStrategy,
  loadBalancers: LoadBalancerSpec[],
  targetGroupExists: (arn: string) => boolean,
): void {
  if (strategy === 'ROLLING') return;
  if (loadBalancers.length === 0)
    throw invalid(
      `The ${strategy} deployment strategy needs a load balancer (Service Connect is not modelled by the sandbox): give loadBalancers with advancedConfiguration.`,
    );
  for (const [i, lb] of loadBalancers.entries()) {
    const advanced = lb.advancedConfiguration;
    const where = `loadBalancers[${i}].advancedConfiguration`;
    if (!advanced)
      throw invalid(
        `${where} is required for the ${strategy} deployment strategy: alternateTargetGroupArn, productionListenerRule and roleArn.`,
      );
    if (!targetGroupExists(advanced.alternateTargetGroupArn))
      throw invalid(`${where}.alternateTargetGroupArn: target group ${advanced.alternateTargetGroupArn} not found.`);
    if (advanced.alternateTargetGroupArn === lb.targetGroupArn)
      throw invalid(`${where}.alternateTargetGroupArn must differ from targetGroupArn.`);
    if (!LISTENER_ARN.test(advanced.productionListenerRule))
      throw invalid(`${where}.productionListenerRule must be the ARN of a listener rule (ALB) or listener (NLB).`);
    if (advanced.testListenerRule !== undefined && !LISTENER_ARN.test(advanced.testListenerRule))
      throw invalid(`${where}.testListenerRule must be the ARN of a listener rule (ALB) or listener (NLB).`);
    if (!/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(advanced.roleArn))
      throw invalid(`${where}.roleArn is required: the IAM role ECS calls Elastic Load Balancing with.`);
  }
}

/** The advancedConfiguration of a LoadBalancer as given (undefined when absent). */
export function readAdvancedConfiguration(raw: unknown): LoadBalancerSpec['advancedConfiguration'] {
  const a = obj(raw);
  if (a === undefined) return undefined;
  const text = (key: string) => (typeof a[key] === 'string' ? (a[key] as string) : '');
  return {
    alternateTargetGroupArn: text('alternateTargetGroupArn'),
    productionListenerRule: text('productionListenerRule'),
    ...(typeof a.testListenerRule === 'string' ? { testListenerRule: a.testListenerRule } : {}),
    roleArn: text('roleArn'),
  };
}

/**
 * DeploymentConfiguration as responses carry it. The botocore model the suite validates against
 * (test/fixtures/aws-models/ecs.service-2.json) has no `earlySuccessCriteria` member although the
 * SDK and the docs do: it is accepted and acted on, but not echoed, until the model has it.
 */
export function deploymentConfigurationView(
  config: DeploymentConfigurationSpec,
): Omit<DeploymentConfigurationSpec, 'earlySuccessCriteria'> {
  const { earlySuccessCriteria: _hidden, ...shown } = config;
  return shown;
}
