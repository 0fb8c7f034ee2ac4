import { CodeDeployClient, type ECSTarget, type LifecycleEvent } from '@aws-sdk/client-codedeploy';
import { mockClient } from 'aws-sdk-client-mock';
import type { CodeDeployDeps } from '../../../../src/lib/codedeploy/deps.js';
import { ECS_EVENTS } from '../../../../src/lib/codedeploy/lifecycle.js';
import { fakeDeps } from '../ecs/fakes.js';

/** fakeDeps (ECS, ELBv2, Logs stubbed) plus a stubbed CodeDeploy client; shapes follow codedeploy.service-2.json. */
export function fakeCodeDeployDeps() {
  const base = fakeDeps();
  const codedeploy = new CodeDeployClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
  const deps: CodeDeployDeps = { ...base.deps, codedeploy };
  return { ...base, deps, mocks: { ...base.mocks, codedeploy: mockClient(codedeploy) } };
}

export const DEPLOYMENT_ID = 'd-ABCDEFGH1';
export const TARGET_ID = 'prod:web';

/**
 * The ECS target after `done` events succeeded; `failed` names an event that failed next (with
 * diagnostics), the rest are Pending. Task sets: original (Blue) and replacement (Green).
 */
export function ecsTarget(
  done: number,
  options: { failed?: string; greenRunning?: number; desired?: number; traffic?: number } = {},
): ECSTarget {
  const desired = options.desired ?? 2;
  const events: LifecycleEvent[] = ECS_EVENTS.map((name, index) => {
    if (index < done)
      return { lifecycleEventName: name, status: 'Succeeded', startTime: new Date(1000 * index), endTime: new Date(1000 * index + 500) };
    if (name === options.failed) {
      return {
        lifecycleEventName: name,
        status: 'Failed',
        startTime: new Date(1000 * index),
        endTime: new Date(1000 * index + 500),
        diagnostics: { errorCode: 'ScriptFailed', scriptName: '', message: 'smoke test returned 503', logTail: '' },
      };
    }
    return { lifecycleEventName: name, status: 'Pending' };
  });
  const traffic = options.traffic ?? (done >= 7 ? 100 : 0);
  return {
    deploymentId: DEPLOYMENT_ID,
    targetId: TARGET_ID,
    targetArn: 'arn:aws:ecs:us-east-1:123456789012:service/prod/web',
    status: options.failed ? 'Failed' : done >= ECS_EVENTS.length ? 'Succeeded' : 'InProgress',
    lifecycleEvents: events,
    taskSetsInfo: [
      {
        identifer: 'ecs-svc/1111',
        desiredCount: desired,
        pendingCount: 0,
        runningCount: desired,
        status: 'PRIMARY',
        trafficWeight: 100 - traffic,
        targetGroup: { name: 'web-blue' },
        taskSetLabel: 'Blue',
      },
      {
        identifer: 'ecs-svc/2222',
        desiredCount: desired,
        pendingCount: 0,
        runningCount: options.greenRunning ?? desired,
        status: 'ACTIVE',
        trafficWeight: traffic,
        targetGroup: { name: 'web-green' },
        taskSetLabel: 'Green',
      },
    ],
  };
}
