import { stringify } from 'yaml';
import { deleteTaskSet } from '../ecs/task-sets.js';
import { sha256 } from './appspec.js';
import { addDeployment } from './deployments.js';
import type { AutoRollbackEvent, DeploymentRecord, EcsAppSpec, RevisionLocation } from './records.js';
import { serviceOf, taskSetOf, type CodeDeployStore } from './store.js';

/** How a deployment ends other than in success: failed (a hook, a timeout) or stopped (a user, an alarm). */
export interface Failure {
  status: 'Failed' | 'Stopped';
  code: string;
  message: string;
  /** The auto-rollback event this ending counts as. */
  rollbackOn: AutoRollbackEvent;
  /** StopDeployment's autoRollbackEnabled, which overrides the deployment's configuration. */
  rollback?: boolean;
}

export function endDeployment(store: CodeDeployStore, d: DeploymentRecord, failure: Failure, now: number): void {
  for (const event of d.events) {
    if (event.status === 'InProgress') Object.assign(event, { status: failure.status === 'Failed' ? 'Failed' : 'Skipped', endTime: now });
    else if (event.status === 'Pending') event.status = 'Skipped';
  }
  Object.assign(d, {
    status: failure.status,
    completeTime: now,
    errorInformation: { code: failure.code, message: failure.message },
    targetStatus: 'Failed',
    targetUpdatedAt: now,
  });
  store.groupOf(d).lastAttemptedId = d.id;
  const configured = d.autoRollback.enabled && d.autoRollback.events.includes(failure.rollbackOn);
  if (d.creator !== 'user') return; // a stopped rollback leaves traffic where it got to: its "replacement" is the original
  if (failure.rollback ?? configured) startRollback(store, d, now);
  else abandon(store, d, now);
}

/**
 * No rollback: a replacement that never took production traffic is removed and test traffic goes
 * back to the original; once production moved, both task sets stay as they are.
 */
function abandon(store: CodeDeployStore, d: DeploymentRecord, now: number): void {
  const service = serviceOf(store, d);
  const green = taskSetOf(service, d.greenTaskSetId);
  if (!green || green.status === 'PRIMARY' || !d.blueTargetGroupArn) return;
  const group = store.groupOf(d);
  store.route([...group.testListenerArns, ...group.prodListenerArns], d.blueTargetGroupArn);
  deleteTaskSet(green, now);
  if (service) store.deps.ecs.addEvent(service, `(taskSet ${green.id}) was deleted by (deployment ${d.id}).`, now);
}

/** CodeDeploy's automatic rollback: a new deployment (creator codeDeployRollback) back to the original task set. */
function startRollback(store: CodeDeployStore, d: DeploymentRecord, now: number): void {
  const group = store.groupOf(d);
  const original = taskSetOf(serviceOf(store, d), d.blueTaskSetId);
  const lb = original?.loadBalancers[0];
  const appSpec: EcsAppSpec = {
    taskDefinition: original?.taskDefinitionArn ?? d.appSpec.taskDefinition,
    containerName: lb?.containerName ?? d.appSpec.containerName,
    containerPort: lb?.containerPort ?? d.appSpec.containerPort,
    hooks: {},
  };
  const rollback = addDeployment(
    store,
    group,
    {
      creator: 'codeDeployRollback',
      revision: d.previousRevision ?? revisionOf(appSpec),
      appSpec,
      configName: d.configName,
      autoRollback: d.autoRollback,
      alarms: d.alarms,
    },
    now,
  );
  Object.assign(rollback, {
    blueTaskSetId: d.greenTaskSetId,
    greenTaskSetId: d.blueTaskSetId,
    blueTargetGroupArn: d.greenTargetGroupArn,
    greenTargetGroupArn: d.blueTargetGroupArn,
    greenWeight: 100 - d.greenWeight,
    rollbackInfo: { rollbackTriggeringDeploymentId: d.id, rollbackMessage: `Rollback of deployment ${d.id}.` },
  });
  d.rollbackInfo = {
    rollbackDeploymentId: rollback.id,
    rollbackMessage: `Deployment ${d.id} was rolled back by deployment ${rollback.id}.`,
  };
}

/** The original's AppSpec, when no successful deployment of the group left a revision to go back to. */
function revisionOf(appSpec: EcsAppSpec): RevisionLocation {
  const content = stringify({
    version: 0.0,
    Resources: [
      {
        TargetService: {
          Type: 'AWS::ECS::Service',
          Properties: {
            TaskDefinition: appSpec.taskDefinition,
            LoadBalancerInfo: { ContainerName: appSpec.containerName, ContainerPort: appSpec.containerPort },
          },
        },
      },
    ],
  });
  return { revisionType: 'AppSpecContent', appSpecContent: { content, sha256: sha256(content) } };
}
