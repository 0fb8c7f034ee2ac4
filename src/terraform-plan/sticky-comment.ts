import { httpStatus, type GithubClient, type IssueRef } from '../lib/github.js';

/**
 * One comment per marker on a pull request, updated in place. "Ours" means: carries the marker AND
 * was written by this token's user, so a comment someone else wrote (or quoted) is never touched.
 */

export interface StickyComment {
  id: number;
  url: string;
  body: string;
}

export interface StickyResult extends StickyComment {
  action: 'created' | 'updated' | 'unchanged';
  /** Newer copies a racing run wrote, deleted to leave one. */
  removedDuplicates: number;
}

async function ownComments(client: GithubClient, ref: IssueRef, marker: string, login: string): Promise<StickyComment[]> {
  const comments = await client.paginate(client.rest.issues.listComments, {
    owner: ref.owner,
    repo: ref.repo,
    issue_number: ref.issueNumber,
    per_page: 100,
  });
  return comments
    .filter((comment) => comment.user?.login === login && (comment.body ?? '').includes(marker))
    .sort((a, b) => a.id - b.id)
    .map((comment) => ({ id: comment.id, url: comment.html_url, body: comment.body ?? '' }));
}

/** The oldest comment of ours with this marker, as apply reads the reviewed plan from it. */
export async function findStickyComment(
  client: GithubClient,
  ref: IssueRef,
  marker: string,
  login: string,
): Promise<StickyComment | undefined> {
  return (await ownComments(client, ref, marker, login))[0];
}

async function write(client: GithubClient, ref: IssueRef, existing: StickyComment | undefined, body: string): Promise<StickyComment> {
  if (existing) {
    const { data } = await client.rest.issues.updateComment({ owner: ref.owner, repo: ref.repo, comment_id: existing.id, body });
    return { id: data.id, url: data.html_url, body };
  }
  const { data } = await client.rest.issues.createComment({ owner: ref.owner, repo: ref.repo, issue_number: ref.issueNumber, body });
  return { id: data.id, url: data.html_url, body };
}

/**
 * Creates or updates the comment. Two runs racing on one pull request may both find nothing and
 * both create; so after writing, the list is read again and every newer copy of ours is deleted,
 * keeping the oldest, which then gets this run's body. Whichever run writes last wins the content;
 * exactly one comment remains either way.
 */
export async function upsertStickyComment(
  client: GithubClient,
  ref: IssueRef,
  marker: string,
  login: string,
  body: string,
): Promise<StickyResult> {
  const existing = (await ownComments(client, ref, marker, login))[0];
  if (existing && existing.body === body) return { ...existing, action: 'unchanged', removedDuplicates: 0 };
  const written = await write(client, ref, existing, body);
  const after = await ownComments(client, ref, marker, login);
  const keep = after[0] ?? written;
  let removed = 0;
  for (const duplicate of after.slice(1)) {
    try {
      await client.rest.issues.deleteComment({ owner: ref.owner, repo: ref.repo, comment_id: duplicate.id });
      removed += 1;
    } catch (error: unknown) {
      // The racing run deleted it first.
      if (httpStatus(error) !== 404) throw error;
    }
  }
  if (keep.id !== written.id) {
    const kept = await write(client, ref, keep, body);
    return { ...kept, action: 'updated', removedDuplicates: removed };
  }
  return { ...written, action: existing ? 'updated' : 'created', removedDuplicates: removed };
}
