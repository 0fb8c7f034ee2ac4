import { tmpdir } from 'node:os';
import { basename } from 'node:path';
import { PUSH_ACTOR, PUSH_REF, PUSH_REPOSITORY, PUSH_SHA, pushEvent } from '../../sandbox/runner/push-event.js';

/** What the harness provides without being asked: the default event, and where temporary files go. */

describe('the default event of runAction', () => {
  it('is a push of one commit to the default branch, agreeing with the variables the harness sets', () => {
    const event = pushEvent() as {
      ref: string;
      after: string;
      before: string;
      deleted: boolean;
      commits: { id: string }[];
      head_commit: { id: string };
      repository: { full_name: string; name: string; owner: { login: string }; default_branch: string };
      sender: { login: string };
    };
    expect(event.ref).toBe(PUSH_REF);
    expect(event.ref).toBe(`refs/heads/${event.repository.default_branch}`);
    expect(event.after).toBe(PUSH_SHA);
    expect(event.head_commit.id).toBe(PUSH_SHA);
    expect(event.commits.map((commit) => commit.id)).toEqual([PUSH_SHA]);
    expect(event.before).toMatch(/^[0-9a-f]{40}$/);
    expect(event.before).not.toBe(event.after);
    expect(event.deleted).toBe(false);
    expect(event.repository.full_name).toBe(`${PUSH_REPOSITORY.owner}/${PUSH_REPOSITORY.name}`);
    expect(event.repository).toMatchObject({ name: PUSH_REPOSITORY.name, owner: { login: PUSH_REPOSITORY.owner } });
    expect(event.sender.login).toBe(PUSH_ACTOR);
  });

  it('is a fresh copy each time, so one test changing it cannot affect another', () => {
    const first = pushEvent() as { ref: string };
    first.ref = 'refs/heads/changed';
    expect(pushEvent()).toMatchObject({ ref: PUSH_REF });
  });
});

describe('temporary folders', () => {
  it('land in the per-run folder that the global teardown removes', () => {
    // test/global-setup.ts points TMPDIR at it before Jest starts this worker.
    expect(process.env.ECS_DELIVERY_TEST_TMPDIR).toBeDefined();
    expect(tmpdir()).toBe(process.env.ECS_DELIVERY_TEST_TMPDIR);
    expect(basename(tmpdir())).toMatch(/^ecs-delivery-tests-/);
  });
});
