import { AwsServiceError } from '../core/contract.js';
import { pageOf } from '../core/pagination.js';
import { readRevision, sha256 } from './appspec.js';
import { configView, requireConfig } from './configs.js';
import { addDeployment } from './deployments.js';
import { endDeployment } from './outcome.js';
import type { AlarmSettings, AutoRollbackEvent, AutoRollbackSettings, DeploymentStatus } from './records.js';
import type { CodeDeployStore } from './store.js';
import { deploymentGroupInfo, deploymentInfo, deploymentTarget, ecsTargetId } from './views.js';

type Params = Record<string, unknown>;

const ROLLBACK_EVENTS: AutoRollbackEvent[] = ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM', 'DEPLOYMENT_STOP_ON_REQUEST'];
const DONE: DeploymentStatus[] = ['Succeeded', 'Failed', 'Stopped'];
const isObject = (v: unknown): v is Params => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readAutoRollback(raw: unknown): AutoRollbackSettings {
  if (!isObject(raw)) throw new AwsServiceError('InvalidAutoRollbackConfigException', 'autoRollbackConfiguration must be an object.');
  const events = Array.isArray(raw.events) ? raw.events.map(String) : [];
  const unknown = events.filter((e) => !(ROLLBACK_EVENTS as string[]).includes(e));
  if (unknown.length > 0)
    throw new AwsServiceError(
      'InvalidAutoRollbackConfigException',
      `Unknown auto-rollback events ${unknown.join(', ')}; use ${ROLLBACK_EVENTS.join(', ')}.`,
    );
  const enabled = raw.enabled === true;
  if (enabled && events.length === 0)
    throw new AwsServiceError('InvalidAutoRollbackConfigException', 'An enabled auto-rollback configuration must name at least one event.');
  return { enabled, events: events as AutoRollbackEvent[] };
}

export function readAlarms(raw: unknown): AlarmSettings {
  if (!isObject(raw)) throw new AwsServiceError('InvalidAlarmConfigException', 'The alarm configuration must be an object.');
  const names = Array.isArray(raw.alarms) ? raw.alarms.map((a) => (isObject(a) ? String(a.name ?? '') : '')) : [];
  if (names.some((n) => n === '')) throw new AwsServiceError('InvalidAlarmConfigException', 'Every alarm needs a name.');
  if (raw.enabled === true && names.length === 0)
    throw new AwsServiceError('InvalidAlarmConfigException', 'An enabled alarm configuration must name at least one alarm.');
  return { enabled: raw.enabled === true, ignorePollAlarmFailure: raw.ignorePollAlarmFailure === true, names };
}

export function codeDeployHandlers(store: CodeDeployStore) {
  const targetOf = (p: Params) => {
    const d = store.requireDeployment(p.deploymentId);
    if (d.status === 'Created') throw new AwsServiceError('DeploymentNotStartedException', `The deployment ${d.id} has not started.`);
    return d;
  };
  return {
    CreateDeployment(p: Params) {
      const group = store.requireGroup(p.applicationName, p.deploymentGroupName);
      if (p.revision === undefined) throw new AwsServiceError('RevisionRequiredException', 'The revision ID was not specified.');
      const { revision, appSpec } = readRevision(p.revision);
      if (typeof p.description === 'string' && p.description.length > 100)
        throw new AwsServiceError('DescriptionTooLongException', 'The description is too long (at most 100 characters).');
      const configName = typeof p.deploymentConfigName === 'string' ? p.deploymentConfigName : group.configName;
      requireConfig(configName);
      const active = store.activeDeployment(group);
      if (active)
        throw new AwsServiceError(
          'DeploymentLimitExceededException',
          `The Deployment Group '${group.name}' already has an active Deployment '${active.id}'`,
        );
      const overrideAlarms = p.overrideAlarmConfiguration === undefined ? undefined : readAlarms(p.overrideAlarmConfiguration);
      const deployment = addDeployment(
        store,
        group,
        {
          creator: 'user',
          revision,
          appSpec,
          configName,
          ...(typeof p.description === 'string' ? { description: p.description } : {}),
          autoRollback: p.autoRollbackConfiguration === undefined ? group.autoRollback : readAutoRollback(p.autoRollbackConfiguration),
          alarms: overrideAlarms ?? group.alarms,
          ...(overrideAlarms ? { overrideAlarms } : {}),
        },
        store.now,
      );
      return { deploymentId: deployment.id };
    },

    GetDeployment: (p: Params) => ({ deploymentInfo: deploymentInfo(store, store.requireDeployment(p.deploymentId)) }),

    BatchGetDeployments(p: Params) {
      const ids = Array.isArray(p.deploymentIds) ? p.deploymentIds : [];
      if (ids.length === 0) throw new AwsServiceError('DeploymentIdRequiredException', 'At least one deployment ID must be specified.');
      if (ids.length > 25) throw new AwsServiceError('BatchLimitExceededException', 'The maximum number of deployment IDs is 25.');
      return {
        deploymentsInfo: ids
          .filter((id) => store.deployments.has(String(id)))
          .map((id) => deploymentInfo(store, store.requireDeployment(id))),
      };
    },

    ListDeployments(p: Params) {
      const group =
        p.applicationName === undefined && p.deploymentGroupName === undefined
          ? undefined
          : store.requireGroup(p.applicationName, p.deploymentGroupName);
      const statuses = Array.isArray(p.includeOnlyStatuses) ? p.includeOnlyStatuses.map(String) : [];
      const range = isObject(p.createTimeRange) ? p.createTimeRange : {};
      const inRange = (ms: number) =>
        (range.start === undefined || ms >= Number(range.start) * 1000) && (range.end === undefined || ms <= Number(range.end) * 1000);
      const ids = [...store.deployments.values()]
        .filter((d) => !group || (d.applicationName === group.applicationName && d.groupName === group.name))
        .filter((d) => (statuses.length === 0 || statuses.includes(d.status)) && inRange(d.createTime))
        .reverse()
        .map((d) => d.id);
      const page = pageOf(ids, {
        token: p.nextToken,
        size: undefined,
        sizeName: 'maxResults',
        tokenName: 'nextToken',
        defaultSize: 100,
        maxSize: 100,
        errorCode: 'InvalidNextTokenException',
      });
      return { deployments: page.items, nextToken: page.next };
    },

    ListDeploymentTargets(p: Params) {
      const d = targetOf(p);
      const wanted =
        isObject(p.targetFilters) && Array.isArray(p.targetFilters.TargetStatus) ? p.targetFilters.TargetStatus.map(String) : undefined;
      const ids = !wanted || wanted.includes(d.targetStatus) ? [ecsTargetId(store.groupOf(d))] : [];
      return { targetIds: ids };
    },

    BatchGetDeploymentTargets(p: Params) {
      const d = targetOf(p);
      const ids = Array.isArray(p.targetIds) ? p.targetIds.map(String) : [];
      if (ids.length === 0) throw new AwsServiceError('DeploymentTargetIdRequiredException', 'A deployment target ID was not provided.');
      if (ids.length > 25)
        throw new AwsServiceError(
          'DeploymentTargetListSizeExceededException',
          'The maximum number of targets that can be associated with an Amazon ECS deployment is 25.',
        );
      const own = ecsTargetId(store.groupOf(d));
      const missing = ids.find((id) => id !== own);
      if (missing)
        throw new AwsServiceError(
          'DeploymentTargetDoesNotExistException',
          `The provided target ID ${missing} does not belong to the deployment ${d.id}.`,
        );
      return { deploymentTargets: ids.map(() => deploymentTarget(store, d)) };
    },

    GetDeploymentTarget(p: Params) {
      const d = targetOf(p);
      if (typeof p.targetId !== 'string' || p.targetId === '')
        throw new AwsServiceError('DeploymentTargetIdRequiredException', 'A deployment target ID was not provided.');
      if (p.targetId !== ecsTargetId(store.groupOf(d)))
        throw new AwsServiceError(
          'DeploymentTargetDoesNotExistException',
          `The provided target ID ${p.targetId} does not belong to the deployment ${d.id}.`,
        );
      return { deploymentTarget: deploymentTarget(store, d) };
    },

    StopDeployment(p: Params) {
      const d = store.requireDeployment(p.deploymentId);
      if (DONE.includes(d.status))
        throw new AwsServiceError('DeploymentAlreadyCompletedException', `The deployment ${d.id} has already completed.`);
      const rollback = typeof p.autoRollbackEnabled === 'boolean' ? { rollback: p.autoRollbackEnabled } : {};
      endDeployment(
        store,
        d,
        {
          status: 'Stopped',
          code: 'MANUAL_STOP',
          message: 'The deployment was stopped by a user.',
          rollbackOn: 'DEPLOYMENT_STOP_ON_REQUEST',
          ...rollback,
        },
        store.now,
      );
      return { status: 'Pending', statusMessage: 'Stopping Pending. Stopping to schedule commands in the deployment instances' };
    },

    GetDeploymentGroup: (p: Params) => ({
      deploymentGroupInfo: deploymentGroupInfo(store, store.requireGroup(p.applicationName, p.deploymentGroupName)),
    }),

    GetApplicationRevision(p: Params) {
      const app = store.requireApplication(p.applicationName);
      if (!isObject(p.revision)) throw new AwsServiceError('RevisionRequiredException', 'The revision ID was not specified.');
      const body = p.revision.appSpecContent ?? p.revision.string;
      const digest = isObject(body)
        ? typeof body.sha256 === 'string'
          ? body.sha256
          : typeof body.content === 'string'
            ? sha256(body.content)
            : undefined
        : undefined;
      if (!digest)
        throw new AwsServiceError(
          'InvalidRevisionException',
          'The revision needs its content or sha256 (revisionType AppSpecContent or String).',
        );
      const known = store.revisions.get(`${app.name}/${digest}`);
      if (!known)
        throw new AwsServiceError('RevisionDoesNotExistException', `No application revision found for revision with sha256 ${digest}.`);
      return {
        applicationName: app.name,
        revision: known.revision,
        revisionInfo: {
          deploymentGroups: [...known.groups],
          firstUsedTime: new Date(known.firstUsedTime),
          lastUsedTime: new Date(known.lastUsedTime),
          registerTime: new Date(known.registerTime),
        },
      };
    },

    GetDeploymentConfig(p: Params) {
      const name = p.deploymentConfigName;
      if (typeof name !== 'string' || name === '')
        throw new AwsServiceError('DeploymentConfigNameRequiredException', 'The deployment configuration name was not specified.');
      requireConfig(name);
      let id = store.configIds.get(name);
      if (!id) store.configIds.set(name, (id = store.random.uuid()));
      return { deploymentConfigInfo: configView(name, id, new Date(store.startedAt)) };
    },

    /** What a hook's Lambda function calls to report its verdict; the sandbox's stand-in functions answer through the same path. */
    PutLifecycleEventHookExecutionStatus(p: Params) {
      const d = store.requireDeployment(p.deploymentId);
      const status = p.status;
      if (status !== 'Succeeded' && status !== 'Failed')
        throw new AwsServiceError(
          'InvalidLifecycleEventHookExecutionStatusException',
          `The status ${String(status)} is not valid; report Succeeded or Failed.`,
        );
      const event = d.events.find((e) => e.hook?.executionId === p.lifecycleEventHookExecutionId);
      if (!event?.hook)
        throw new AwsServiceError(
          'InvalidLifecycleEventHookExecutionIdException',
          'The lifecycle event hook execution ID is not valid for this deployment.',
        );
      if (event.status !== 'InProgress')
        throw new AwsServiceError('LifecycleEventAlreadyCompletedException', `The lifecycle event ${event.name} has already completed.`);
      Object.assign(event.hook, { answer: status, answerAt: store.now });
      return { lifecycleEventHookExecutionId: event.hook.executionId };
    },
  };
}
