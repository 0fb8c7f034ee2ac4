import { DEFAULT_ECS_CONFIG, requireConfig } from './configs.js';
import { readAlarms, readAutoRollback } from './handlers.js';
import type { AutoRollbackEvent, DeploymentGroupRecord, DeploymentRecord } from './records.js';
import type { CodeDeployStore, HookInvocation, HookResponse } from './store.js';

/** Set-up and control of the sandbox's CodeDeploy for tests, benchmarks and the demo (usage in index.ts). */

export interface DeploymentGroupInput {
  applicationName: string;
  deploymentGroupName: string;
  cluster?: string;
  /** A service created with `deploymentController: { type: 'CODE_DEPLOY' }`. */
  service: string;
  /** Target group names or ARNs: the one the service's task set is behind now, then the replacement's. */
  targetGroups: [string, string];
  prodListenerArn: string;
  testListenerArn?: string;
  deploymentConfigName?: string;
  /** CloudWatch alarms (their states set with `admin.setAlarmState`); the deployment stops when one goes into ALARM. */
  alarms?: string[];
  autoRollback?: { enabled: boolean; events: AutoRollbackEvent[] };
  /** Minutes the original task set runs on after production traffic moved (default 5). */
  terminationWaitTimeInMinutes?: number;
  serviceRoleArn?: string;
}

/** What the ECS admin offers that the one-call set-up needs (sandbox/admin.ts). */
export interface EcsSetUp {
  createTargetGroup(options: { name: string; port?: number; deregistrationDelaySeconds?: number }): string;
  createService(input: {
    cluster?: string;
    serviceName: string;
    taskDefinition: string;
    desiredCount?: number;
    loadBalancers?: { targetGroupArn: string; containerName: string; containerPort: number }[];
    deploymentController?: { type: 'ECS' | 'CODE_DEPLOY' };
    healthCheckGracePeriodSeconds?: number;
  }): string;
}

export interface BlueGreenServiceInput extends Omit<
  DeploymentGroupInput,
  'service' | 'targetGroups' | 'prodListenerArn' | 'testListenerArn'
> {
  serviceName: string;
  taskDefinition: string;
  desiredCount?: number;
  containerName: string;
  containerPort: number;
  /** With a test listener (default true). */
  testListener?: boolean;
  /** Seconds a deregistered target drains (default 5, so old tasks go quickly). */
  deregistrationDelaySeconds?: number;
}

export function createCodeDeployAdmin(store: CodeDeployStore, ecs: EcsSetUp) {
  const sync = () => store.deps.ecs.sync();
  const admin = {
    /** A listener of the load balancer in front of the service, forwarding everything to one target group. */
    createListener(targetGroupArn: string, port = 80): string {
      if (!store.deps.targetGroups.get(targetGroupArn))
        throw new Error(`createListener: no target group ${targetGroupArn}; create it first with admin.createTargetGroup.`);
      const arn = `arn:aws:elasticloadbalancing:${store.deps.region}:${store.deps.account}:listener/app/sandbox-alb/${store.random.hex(16)}/${store.random.hex(16)}`;
      store.listeners.set(arn, { arn, port, weights: new Map([[targetGroupArn, 100]]) });
      return arn;
    },
    /** Where a listener sends traffic now: target group ARN → weight (percent). */
    listenerWeights(listenerArn: string): Record<string, number> {
      sync();
      return Object.fromEntries(store.listeners.get(listenerArn)?.weights ?? []);
    },
    hasApplication(name: string): boolean {
      return store.applications.has(name);
    },
    createApplication(name: string): string {
      if (store.applications.has(name)) throw new Error(`createApplication: application ${name} already exists.`);
      const id = store.random.uuid();
      store.applications.set(name, { id, name, createdAt: store.now });
      return id;
    },
    createDeploymentGroup(input: DeploymentGroupInput): string {
      sync();
      const app = store.applications.get(input.applicationName);
      if (!app) throw new Error(`createDeploymentGroup: no application ${input.applicationName}; call createApplication first.`);
      if (store.groups.has(`${app.name}/${input.deploymentGroupName}`))
        throw new Error(`createDeploymentGroup: ${app.name} already has a deployment group ${input.deploymentGroupName}.`);
      const cluster = input.cluster ?? 'default';
      const service = store.deps.ecs.services.get(`${cluster}/${input.service}`);
      if (!service?.taskSets)
        throw new Error(
          `createDeploymentGroup: service ${cluster}/${input.service} must exist with deploymentController { type: 'CODE_DEPLOY' }.`,
        );
      const [blue, green] = input.targetGroups.map((ref) => store.targetGroupArn(ref)) as [string, string];
      const primaryTg = service.taskSets.find((ts) => ts.status === 'PRIMARY')?.loadBalancers[0]?.targetGroupArn;
      if (primaryTg !== blue)
        throw new Error('createDeploymentGroup: targetGroups[0] must be the target group the service runs behind now.');
      for (const arn of [input.prodListenerArn, input.testListenerArn].filter((a): a is string => a !== undefined))
        if (store.listeners.get(arn)?.weights.get(blue) !== 100)
          throw new Error(
            `createDeploymentGroup: listener ${arn} must exist (admin.codedeploy.createListener) and forward to targetGroups[0].`,
          );
      const configName = input.deploymentConfigName ?? DEFAULT_ECS_CONFIG;
      requireConfig(configName);
      const names = [blue, green].map((arn) => store.targetGroupName(arn) ?? arn) as [string, string];
      const group: DeploymentGroupRecord = {
        id: store.random.uuid(),
        applicationName: app.name,
        name: input.deploymentGroupName,
        configName,
        serviceRoleArn: input.serviceRoleArn ?? `arn:aws:iam::${store.deps.account}:role/ecsCodeDeployRole`,
        cluster,
        service: input.service,
        targetGroupNames: names,
        prodListenerArns: [input.prodListenerArn],
        testListenerArns: input.testListenerArn ? [input.testListenerArn] : [],
        alarms: readAlarms({ enabled: (input.alarms ?? []).length > 0, alarms: (input.alarms ?? []).map((name) => ({ name })) }),
        autoRollback: readAutoRollback(input.autoRollback ?? { enabled: false, events: [] }),
        terminationWaitMinutes: input.terminationWaitTimeInMinutes ?? 5,
      };
      store.groups.set(`${app.name}/${group.name}`, group);
      return group.id;
    },
    /**
     * Everything a blue/green service needs in one call: two target groups (`<service>-blue`,
     * `<service>-green`), the production listener (and a test one), the CODE_DEPLOY service, the
     * application (created when missing) and the deployment group.
     */
    createBlueGreenService(input: BlueGreenServiceInput) {
      const delay = input.deregistrationDelaySeconds ?? 5;
      const blue = ecs.createTargetGroup({
        name: `${input.serviceName}-blue`,
        port: input.containerPort,
        deregistrationDelaySeconds: delay,
      });
      const green = ecs.createTargetGroup({
        name: `${input.serviceName}-green`,
        port: input.containerPort,
        deregistrationDelaySeconds: delay,
      });
      const prodListenerArn = admin.createListener(blue, 80);
      const testListenerArn = input.testListener === false ? undefined : admin.createListener(blue, 8080);
      const serviceArn = ecs.createService({
        ...(input.cluster ? { cluster: input.cluster } : {}),
        serviceName: input.serviceName,
        taskDefinition: input.taskDefinition,
        desiredCount: input.desiredCount ?? 2,
        loadBalancers: [{ targetGroupArn: blue, containerName: input.containerName, containerPort: input.containerPort }],
        deploymentController: { type: 'CODE_DEPLOY' },
      });
      if (!store.applications.has(input.applicationName)) admin.createApplication(input.applicationName);
      const optional = {
        cluster: input.cluster,
        deploymentConfigName: input.deploymentConfigName,
        alarms: input.alarms,
        autoRollback: input.autoRollback,
        terminationWaitTimeInMinutes: input.terminationWaitTimeInMinutes,
        serviceRoleArn: input.serviceRoleArn,
      };
      admin.createDeploymentGroup({
        ...(Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<DeploymentGroupInput>),
        applicationName: input.applicationName,
        deploymentGroupName: input.deploymentGroupName,
        service: input.serviceName,
        targetGroups: [blue, green],
        prodListenerArn,
        ...(testListenerArn ? { testListenerArn } : {}),
      });
      return { serviceArn, targetGroupArns: [blue, green] as [string, string], prodListenerArn, testListenerArn };
    },
    /** How the Lambda function `functionName` (as the AppSpec names it) answers its hooks from now on; default Succeeded after 5 s. */
    setHookResponse(functionName: string, response: HookResponse): void {
      store.hookResponses.set(functionName, response);
    },
    /** Every hook CodeDeploy has invoked, oldest first. */
    hookInvocations(): HookInvocation[] {
      sync();
      return [...store.hookInvocations];
    },
    /** A deployment's record, for assertions the API does not expose. */
    deployment(id: string): DeploymentRecord | undefined {
      sync();
      return store.deployments.get(id);
    },
    /** Advances the clock in steps until every task set of the CODE_DEPLOY service is steady (or `maxMs` passes); returns whether it is. */
    settleService(cluster: string, service: string, maxMs = 60 * 60_000): boolean {
      const clock = store.deps.ecs.deps.clock;
      const steady = () =>
        store.deps.ecs.services.get(`${cluster}/${service}`)?.taskSets?.every((ts) => ts.stabilityStatus === 'STEADY_STATE') === true;
      for (let waited = 0; waited < maxMs && !steady(); waited += 1000) {
        clock.advance(1000);
        sync();
      }
      return steady();
    },
    /** Advances the clock in steps until the deployment ends (or `maxMs` of sandbox time passes); returns its status. */
    settle(id: string, maxMs = 3 * 60 * 60_000): string | undefined {
      const clock = store.deps.ecs.deps.clock;
      for (let waited = 0; waited <= maxMs; waited += 5000) {
        sync();
        const status = store.deployments.get(id)?.status;
        if (status === undefined || status === 'Succeeded' || status === 'Failed' || status === 'Stopped') return status;
        clock.advance(5000);
      }
      return store.deployments.get(id)?.status;
    },
  };
  return admin;
}

export type CodeDeployAdmin = ReturnType<typeof createCodeDeployAdmin>;
