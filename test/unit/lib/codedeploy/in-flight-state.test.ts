import type { DeploymentInfo } from '@aws-sdk/client-codedeploy';
import { codeDeployInFlightState } from '../../../../src/lib/codedeploy/in-flight-state.js';
import { DEPLOYMENT_ID, ecsTarget } from './fakes.js';

/** What a CodeDeploy deployment is doing when the wait ends, and whether on-timeout: leave may leave it. */

const info = (status: DeploymentInfo['status'], extra: Partial<DeploymentInfo> = {}): DeploymentInfo => ({
  deploymentId: DEPLOYMENT_ID,
  status,
  ...extra,
});
const OPTIONS = { terminationWaitMinutes: 30, hooks: new Map([['AfterAllowTestTraffic', 'CheckTestTraffic']]) };

test.each([
  ['not started yet', info('Queued'), undefined, false, 'has not started (queued behind another deployment of the group)'],
  [
    'Ready for ContinueDeployment',
    info('Ready'),
    ecsTarget(3),
    true,
    'is Ready, waiting for ContinueDeployment to reroute production traffic',
  ],
  [
    'at Install with no replacement task running',
    info('InProgress'),
    ecsTarget(1, { greenRunning: 0 }),
    false,
    'is at Install (0 of 2 replacement tasks running)',
  ],
  [
    'at Install with every replacement task running',
    info('InProgress'),
    ecsTarget(1),
    true,
    'is at Install (2 of 2 replacement tasks running)',
  ],
  ['running a hook', info('InProgress'), ecsTarget(4), true, 'is running lifecycle event AfterAllowTestTraffic (hook CheckTestTraffic)'],
  [
    'shifting traffic with a replacement task down',
    info('InProgress'),
    ecsTarget(6, { greenRunning: 1, traffic: 10 }),
    false,
    'is shifting production traffic (10% on the replacement; 1 of 2 replacement tasks running)',
  ],
  [
    'in the termination wait',
    info('InProgress'),
    ecsTarget(7),
    true,
    'is in its termination wait (30 min) with production traffic on the replacement',
  ],
  [
    'in the termination wait, as GetDeployment alone tells',
    info('InProgress', { instanceTerminationWaitTimeStarted: true }),
    undefined,
    true,
    'is in its termination wait (30 min) with production traffic on the replacement',
  ],
])('%s', (_name, deployment, target, healthy, doing) => {
  expect(codeDeployInFlightState(deployment, target, OPTIONS)).toEqual({ healthy, doing });
});
