import type { Deployment, ServiceDeployment } from '@aws-sdk/client-ecs';
import { assessDeployment, fromDeployments, fromServiceDeployment } from '../../../../src/lib/ecs/deployment-assessment.js';

const ours = 'ecs-svc/2';
const old = 'ecs-svc/1';

describe('fromServiceDeployment', () => {
  it.each<[string, ServiceDeployment, object]>([
    ['in progress', { status: 'IN_PROGRESS' }, { state: 'in-progress' }],
    ['a blue/green stage', { status: 'IN_PROGRESS', lifecycleStage: 'BAKE_TIME' }, { state: 'in-progress', stage: 'BAKE_TIME' }],
    ['successful', { status: 'SUCCESSFUL' }, { state: 'succeeded' }],
    [
      'rolling back',
      { status: 'ROLLBACK_IN_PROGRESS', rollback: { reason: 'circuit breaker' } },
      { state: 'failed', reason: 'circuit breaker', rollback: 'ecs-in-progress', inFlight: true },
    ],
    ['rollback requested', { status: 'ROLLBACK_REQUESTED' }, { state: 'failed', rollback: 'ecs-in-progress' }],
    [
      'rolled back',
      { status: 'ROLLBACK_SUCCESSFUL', statusReason: 'tasks failed' },
      { state: 'failed', reason: 'tasks failed', rollback: 'ecs-succeeded', inFlight: false },
    ],
    ['rollback failed', { status: 'ROLLBACK_FAILED' }, { state: 'failed', rollback: 'ecs-failed' }],
    ['stopped by ECS', { status: 'STOPPED', statusReason: 'circuit breaker' }, { state: 'failed', rollback: 'none', inFlight: false }],
    [
      'stopped by a newer deployment',
      { status: 'STOPPED', statusReason: 'Superseded by a newer deployment' },
      { state: 'failed', rollback: 'superseded' },
    ],
    [
      'breaker triggered with rollback configured',
      {
        status: 'IN_PROGRESS',
        deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 3, threshold: 3 },
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
      },
      {
        state: 'failed',
        reason: 'the deployment circuit breaker triggered after 3 failed tasks (threshold 3)',
        rollback: 'ecs-in-progress',
        inFlight: true,
      },
    ],
    [
      'breaker triggered without rollback',
      {
        status: 'IN_PROGRESS',
        deploymentCircuitBreaker: { status: 'TRIGGERED' },
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } },
      },
      { state: 'failed', rollback: 'none', inFlight: false },
    ],
    [
      'an alarm in ALARM',
      {
        status: 'IN_PROGRESS',
        alarms: { status: 'TRIGGERED', triggeredAlarmNames: ['web-5xx'] },
        deploymentConfiguration: { alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true } },
      },
      { state: 'failed', reason: 'CloudWatch alarm web-5xx went into ALARM', rollback: 'ecs-in-progress' },
    ],
  ])('%s', (_title, sd, expected) => {
    expect(fromServiceDeployment(sd)).toMatchObject(expected);
  });
});

describe('fromDeployments (the fallback without the service-deployment API)', () => {
  const d = (id: string, status: string, rolloutState: string, extra: Partial<Deployment> = {}): Deployment => ({
    id,
    status,
    rolloutState: rolloutState as Deployment['rolloutState'],
    ...extra,
  });
  it.each<[string, Deployment[], object]>([
    ['ours rolling out', [d(ours, 'PRIMARY', 'IN_PROGRESS'), d(old, 'ACTIVE', 'COMPLETED')], { state: 'in-progress' }],
    ['ours completed', [d(ours, 'PRIMARY', 'COMPLETED')], { state: 'succeeded' }],
    [
      'ours failed, ECS rolling back',
      [d('ecs-svc/3', 'PRIMARY', 'IN_PROGRESS'), d(ours, 'ACTIVE', 'FAILED', { rolloutStateReason: 'breaker' })],
      { state: 'failed', reason: 'breaker', rollback: 'ecs-in-progress' },
    ],
    [
      'ours failed, ECS rolled back',
      [d('ecs-svc/3', 'PRIMARY', 'COMPLETED'), d(ours, 'ACTIVE', 'FAILED')],
      { state: 'failed', rollback: 'ecs-succeeded' },
    ],
    ['ours failed, nobody rolls back', [d(ours, 'PRIMARY', 'FAILED')], { state: 'failed', rollback: 'none', inFlight: false }],
    ['ours gone', [d('ecs-svc/3', 'PRIMARY', 'COMPLETED')], { state: 'failed', rollback: 'superseded' }],
  ])('%s', (_title, deployments, expected) => {
    expect(fromDeployments(deployments, ours)).toMatchObject(expected);
  });

  it('prefers the service-deployment record when there is one', () => {
    const service = { deployments: [d(ours, 'PRIMARY', 'IN_PROGRESS')] };
    expect(assessDeployment(service, { status: 'ROLLBACK_SUCCESSFUL' }, ours)).toMatchObject({
      state: 'failed',
      rollback: 'ecs-succeeded',
    });
    expect(assessDeployment(service, undefined, ours)).toEqual({ state: 'in-progress' });
  });
});
