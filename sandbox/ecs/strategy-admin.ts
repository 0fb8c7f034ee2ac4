import type { TargetGroupStore } from '../elbv2/target-groups.js';
import type { LambdaAnswer } from './lifecycle-hooks.js';
import type { DeploymentStrategy, HookAction, HookStage, LoadBalancerSpec, ThresholdType } from './records.js';
import type { EcsSimulation } from './simulation.js';

/**
 * The admin handle's part for deployment strategies (sandbox/admin.ts spreads it in).
 *
 * How to use (tests):
 *   admin.createService({ …, loadBalancers: [{ targetGroupArn, containerName, containerPort }],
 *     deploymentConfiguration: { strategy: 'CANARY', bakeTimeInMinutes: 1,
 *       canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
 *       lifecycleHooks: [{ targetType: 'AWS_LAMBDA', hookTargetArn: LAMBDA, lifecycleStages: ['POST_SCALE_UP'] }] } });
 *   admin.setLifecycleHookBehavior(LAMBDA, ['IN_PROGRESS', 'SUCCEEDED']);
 *   admin.setLifecycleHookBehavior(LAMBDA, 'FAILED', { reason: 'smoke test failed' });
 * For BLUE_GREEN / LINEAR / CANARY, a load balancer given without `advancedConfiguration` gets one
 * here, as the sandbox's set-up stands in for the ALB a team would have: an alternate target group
 * `<target group name>-alt`, a production listener rule and the ECS infrastructure role. Through the
 * API (UpdateService / CreateService), ECS's own rule applies: advancedConfiguration is required.
 */

export interface DeploymentConfigurationInput {
  strategy?: DeploymentStrategy;
  bakeTimeInMinutes?: number;
  maximumPercent?: number;
  minimumHealthyPercent?: number;
  deploymentCircuitBreaker?: {
    enable: boolean;
    rollback: boolean;
    resetOnHealthyTask?: boolean;
    thresholdConfiguration?: { type: ThresholdType; value: number };
  };
  alarms?: { alarmNames: string[]; enable: boolean; rollback: boolean };
  linearConfiguration?: { stepPercent?: number; stepBakeTimeInMinutes?: number };
  canaryConfiguration?: { canaryPercent?: number; canaryBakeTimeInMinutes?: number };
  lifecycleHooks?: {
    targetType?: 'AWS_LAMBDA' | 'PAUSE';
    hookTargetArn?: string;
    roleArn?: string;
    lifecycleStages: HookStage[];
    /** Passed to the Lambda as is (the sandbox invokes nothing). */
    hookDetails?: Record<string, string | number | boolean>;
    timeoutConfiguration?: { timeoutInMinutes?: number; action?: HookAction };
  }[];
  earlySuccessCriteria?: { enable: boolean; healthyPercent?: number; sourceServiceRevisionCleanup?: 'BLOCKING' | 'DEFERRED' };
}

interface ServiceInputShape {
  loadBalancers?: (Omit<LoadBalancerSpec, 'advancedConfiguration'> & {
    advancedConfiguration?: LoadBalancerSpec['advancedConfiguration'];
  })[];
  deploymentConfiguration?: DeploymentConfigurationInput;
}

/** The input with advancedConfiguration filled in where a staged strategy needs it and none was given. */
export function withStagedLoadBalancers<T extends ServiceInputShape>(input: T, ecs: EcsSimulation, targetGroups: TargetGroupStore): T {
  const strategy = input.deploymentConfiguration?.strategy ?? 'ROLLING';
  if (strategy === 'ROLLING' || !input.loadBalancers) return input;
  const { region, account } = ecs.deps;
  const loadBalancers = input.loadBalancers.map((lb) => {
    if (lb.advancedConfiguration) return lb;
    const blue = targetGroups.get(lb.targetGroupArn);
    if (!blue) return lb; // CreateService names the missing target group
    const alternate = targetGroups.create({
      name: `${blue.name}-alt`.slice(0, 32),
      port: blue.port,
      deregistrationDelaySeconds: blue.deregistrationDelaySeconds,
    });
    const id = () => ecs.random.hex(16);
    return {
      ...lb,
      advancedConfiguration: {
        alternateTargetGroupArn: alternate.arn,
        productionListenerRule: `arn:aws:elasticloadbalancing:${region}:${account}:listener-rule/app/sandbox/${id()}/${id()}/${id()}`,
        roleArn: `arn:aws:iam::${account}:role/ecsInfrastructureRoleForLoadBalancers`,
      },
    };
  });
  return { ...input, loadBalancers };
}

export function strategyAdmin(ecs: EcsSimulation) {
  return {
    /**
     * What the Lambda function `hookTargetArn` answers when a lifecycle hook invokes it: one answer per
     * invocation, the last repeating ('IN_PROGRESS' makes ECS call again after `callBackDelaySeconds`,
     * default 30). Unset functions answer SUCCEEDED.
     */
    setLifecycleHookBehavior(
      hookTargetArn: string,
      answers: LambdaAnswer | LambdaAnswer[],
      options: { reason?: string; callBackDelaySeconds?: number } = {},
    ): void {
      ecs.sync();
      ecs.hookBehaviors.set(hookTargetArn, { answers: Array.isArray(answers) ? answers : [answers], ...options });
    },
  };
}
