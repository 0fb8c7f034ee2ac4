import type { Deployment, Service } from '@aws-sdk/client-ecs';
import type { Verdict } from '../../../../src/lib/ecs/deployment-assessment.js';
import { fromDeployments } from '../../../../src/lib/ecs/deployment-assessment.js';
import { announcesChange, recordExplains, rollbackDeploymentId, throughRollback } from '../../../../src/lib/ecs/record-reads.js';
import { TD1, TD2 } from './fakes.js';

const OURS = 'ecs-svc/2';
const ROLLBACK = 'ecs-svc/3';
const service = (deployments: Deployment[]): Service => ({ serviceName: 'web', deployments });
const ours = (extra: Partial<Deployment>): Deployment => ({ id: OURS, taskDefinition: TD2, ...extra });
const rollback = (rolloutState: Deployment['rolloutState'], extra: Partial<Deployment> = {}): Deployment => ({
  id: ROLLBACK,
  status: 'PRIMARY',
  taskDefinition: TD1,
  rolloutState,
  ...extra,
});

test('the record is read for a failure, not for a success nor for a rollback ECS finished while we followed it', () => {
  const failedRollingBack: Verdict = { state: 'failed', reason: 'x', rollback: 'ecs-in-progress', inFlight: true };
  const rolledBack: Verdict = { state: 'failed', reason: 'x', rollback: 'ecs-succeeded', inFlight: false };
  expect(recordExplains({ state: 'succeeded' }, 'verdict')).toBe(false);
  expect(recordExplains({ state: 'in-progress' }, 'verdict')).toBe(false);
  expect(recordExplains(failedRollingBack, 'verdict')).toBe(true);
  expect(recordExplains(rolledBack, 'verdict')).toBe(true);
  // Following ECS's rollback: still rolling back is no verdict yet; rolled back needs no explaining; a failed rollback does.
  expect(recordExplains(failedRollingBack, 'rollback-settled')).toBe(false);
  expect(recordExplains(rolledBack, 'rollback-settled')).toBe(false);
  expect(recordExplains({ state: 'failed', reason: 'x', rollback: 'ecs-failed', inFlight: false }, 'rollback-settled')).toBe(true);
});

test('events announce a failure or a rollback; the service being named "norollback" does not', () => {
  const event = (message: string) => [{ message }];
  expect(announcesChange(event('(service web) (deployment ecs-svc/2) deployment failed: alarm detected.'))).toBe(true);
  expect(announcesChange(event('(service web) (deployment ecs-svc/2) rolling back to deployment ecs-svc/1.'))).toBe(true);
  expect(announcesChange(event('(service norollback-web) has started 2 tasks: (task a) (task b).'))).toBe(false);
  expect(announcesChange(event('(service web) (deployment ecs-svc/2) deployment completed.'))).toBe(false);
});

test('ours gone from deployments[] after the rollback we saw start: rolled back, failed or still rolling back — not superseded', () => {
  const during = service([rollback('IN_PROGRESS'), ours({ status: 'ACTIVE', rolloutState: 'FAILED' })]);
  const rollbackId = rollbackDeploymentId(during, OURS);
  expect(rollbackId).toBe(ROLLBACK);
  const after = (state: Deployment['rolloutState']) => service([rollback(state, { rolloutStateReason: 'tasks failed to start' })]);
  const listed = (s: Service) => throughRollback(fromDeployments(s.deployments ?? [], OURS), s, rollbackId);
  expect(listed(after('COMPLETED'))).toMatchObject({ state: 'failed', rollback: 'ecs-succeeded' });
  expect(listed(after('FAILED'))).toMatchObject({
    state: 'failed',
    rollback: 'ecs-failed',
    reason: expect.stringMatching(/tasks failed to start/),
  });
  expect(listed(after('IN_PROGRESS'))).toMatchObject({ state: 'failed', rollback: 'ecs-in-progress', inFlight: true });
  // Someone else's deployment, or no rollback seen: superseded as deployments[] says (then the record decides).
  const other = service([{ id: 'ecs-svc/9', status: 'PRIMARY', taskDefinition: TD2, rolloutState: 'IN_PROGRESS' }]);
  expect(listed(other)).toMatchObject({ rollback: 'superseded' });
  expect(throughRollback(fromDeployments(after('COMPLETED').deployments ?? [], OURS), after('COMPLETED'), undefined)).toMatchObject({
    rollback: 'superseded',
  });
  expect(rollbackDeploymentId(service([ours({ status: 'PRIMARY' })]), OURS)).toBeUndefined();
});
