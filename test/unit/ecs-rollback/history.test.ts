import { lastGoodBefore, reachedSteadyState, revisionImages, type DeploymentEntry } from '../../../src/ecs-rollback/history.js';

/** Choosing the default target from the service-deployment history, newest first. */

const TD = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${n}`;
const entry = (n: number, status: string, td: number): DeploymentEntry => ({
  serviceDeploymentArn: `arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web/${n}`,
  status,
  createdAt: new Date(Date.UTC(2026, 4, n)),
  taskDefinitionArn: TD(td),
  images: {},
});

describe('lastGoodBefore', () => {
  it('is the SUCCESSFUL deployment before the current one', () => {
    const history = [entry(3, 'SUCCESSFUL', 3), entry(2, 'SUCCESSFUL', 2), entry(1, 'SUCCESSFUL', 1)];
    expect(lastGoodBefore(history, history[0], TD(3))?.taskDefinitionArn).toBe(TD(2));
  });

  it('skips failed, stopped and rolled-back deployments', () => {
    const history = [
      entry(5, 'SUCCESSFUL', 5),
      entry(4, 'ROLLBACK_SUCCESSFUL', 4),
      entry(3, 'STOPPED', 3),
      entry(2, 'ROLLBACK_FAILED', 2),
      entry(1, 'SUCCESSFUL', 1),
    ];
    expect(lastGoodBefore(history, history[0], TD(5))?.taskDefinitionArn).toBe(TD(1));
  });

  it('skips deployments of the revision the service already runs (after ECS rolled back to it)', () => {
    // web:3 failed and ECS went back to web:2, which runs now: "previous" means web:1.
    const history = [entry(3, 'ROLLBACK_SUCCESSFUL', 3), entry(2, 'SUCCESSFUL', 2), entry(1, 'SUCCESSFUL', 1)];
    expect(lastGoodBefore(history, history[0], TD(2))?.taskDefinitionArn).toBe(TD(1));
  });

  it('looks only at deployments older than the current one', () => {
    const history = [entry(3, 'SUCCESSFUL', 1), entry(2, 'SUCCESSFUL', 2), entry(1, 'SUCCESSFUL', 1)];
    expect(lastGoodBefore(history, history[1], TD(2))?.taskDefinitionArn).toBe(TD(1));
  });

  it('finds nothing for a service with one release', () => {
    const history = [entry(1, 'SUCCESSFUL', 1)];
    expect(lastGoodBefore(history, history[0], TD(1))).toBeUndefined();
    expect(lastGoodBefore([], undefined, TD(1))).toBeUndefined();
  });
});

describe('reachedSteadyState', () => {
  const history = [entry(3, 'ROLLBACK_SUCCESSFUL', 3), entry(2, 'SUCCESSFUL', 2)];
  it.each([
    [2, true],
    [3, false],
    [9, false],
  ])('web:%s → %s', (revision, expected) => {
    expect(reachedSteadyState(history, TD(revision))).toBe(expected);
  });
});

describe('revisionImages', () => {
  it('names each container’s image by digest, without the tag', () => {
    const images = revisionImages({
      containerImages: [
        { containerName: 'web', image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2', imageDigest: 'sha256:abc' },
        { containerName: 'sidecar', image: 'public.ecr.aws/envoy:1.29' },
        { image: 'nameless:1', imageDigest: 'sha256:def' },
      ],
    });
    expect(images).toEqual({ web: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web@sha256:abc', sidecar: 'public.ecr.aws/envoy:1.29' });
  });
});
