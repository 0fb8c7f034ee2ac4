import { withContext } from '../lib/errors.js';
import { addLabels, isReadOnlyTokenError, removeLabel, tokenLogin, type GithubClient, type IssueRef } from '../lib/github.js';
import type { PlanSummary } from './classify.js';
import { upsertStickyComment } from './sticky-comment.js';

/** The PR side of a plan: the sticky comment and the labels. A read-only token is a warning, never a failure. */

export interface PublishLog {
  info: (message: string) => void;
  warning: (message: string) => void;
}

const READ_ONLY_HINT =
  'the token is read-only (a pull request from a fork gets a read-only GITHUB_TOKEN, or the job lacks `permissions: pull-requests: write`). The plan is in the job summary';

export async function publishComment(
  client: GithubClient,
  ref: IssueRef,
  marker: string,
  body: string,
  log: PublishLog,
): Promise<{ id: number; url: string } | undefined> {
  try {
    const login = await tokenLogin(client);
    const result = await upsertStickyComment(client, ref, marker, login, body);
    const duplicates =
      result.removedDuplicates > 0
        ? ` (removed ${result.removedDuplicates} duplicate${result.removedDuplicates === 1 ? '' : 's'} from a concurrent run)`
        : '';
    log.info(`Plan comment ${result.action} on pull request #${ref.issueNumber}: ${result.url}${duplicates}`);
    return { id: result.id, url: result.url };
  } catch (error: unknown) {
    if (isReadOnlyTokenError(error)) {
      log.warning(`Could not comment on pull request #${ref.issueNumber}: ${READ_ONLY_HINT}.`);
      return undefined;
    }
    throw withContext(`could not write the plan comment on pull request #${ref.issueNumber} of ${ref.owner}/${ref.repo}`, error);
  }
}

export const LABELS = { noChanges: 'terraform:no-changes', changes: 'terraform:changes', destroy: 'terraform:destroy' } as const;

/** The labels this plan earns. */
export function planLabels(summary: PlanSummary): string[] {
  if (!summary.hasChanges) return [LABELS.noChanges];
  return summary.counts.destroy > 0 ? [LABELS.changes, LABELS.destroy] : [LABELS.changes];
}

/**
 * Adds the plan's labels. A plan with changes also drops `terraform:no-changes`; the reverse is not
 * done, because another directory's plan on the same pull request may still have changes.
 */
export async function publishLabels(client: GithubClient, ref: IssueRef, summary: PlanSummary, log: PublishLog): Promise<void> {
  const labels = planLabels(summary);
  try {
    await addLabels(client, ref, labels);
    if (summary.hasChanges) await removeLabel(client, ref, LABELS.noChanges);
    log.info(`Labels on pull request #${ref.issueNumber}: ${labels.join(', ')}`);
  } catch (error: unknown) {
    if (isReadOnlyTokenError(error)) {
      log.warning(`Could not label pull request #${ref.issueNumber}: ${READ_ONLY_HINT}.`);
      return;
    }
    throw withContext(`could not label pull request #${ref.issueNumber}`, error);
  }
}
