import { sha256 } from './appspec.js';
import {
  LIFECYCLE_EVENTS,
  type AlarmSettings,
  type AutoRollbackSettings,
  type DeploymentGroupRecord,
  type DeploymentRecord,
  type EcsAppSpec,
  type RevisionLocation,
} from './records.js';
import type { CodeDeployStore } from './store.js';

export interface NewDeployment {
  creator: DeploymentRecord['creator'];
  revision: RevisionLocation;
  appSpec: EcsAppSpec;
  configName: string;
  description?: string;
  autoRollback: AutoRollbackSettings;
  alarms: AlarmSettings;
  overrideAlarms?: AlarmSettings;
}

/** The text of a revision, wherever its type keeps it. */
export function revisionContent(revision: RevisionLocation): string {
  return (revision.appSpecContent ?? revision.string)?.content ?? '';
}

/** A new deployment of the group (status Created; the engine starts it at the next step) and its revision registered. */
export function addDeployment(store: CodeDeployStore, group: DeploymentGroupRecord, input: NewDeployment, now: number): DeploymentRecord {
  const previous = group.lastSuccessfulId ? store.deployments.get(group.lastSuccessfulId) : undefined;
  const deployment: DeploymentRecord = {
    id: store.newDeploymentId(),
    applicationName: group.applicationName,
    groupName: group.name,
    ...input,
    status: 'Created',
    createTime: now,
    ...(previous ? { previousRevision: previous.revision } : {}),
    events: LIFECYCLE_EVENTS.map((name) => ({ name, status: 'Pending' })),
    current: 0,
    greenWeight: 0,
    targetStatus: 'Pending',
    targetUpdatedAt: now,
  };
  store.deployments.set(deployment.id, deployment);
  registerRevision(store, group, input.revision, now);
  return deployment;
}

function registerRevision(store: CodeDeployStore, group: DeploymentGroupRecord, revision: RevisionLocation, now: number): void {
  const key = `${group.applicationName}/${sha256(revisionContent(revision))}`;
  const known = store.revisions.get(key);
  if (known) {
    known.lastUsedTime = now;
    known.groups.add(group.name);
    return;
  }
  store.revisions.set(key, {
    applicationName: group.applicationName,
    revision,
    registerTime: now,
    firstUsedTime: now,
    lastUsedTime: now,
    groups: new Set([group.name]),
  });
}
