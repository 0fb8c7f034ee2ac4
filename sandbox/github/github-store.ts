/**
 * The sandbox's GitHub state: tokens and what they may do, issue comments, labels and pull
 * requests. Issues spring into existence on first use; pull requests are set up by tests.
 */
import type { GithubUser, StoredComment, StoredPullRequest } from './github-shapes.js';

export type TokenPermission = 'read' | 'write';

export interface TokenSpec {
  login: string;
  permission: TokenPermission;
  /** Bot for installation tokens such as GITHUB_TOKEN (default for `github-actions[bot]`). */
  type?: 'User' | 'Bot';
  /**
   * Installation (GitHub App) tokens cannot read GET /user, as GITHUB_TOKEN cannot. Default:
   * true for Bot users, false for User tokens (PATs).
   */
  installation?: boolean;
  id?: number;
}

export interface TokenInfo {
  user: GithubUser;
  permission: TokenPermission;
  installation: boolean;
}

const issueKey = (owner: string, repo: string, issueNumber: number): string => `${owner}/${repo}#${issueNumber}`;

export class GithubStore {
  private readonly tokens = new Map<string, TokenInfo>();
  private readonly comments = new Map<number, StoredComment>();
  private readonly labels = new Map<string, string[]>();
  private readonly labelIds = new Map<string, number>();
  private readonly pulls = new Map<string, StoredPullRequest>();
  private nextCommentId = 1_000_000_001;
  private nextUserId = 41_898_282;

  addToken(token: string, spec: TokenSpec): TokenInfo {
    const type = spec.type ?? (spec.login.endsWith('[bot]') ? 'Bot' : 'User');
    const info: TokenInfo = {
      user: { login: spec.login, id: spec.id ?? this.nextUserId++, type },
      permission: spec.permission,
      installation: spec.installation ?? type === 'Bot',
    };
    this.tokens.set(token, info);
    return info;
  }

  token(token: string): TokenInfo | undefined {
    return this.tokens.get(token);
  }

  addComment(owner: string, repo: string, issueNumber: number, body: string, user: GithubUser, now: number): StoredComment {
    const comment: StoredComment = { id: this.nextCommentId++, owner, repo, issueNumber, body, user, createdAt: now, updatedAt: now };
    this.comments.set(comment.id, comment);
    return comment;
  }

  comment(owner: string, repo: string, id: number): StoredComment | undefined {
    const comment = this.comments.get(id);
    return comment && comment.owner === owner && comment.repo === repo ? comment : undefined;
  }

  commentById(id: number): StoredComment | undefined {
    return this.comments.get(id);
  }

  deleteComment(id: number): void {
    this.comments.delete(id);
  }

  /** Comments on one issue, oldest first, as GitHub lists them. */
  issueComments(owner: string, repo: string, issueNumber: number): StoredComment[] {
    return [...this.comments.values()].filter((c) => c.owner === owner && c.repo === repo && c.issueNumber === issueNumber);
  }

  issueLabels(owner: string, repo: string, issueNumber: number): string[] {
    return [...(this.labels.get(issueKey(owner, repo, issueNumber)) ?? [])];
  }

  setIssueLabels(owner: string, repo: string, issueNumber: number, names: string[]): void {
    this.labels.set(issueKey(owner, repo, issueNumber), [...new Set(names)]);
  }

  /** Labels are created on first use, as GitHub does when one is added by name. */
  labelId(owner: string, repo: string, name: string): number {
    const key = `${owner}/${repo}:${name.toLowerCase()}`;
    let id = this.labelIds.get(key);
    if (id === undefined) {
      id = 208_045_946 + this.labelIds.size;
      this.labelIds.set(key, id);
    }
    return id;
  }

  putPullRequest(owner: string, repo: string, pr: StoredPullRequest): void {
    this.pulls.set(issueKey(owner, repo, pr.number), pr);
  }

  pullRequest(owner: string, repo: string, issueNumber: number): StoredPullRequest | undefined {
    return this.pulls.get(issueKey(owner, repo, issueNumber));
  }

  /**
   * As GitHub answers "pull requests associated with a commit": the merged pull request whose merge
   * commit it is; for a commit not (yet) merged, the open pull requests whose head it is.
   */
  pullRequestsForCommit(owner: string, repo: string, sha: string): StoredPullRequest[] {
    const inRepo = [...this.pulls.entries()].filter(([key]) => key.startsWith(`${owner}/${repo}#`)).map(([, pr]) => pr);
    const merged = inRepo.filter((pr) => pr.merged?.commitSha === sha);
    if (merged.length > 0) return merged;
    return inRepo.filter((pr) => pr.state === 'open' && pr.head.sha === sha);
  }
}
