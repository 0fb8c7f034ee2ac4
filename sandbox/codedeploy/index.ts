/**
 * The sandbox's CodeDeploy: ECS blue/green deployments on CodeDeploy's wire protocol (JSON 1.1,
 * `X-Amz-Target: CodeDeploy_20141006.<Op>`), driving the sandbox ECS service's task sets, target
 * groups and listeners on the sandbox clock. Reach it with `AWS_ENDPOINT_URL_CODEDEPLOY` (in
 * `sandbox.env`) or `sandbox.endpoints.codedeploy`.
 *
 * Usage (tests, benchmarks):
 *
 *   const sandbox = await startSandbox({ timeScale: 60 });
 *   const td = sandbox.admin.registerTaskDefinition(fargateTaskDefinition('web', 'app:1'));
 *   const { prodListenerArn, targetGroupArns } = sandbox.admin.codedeploy.createBlueGreenService({
 *     serviceName: 'web', cluster: 'prod', taskDefinition: td, desiredCount: 2, containerName: 'web', containerPort: 8080,
 *     applicationName: 'web-app', deploymentGroupName: 'web-dg',
 *     alarms: ['web-5xx'], autoRollback: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
 *     terminationWaitTimeInMinutes: 5, // deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes'
 *   });
 *   sandbox.admin.codedeploy.settleService('prod', 'web');    // the original task set up and healthy
 *   sandbox.admin.codedeploy.setHookResponse('CheckTestTraffic', { status: 'Failed', afterSeconds: 10 });
 *   sandbox.admin.setImageBehavior('app:2', { kind: 'exit', exitCode: 1 }); // replacement tasks crash
 *   sandbox.admin.setAlarmState('web-5xx', 'ALARM');          // stops a deployment in flight
 *   sandbox.admin.codedeploy.settle(deploymentId);            // steps the clock until it ends
 *   sandbox.admin.codedeploy.listenerWeights(prodListenerArn); // { [targetGroupArn]: percent }
 *
 * Step by step instead: `createListener(targetGroupArn)`, `createApplication(name)`,
 * `createDeploymentGroup({...})` after `admin.createService({ ..., deploymentController: { type: 'CODE_DEPLOY' } })`.
 * Hooks (AppSpec `Hooks`) answer Succeeded after 5 s unless `setHookResponse` says otherwise;
 * `{ status: 'none' }` never answers, so a test can answer through PutLifecycleEventHookExecutionStatus
 * with the id `hookInvocations()` lists (or let the one-hour callback timeout fail the deployment).
 *
 * Modelled: the eight lifecycle events in order; Install waits (at most 60 minutes) for the
 * replacement task set to be running and healthy, so crashing tasks fail the deployment only then,
 * as in CodeDeploy; test then production traffic per the deployment configuration (all at once,
 * canary, linear); the termination wait; alarms (ALARM_ACTIVE, status Stopped); StopDeployment
 * (MANUAL_STOP); automatic rollback as a new deployment (creator codeDeployRollback) back to the
 * original task set. Not modelled: S3/GitHub revisions, deploymentReadyOption waits (ContinueDeployment),
 * KEEP_ALIVE, triggers, the service role's and hook functions' own permissions.
 */
import type { AwsOperationHandler, AwsPermission, AwsServiceDefinition } from '../core/contract.js';
import { stepDeployments } from './engine.js';
import { codeDeployHandlers } from './handlers.js';
import { CodeDeployStore, type CodeDeployDeps } from './store.js';

type Params = Record<string, unknown>;

/** The resource each action is authorized against, as the CodeDeploy service authorization reference lists it. */
function permissions(store: CodeDeployStore): Record<string, (p: Params) => AwsPermission[]> {
  const allow = (action: string, resources: string[]) => [{ action: `codedeploy:${action}`, resources }];
  const group = (p: Params) => store.arn('deploymentgroup', `${String(p.applicationName ?? '')}/${String(p.deploymentGroupName ?? '')}`);
  const ofDeployment = (action: string) => (p: Params) => allow(action, [store.groupArnOfDeployment(p.deploymentId)]);
  return {
    CreateDeployment: (p) => allow('CreateDeployment', [group(p)]),
    GetDeployment: ofDeployment('GetDeployment'),
    BatchGetDeployments: (p) =>
      allow(
        'BatchGetDeployments',
        (Array.isArray(p.deploymentIds) ? p.deploymentIds : []).map((id) => store.groupArnOfDeployment(id)),
      ),
    ListDeployments: (p) => allow('ListDeployments', [p.applicationName === undefined ? '*' : group(p)]),
    ListDeploymentTargets: ofDeployment('ListDeploymentTargets'),
    BatchGetDeploymentTargets: ofDeployment('BatchGetDeploymentTargets'),
    GetDeploymentTarget: ofDeployment('GetDeploymentTarget'),
    StopDeployment: ofDeployment('StopDeployment'),
    PutLifecycleEventHookExecutionStatus: ofDeployment('PutLifecycleEventHookExecutionStatus'),
    GetDeploymentGroup: (p) => allow('GetDeploymentGroup', [group(p)]),
    GetApplicationRevision: (p) => allow('GetApplicationRevision', [store.arn('application', String(p.applicationName ?? ''))]),
    GetDeploymentConfig: (p) => allow('GetDeploymentConfig', [store.arn('deploymentconfig', String(p.deploymentConfigName ?? ''))]),
  };
}

export interface CodeDeploy {
  store: CodeDeployStore;
  service: AwsServiceDefinition;
}

/** The store, its service definition, and its step on the ECS simulation's clock. */
export function createCodeDeploy(deps: CodeDeployDeps): CodeDeploy {
  const store = new CodeDeployStore(deps);
  deps.ecs.afterStep.push((now) => stepDeployments(store, now));
  const handlers: Record<string, AwsOperationHandler> = codeDeployHandlers(store);
  const operations = Object.fromEntries(
    Object.entries(handlers).map(([name, handler]): [string, AwsOperationHandler] => [
      name,
      (params, context) => {
        deps.ecs.sync();
        return handler(params, context);
      },
    ]),
  );
  return {
    store,
    service: {
      envName: 'CODEDEPLOY',
      iamPrefix: 'codedeploy',
      protocol: 'json1.1',
      targetPrefix: 'CodeDeploy_20141006',
      operations,
      permissions: permissions(store),
    },
  };
}

export { createCodeDeployAdmin, type CodeDeployAdmin, type DeploymentGroupInput, type BlueGreenServiceInput } from './admin.js';
export type { HookResponse, HookInvocation } from './store.js';
