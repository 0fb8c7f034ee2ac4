import { pullRequestsForCommit, tokenLogin, type GithubClient } from '../lib/github.js';
import { compareDigests } from './checksum.js';
import type { PlanCounts } from './classify.js';
import { parseRecord, type ReviewRecord } from './marker.js';
import { findStickyComment } from './sticky-comment.js';

/** Apply refuses: the plan made now is not the plan that was reviewed, or none was found. */
export class UnreviewedPlanError extends Error {
  override readonly name = 'UnreviewedPlanError';
}

export interface ReviewLookup {
  owner: string;
  repo: string;
  sha: string;
  /** From the input or the event; otherwise the PR is looked up from the commit. */
  pullRequestNumber?: number;
  marker: string;
  /** Names the comment in messages: "infra (workspace prod)". */
  description: string;
}

async function findPullRequest(client: GithubClient, lookup: ReviewLookup): Promise<number> {
  if (lookup.pullRequestNumber !== undefined) return lookup.pullRequestNumber;
  const numbers = await pullRequestsForCommit(client, lookup.owner, lookup.repo, lookup.sha);
  const [first] = numbers;
  if (first === undefined) {
    throw new UnreviewedPlanError(
      `no pull request contains commit ${lookup.sha}, so there is no reviewed plan to compare with: pass pull-request-number, or set require-reviewed-plan: false`,
    );
  }
  return first;
}

/** The review record of the pull request's sticky comment for this directory and workspace. */
export async function findReviewedPlan(client: GithubClient, lookup: ReviewLookup): Promise<{ pullRequest: number; record: ReviewRecord }> {
  const pullRequest = await findPullRequest(client, lookup);
  const login = await tokenLogin(client);
  const comment = await findStickyComment(
    client,
    { owner: lookup.owner, repo: lookup.repo, issueNumber: pullRequest },
    lookup.marker,
    login,
  );
  if (!comment) {
    throw new UnreviewedPlanError(
      `pull request #${pullRequest} has no plan comment for ${lookup.description}: run terraform-plan on the pull request first (same working-directory, workspace and comment-key)`,
    );
  }
  const record = parseRecord(comment.body);
  if (!record)
    throw new UnreviewedPlanError(
      `the plan comment on pull request #${pullRequest} (${comment.url}) carries no plan checksum: it was written for a failed plan, or edited`,
    );
  return { pullRequest, record };
}

function countsLine(counts: PlanCounts): string {
  return `${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy`;
}

function names(list: string[]): string {
  const shown = list.slice(0, 10).join(', ');
  return list.length > 10 ? `${shown} and ${list.length - 10} more` : shown;
}

/** A short account of how the current plan differs from the reviewed one. */
export function describeDifference(reviewed: ReviewRecord, current: ReviewRecord): string {
  const parts = [`reviewed: ${countsLine(reviewed.counts)}; now: ${countsLine(current.counts)}`];
  if (reviewed.digests && current.digests) {
    const difference = compareDigests(reviewed.digests, current.digests);
    if (difference.added.length > 0) parts.push(`new: ${names(difference.added)}`);
    if (difference.removed.length > 0) parts.push(`no longer planned: ${names(difference.removed)}`);
    if (difference.changed.length > 0) parts.push(`changed: ${names(difference.changed)}`);
    if (parts.length === 1) parts.push('the output changes differ');
  }
  return parts.join('; ');
}

/** Throws unless the current plan's checksum is the reviewed one. */
export function assertSamePlan(pullRequest: number, reviewed: ReviewRecord, current: ReviewRecord): void {
  if (reviewed.checksum === current.checksum) return;
  const keyed = (checksum: string) => checksum.startsWith('hmac-');
  if (keyed(reviewed.checksum) !== keyed(current.checksum)) {
    throw new UnreviewedPlanError(
      `the plan on pull request #${pullRequest} was checksummed ${keyed(reviewed.checksum) ? 'with' : 'without'} plan-checksum-key, and this step runs ${keyed(current.checksum) ? 'with' : 'without'} it, so the two cannot be compared. Nothing was applied; give both steps the same plan-checksum-key (a pull request from a fork gets no secrets) and plan the pull request again`,
    );
  }
  throw new UnreviewedPlanError(
    `the plan differs from the one reviewed on pull request #${pullRequest} (${reviewed.checksum.slice(0, 19)}… vs ${current.checksum.slice(0, 19)}…): ${describeDifference(reviewed, current)}. Nothing was applied; plan the pull request again and have it reviewed`,
  );
}
