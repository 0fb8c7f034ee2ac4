import type { ContainerDefinition, Service } from '@aws-sdk/client-ecs';
import { shortTaskDefinition } from '../lib/arn.js';
import { appSpecForService, appSpecFromUser, TASK_DEFINITION_PLACEHOLDER, type AppSpec } from '../lib/codedeploy/appspec.js';
import { deploymentConsoleUrl, groupRefFor, type CodeDeployDeps, type CodeDeployOptions } from '../lib/codedeploy/deps.js';
import { appSpecRevision, createDeployment, readDeploymentGroup } from '../lib/codedeploy/deployment-group.js';
import { followDeployment } from '../lib/codedeploy/follow-deployment.js';
import { runningTaskDefinition } from '../lib/codedeploy/history.js';
import type { EcsDeps } from '../lib/ecs/deps.js';
import { describeService } from '../lib/ecs/service-state.js';
import { verifyHealthCheckUrl } from '../lib/ecs/url-health-check.js';
import { InputError } from '../lib/errors.js';
import { recoverCodeDeploy, type CodeDeployRecovery, type CodeDeployRollOut } from './codedeploy-recover.js';

/**
 * ecs-deploy for a service with the CODE_DEPLOY deployment controller, after the task definition is
 * registered (and any one-off task ran): read the deployment group, build or fill in the AppSpec,
 * CreateDeployment, follow it (lifecycle events, replacement task set), verify that production runs
 * the new revision, and on failure take the service back (codedeploy-recover.ts).
 */

/** Returns whether the new revision is deployed. */
export async function deployThroughCodeDeploy(rollOut: CodeDeployRollOut, ecsDeps: EcsDeps): Promise<boolean> {
  const { inputs, ref, service, taskDefinitionArn, record } = rollOut;
  const deps = codeDeployDeps(ecsDeps);
  const options: CodeDeployOptions = inputs.codeDeploy ?? {};
  const goal = inputs.waitUntil?.goal ?? 'completed';
  if (goal === 'paused') {
    throw new InputError(
      'wait-until',
      `is 'paused', but service ${ref.service} deploys through CodeDeploy, which has no PAUSE lifecycle hooks`,
      "Set wait-until to 'completed' or 'traffic-shifted'",
    );
  }
  const groupRef = groupRefFor(options, ref);
  const group = await readDeploymentGroup(groupRef, deps);
  const previous = runningTaskDefinition(service);
  if (previous) record.previousTaskDefinitionArn = previous;
  deps.log.info(
    `Service ${ref.service} deploys through CodeDeploy (application ${groupRef.application}, deployment group ${groupRef.deploymentGroup})` +
      (previous ? `; production runs ${shortTaskDefinition(previous)}` : ''),
  );

  const appSpec = buildAppSpec(options, service, taskDefinitionArn, rollOut.containerDefinitions, deps);
  const deploymentId = await createDeployment(
    groupRef,
    {
      revision: appSpecRevision(appSpec),
      ...(options.description !== undefined ? { description: options.description } : {}),
      ...(options.deploymentConfig !== undefined ? { deploymentConfig: options.deploymentConfig } : {}),
    },
    deps,
  );
  record.deploymentId = deploymentId;
  deps.log.info(
    `Started CodeDeploy deployment ${deploymentId} of ${shortTaskDefinition(taskDefinitionArn)}: ${deploymentConsoleUrl(ref.region, deploymentId)}`,
  );
  record.timeline.add(`Started CodeDeploy deployment ${deploymentId}`);
  if (!inputs.waitForStability) {
    record.status = 'succeeded';
    record.waited = false;
    deps.log.info('wait-for-service-stability is false: not waiting for the deployment');
    return false;
  }

  const seenTasks = new Set<string>();
  const result = await followDeployment(
    {
      ref,
      deploymentId,
      taskDefinitionArn,
      containerDefinitions: rollOut.containerDefinitions,
      hooks: appSpec.hooks,
      alarms: group.alarms,
      until: goal === 'traffic-shifted' ? 'traffic-shifted' : 'complete',
      deadline: rollOut.deadline,
      pollIntervalMs: inputs.pollIntervalMs,
      seenTasks,
      timeline: record.timeline,
      watchTasks: true,
    },
    deps,
  );
  record.stoppedTasks = result.stoppedTasks;
  const lastSeen = { ...(result.info ? { info: result.info } : {}), ...(result.target ? { target: result.target } : {}) };
  const recovery: CodeDeployRecovery = { rollOut, groupRef, group, deploymentId, seenTasks, hooks: appSpec.hooks, lastSeen };
  const { verdict } = result;
  if (verdict.state !== 'succeeded') {
    await recoverCodeDeploy(verdict, recovery, deps);
    return false;
  }
  const problem = await verify(rollOut, deps);
  if (problem !== undefined) {
    await recoverCodeDeploy({ state: 'failed', reason: problem, inFlight: verdict.trafficShiftedOnly }, recovery, deps);
    return false;
  }
  record.status = verdict.trafficShiftedOnly ? 'traffic-shifted' : 'succeeded';
  const what = verdict.trafficShiftedOnly
    ? `production traffic is on ${shortTaskDefinition(taskDefinitionArn)}; CodeDeploy goes on with the termination wait unwatched (wait-until: traffic-shifted)`
    : `${ref.service} runs ${shortTaskDefinition(taskDefinitionArn)}`;
  record.timeline.add(verdict.trafficShiftedOnly ? 'Production traffic shifted' : `CodeDeploy deployment ${deploymentId} succeeded`);
  deps.log.info(`CodeDeploy deployment ${deploymentId} ${verdict.trafficShiftedOnly ? 'shifted traffic' : 'succeeded'}: ${what}`);
  return true;
}

/** The deps with the CodeDeploy client, which the actions' real deps always carry. */
function codeDeployDeps(deps: EcsDeps): CodeDeployDeps {
  if (!deps.codedeploy) throw new Error('ecs-deploy was built without a CodeDeploy client, which a CODE_DEPLOY service needs');
  return { ...deps, codedeploy: deps.codedeploy };
}

/** The AppSpec to deploy, checked against the registered task definition's containers before CodeDeploy sees it. */
function buildAppSpec(
  options: CodeDeployOptions,
  service: Service,
  taskDefinitionArn: string,
  containers: ContainerDefinition[],
  deps: CodeDeployDeps,
): AppSpec {
  const user = options.appSpec;
  if (user && user.taskDefinitionValue !== TASK_DEFINITION_PLACEHOLDER) {
    deps.log.info(
      `codedeploy-appspec: TaskDefinition '${user.taskDefinitionValue}' is replaced by the registered ${shortTaskDefinition(taskDefinitionArn)}`,
    );
  }
  const appSpec = user ? appSpecFromUser(user, taskDefinitionArn) : appSpecForService(service, taskDefinitionArn);
  const { name, port } = appSpec.container;
  const container = containers.find((c) => c.name === name);
  const source = user ? 'the AppSpec file (codedeploy-appspec)' : `service ${service.serviceName ?? ''}'s load balancer`;
  if (!container) {
    throw new Error(
      `${source} routes traffic to container ${name}, which task definition ${shortTaskDefinition(taskDefinitionArn)} does not have`,
    );
  }
  if (containers.length > 0 && !(container.portMappings ?? []).some((mapping) => mapping.containerPort === port)) {
    throw new Error(
      `${source} routes traffic to port ${port} of container ${name}, which maps no such port in ${shortTaskDefinition(taskDefinitionArn)}`,
    );
  }
  return appSpec;
}

/** Production must run the new revision (the PRIMARY task set's), and answer the health-check URL when one is given. */
async function verify(rollOut: CodeDeployRollOut, deps: CodeDeployDeps): Promise<string | undefined> {
  const { ref, taskDefinitionArn, inputs } = rollOut;
  const serving = runningTaskDefinition(await describeService(ref, deps));
  if (serving !== taskDefinitionArn) {
    return `CodeDeploy reported success, but production runs ${serving ? shortTaskDefinition(serving) : 'no known task definition'}, not ${shortTaskDefinition(taskDefinitionArn)}`;
  }
  if (!inputs.healthCheck) return undefined;
  return verifyHealthCheckUrl(inputs.healthCheck, { pollIntervalMs: inputs.pollIntervalMs, deadline: rollOut.deadline }, deps);
}
