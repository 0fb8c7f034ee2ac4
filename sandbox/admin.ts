import type { AwsOperationContext, FaultSpec, SandboxClock } from './core/contract.js';
import type { FaultInjector } from './core/faults.js';
import type { RequestLog } from './core/request-log.js';
import { pushBuildxImage, type PushedImage } from './ecr/multi-platform.js';
import type { RegistryStore } from './ecr/registry-store.js';
import { RegistryUpstream } from './ecr/registry-upstream.js';
import type { AlarmState } from './ecs/alarms.js';
import type { ImageBehavior } from './ecs/image-behaviors.js';
import type { DeploymentRecord, LoadBalancerSpec } from './ecs/records.js';
import { serviceHandlers } from './ecs/service-handlers.js';
import { strategyAdmin, withStagedLoadBalancers, type DeploymentConfigurationInput } from './ecs/strategy-admin.js';
import type { EcsSimulation } from './ecs/simulation.js';
import { taskHandlers } from './ecs/task-handlers.js';
import { BOOTSTRAP_IDENTITY } from './sts/index.js';
import type { TargetGroupOptions, TargetGroupStore } from './elbv2/target-groups.js';
import type { TagMutabilitySetting } from './ecr/tag-mutability.js';

export interface AdminDeps {
  clock: SandboxClock;
  log: RequestLog;
  faults: FaultInjector;
  ecs: EcsSimulation;
  targetGroups: TargetGroupStore;
  registry: RegistryStore;
  ecrPasswords: string[];
}

export interface CreateServiceInput {
  cluster?: string;
  serviceName: string;
  taskDefinition: string;
  desiredCount?: number;
  loadBalancers?: {
    targetGroupArn: string;
    containerName: string;
    containerPort: number;
    advancedConfiguration?: LoadBalancerSpec['advancedConfiguration'];
  }[];
  networkConfiguration?: { awsvpcConfiguration: { subnets: string[]; securityGroups?: string[]; assignPublicIp?: 'ENABLED' | 'DISABLED' } };
  /** The API shape, every strategy (sandbox/ecs/strategy-admin.ts). */
  deploymentConfiguration?: DeploymentConfigurationInput;
  healthCheckGracePeriodSeconds?: number;
  tags?: { key: string; value: string }[];
  /** CODE_DEPLOY: the service runs task sets that the sandbox's CodeDeploy deploys (admin.codedeploy). */
  deploymentController?: { type: 'ECS' | 'CODE_DEPLOY' };
}

const DEFAULT_NETWORK = {
  awsvpcConfiguration: {
    subnets: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
    securityGroups: ['sg-0a1b2c3d4e5f60001'],
    assignPublicIp: 'DISABLED',
  },
};

/** Scenario set-up and control for tests, benchmarks and the demo; every ECS change goes through ECS's own handlers. */
export function createAdmin(deps: AdminDeps) {
  const { ecs } = deps;
  const context = (): AwsOperationContext => ({
    caller: { accessKeyId: 'admin' },
    clock: deps.clock,
    region: ecs.deps.region,
    identity: { ...BOOTSTRAP_IDENTITY },
  });
  const services = serviceHandlers(ecs);
  const tasks = taskHandlers(ecs);
  const primaryOf = (cluster: string, service: string): DeploymentRecord | undefined =>
    ecs.services.get(`${cluster}/${service}`)?.deployments.find((d) => d.status === 'PRIMARY');

  return {
    clock: deps.clock,
    requests: deps.log,
    /** Moves the sandbox clock forward and lets ECS catch up. */
    advance(ms: number): void {
      deps.clock.advance(ms);
      ecs.sync();
    },
    injectFault(spec: FaultSpec): void {
      deps.faults.inject(spec);
    },
    clearFaults(): void {
      deps.faults.clear();
    },
    /**
     * What containers of `image` do; with `options.command`, only those RunTask starts with that command
     * override (a migration that succeeds or fails while the image itself serves).
     */
    setImageBehavior(image: string, behavior: ImageBehavior, options: { command?: string[] } = {}): void {
      ecs.setImageBehavior(image, behavior, options.command);
    },
    /**
     * Every task placement in the cluster fails with this reason (undefined clears it); with
     * `taskDefinition` (`family:revision` or ARN) only that revision's tasks do, so a rollback can still place the old one.
     */
    setPlacementFailure(cluster: string, reason: string | undefined, options: { taskDefinition?: string } = {}): void {
      const record = ecs.ensureCluster(cluster);
      delete record.placementFailure;
      delete record.placementFailureFor;
      if (reason === undefined) return;
      record.placementFailure = reason;
      if (options.taskDefinition !== undefined) record.placementFailureFor = options.taskDefinition;
    },
    /** A CloudWatch alarm's state; deployments watching it (deploymentConfiguration.alarms) fail when it goes into ALARM. */
    setAlarmState(name: string, state: AlarmState): void {
      ecs.sync();
      ecs.alarms.set(name, state);
    },
    createCluster(name: string): string {
      ecs.sync();
      return ecs.ensureCluster(name).arn;
    },
    createTargetGroup(options: TargetGroupOptions): string {
      return deps.targetGroups.create(options).arn;
    },
    registerTaskDefinition(input: Record<string, unknown>): string {
      ecs.sync();
      return tasks.RegisterTaskDefinition(input, context()).taskDefinition.taskDefinitionArn as string;
    },
    /** Creates the service (and its cluster); Fargate awsvpc with two subnets unless told otherwise. */
    createService(input: CreateServiceInput): string {
      ecs.sync();
      const cluster = input.cluster ?? 'default';
      ecs.ensureCluster(cluster);
      const staged = withStagedLoadBalancers(input, ecs, deps.targetGroups);
      const result = services.CreateService({ networkConfiguration: DEFAULT_NETWORK, ...staged, cluster }, context());
      return result.service.serviceArn as string;
    },
    /**
     * Advances the clock in steps until the service's PRIMARY deployment leaves IN_PROGRESS (or
     * `maxMs` of sandbox time passes); returns its rolloutState. For setting up a service that has
     * already completed a deployment, so there is something to roll back to.
     */
    settle(cluster: string, service: string, maxMs = 60 * 60 * 1000): string | undefined {
      const step = 5000;
      for (let waited = 0; waited < maxMs; waited += step) {
        ecs.sync();
        const primary = primaryOf(cluster, service);
        if (!primary || primary.rolloutState !== 'IN_PROGRESS') return primary?.rolloutState;
        deps.clock.advance(step);
      }
      ecs.sync();
      return primaryOf(cluster, service)?.rolloutState;
    },
    /**
     * Where GetAuthorizationToken sends `docker login` (a registry the test runs). From then on
     * ECR's image operations read and write through to that registry, so they see what `docker push`
     * really left there; undefined goes back to ECR's own address and the in-memory images.
     */
    setEcrProxyEndpoint(url: string | undefined): void {
      const registry = deps.registry;
      registry.proxyEndpoint = url ?? `https://${registry.registryHost}`;
      // The ECR credentials of the moment: the fixed password, else the last token handed out.
      registry.upstream =
        url === undefined ? undefined : new RegistryUpstream(url, () => registry.fixedPassword ?? deps.ecrPasswords.at(-1));
    },
    /** Every later GetAuthorizationToken hands out `AWS:<password>`, so it can match a real registry's htpasswd. */
    setEcrPassword(password: string | undefined): void {
      deps.registry.fixedPassword = password;
    },
    /** ECR registry host, `123456789012.dkr.ecr.us-east-1.amazonaws.com`. */
    ecrRegistryHost: deps.registry.registryHost,
    createRepository(name: string, options: Partial<TagMutabilitySetting> = {}): string {
      return deps.registry.create(name, options, deps.clock.now()).uri;
    },
    /** Stores a manifest (object or exact text) in the in-memory images, optionally tagged; returns its digest. Not seen while a proxy endpoint is set. */
    putImageManifest(repository: string, manifest: string | object, tag?: string): string {
      const text = typeof manifest === 'string' ? manifest : JSON.stringify(manifest);
      return deps.registry.put(repository, text, deps.clock.now(), tag ? { tag } : {}).digest;
    },
    /** What `docker buildx build --push --platform …` leaves behind (in memory), attestations included unless turned off. */
    pushImage(
      repository: string,
      tag: string,
      platforms: string[] = ['linux/amd64'],
      options: { attestations?: boolean } = {},
    ): PushedImage {
      return pushBuildxImage(deps.registry, repository, tag, platforms, { ...options, now: deps.clock.now() });
    },
    /** Passwords handed out by GetAuthorizationToken, for secret-leak scans. */
    ecrPasswords(): string[] {
      return [...deps.ecrPasswords];
    },
    /** The ECS simulation itself, for assertions the API does not expose. */
    ecs,
    ...strategyAdmin(ecs),
  };
}

export type SandboxAdmin = ReturnType<typeof createAdmin>;
