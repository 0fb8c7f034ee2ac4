import { existsSync, readFileSync } from 'node:fs';

/**
 * What the run's event says about where to comment: the repository, the pull request (if any) and
 * whether it comes from a fork. Read once by `readTerraformPlanInputs`, from the variables and the
 * event file the runner provides.
 */
export interface RunContext {
  owner: string;
  repo: string;
  eventName: string;
  workflow: string;
  sha: string;
  /** The pull request of a pull_request(_target) event, or of an issue_comment on a PR. */
  pullRequestNumber?: number;
  /** A link to this run, for "the full plan is in the job summary of …". */
  runUrl?: string;
  apiUrl: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The event payload; a missing or unreadable file is an empty event (workflow_dispatch-like). */
function readEvent(path: string | undefined): Record<string, unknown> {
  if (!path || !existsSync(path)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function pullRequestNumber(event: Record<string, unknown>): number | undefined {
  const pull = event.pull_request;
  if (isRecord(pull) && typeof pull.number === 'number') return pull.number;
  const issue = event.issue;
  if (isRecord(issue) && isRecord(issue.pull_request) && typeof issue.number === 'number') return issue.number;
  return undefined;
}

export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const context: RunContext = {
    owner,
    repo,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    sha: env.GITHUB_SHA ?? '',
    apiUrl: (env.GITHUB_API_URL ?? '').replace(/\/+$/, '') || 'https://api.github.com',
  };
  const number = pullRequestNumber(event);
  if (number !== undefined) context.pullRequestNumber = number;
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    context.runUrl = `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  }
  return context;
}

export function isPullRequestEvent(eventName: string): boolean {
  return ['pull_request', 'pull_request_target'].includes(eventName);
}
