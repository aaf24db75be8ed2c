import type {
  JobLog,
  MergeMethod,
  OpenPullRequest,
  PullRequestDetail,
  RecentPullRequest,
  ReviewTracker,
} from "../core/review-ports.js";
import type {
  CheckRunFact,
  CommitStatusFact,
  ConversationCommentFact,
  MergeSettingsFact,
  PermissionLevel,
  ProtectionFact,
  ReviewCommentFact,
  ReviewFact,
} from "../domain/review/facts.js";
import type { BodyEditsFact, IssueEventFact } from "../domain/trust-gate.js";
import * as trust from "./issue-trust.js";
import type { RepoContext } from "./repo-context.js";
import * as checks from "./review-checks.js";
import * as feedback from "./review-feedback.js";
import * as policy from "./review-policy.js";
import * as pulls from "./review-pulls.js";
import { withTranslatedErrors } from "./translate-error.js";

/**
 * `ReviewTracker` over GitHub's REST API, one line per method: the calls live by concern in
 * review-pulls.ts, review-checks.ts, review-feedback.ts and review-policy.ts, where payloads
 * become our facts. Here: error translation, and what is read once per process.
 */
export class GitHubReviewTracker implements ReviewTracker {
  private readonly permissions = new Map<string, Promise<PermissionLevel>>();
  private mergeSettings: Promise<MergeSettingsFact> | undefined;

  constructor(private readonly ctx: RepoContext) {}

  listOpenPullRequests(): Promise<{ pulls: OpenPullRequest[]; hasNextPage: boolean }> {
    return this.call("list open pull requests", () => pulls.listOpenPullRequests(this.ctx));
  }

  listRecentPullRequests(): Promise<{ pulls: RecentPullRequest[]; hasNextPage: boolean }> {
    return this.call("list recent pull requests", () => pulls.listRecentPullRequests(this.ctx));
  }

  getPullRequestDetail(pullNumber: number): Promise<PullRequestDetail> {
    return this.call(`read pull request #${pullNumber}`, () => pulls.getPullRequestDetail(this.ctx, pullNumber));
  }

  listCheckRuns(sha: string): Promise<CheckRunFact[]> {
    return this.call(`read the check runs of ${sha.slice(0, 7)}`, () => checks.listCheckRuns(this.ctx, sha));
  }

  listCommitStatuses(sha: string): Promise<CommitStatusFact[]> {
    return this.call(`read the statuses of ${sha.slice(0, 7)}`, () => checks.listCommitStatuses(this.ctx, sha));
  }

  readJobLog(jobId: number): Promise<JobLog> {
    return this.call(`read the log of job ${jobId}`, () => checks.readJobLog(this.ctx, jobId));
  }

  listReviews(pullNumber: number): Promise<ReviewFact[]> {
    return this.call(`read the reviews of #${pullNumber}`, () => feedback.listReviews(this.ctx, pullNumber));
  }

  listReviewComments(pullNumber: number, since?: Date): Promise<ReviewCommentFact[]> {
    return this.call(`read the review comments of #${pullNumber}`, () =>
      feedback.listReviewComments(this.ctx, pullNumber, since),
    );
  }

  listConversationComments(pullNumber: number, since?: Date): Promise<ConversationCommentFact[]> {
    return this.call(`read the comments of #${pullNumber}`, () =>
      feedback.listConversationComments(this.ctx, pullNumber, since),
    );
  }

  getPermission(login: string): Promise<PermissionLevel> {
    let known = this.permissions.get(login);
    if (!known)
      this.permissions.set(
        login,
        (known = this.call(`read ${login}'s permission`, () => policy.readPermission(this.ctx, login))),
      );
    return known;
  }

  getBranchProtection(branch: string): Promise<ProtectionFact | "none" | "unreadable"> {
    return this.call(`read the protection of ${branch}`, () => policy.getBranchProtection(this.ctx, branch));
  }

  getMergeSettings(): Promise<MergeSettingsFact> {
    this.mergeSettings ??= this.call("read the repository's merge settings", () => policy.readMergeSettings(this.ctx));
    return this.mergeSettings;
  }

  findLabelAdder(issueNumber: number, label: string): Promise<string | undefined> {
    return this.call(`read the events of #${issueNumber}`, () => feedback.findLabelAdder(this.ctx, issueNumber, label));
  }

  listIssueEvents(issueNumber: number): Promise<IssueEventFact[]> {
    return this.call(`read the events of #${issueNumber}`, () => trust.listIssueEvents(this.ctx, issueNumber));
  }

  listBodyEdits(issueNumber: number): Promise<BodyEditsFact> {
    return this.call(`read who edited #${issueNumber}`, () => trust.listBodyEdits(this.ctx, issueNumber));
  }

  requestReviewers(pullNumber: number, logins: string[]): Promise<void> {
    return this.call(`ask ${logins.join(", ")} to review #${pullNumber} again`, () =>
      pulls.requestReviewers(this.ctx, pullNumber, logins),
    );
  }

  mergePullRequest(pullNumber: number, options: { method: MergeMethod; sha: string }): Promise<{ sha: string }> {
    return this.call(`merge #${pullNumber}`, () => pulls.mergePullRequest(this.ctx, pullNumber, options));
  }

  deleteBranch(branch: string): Promise<"deleted" | "absent"> {
    return this.call(`delete the branch ${branch}`, () => pulls.deleteBranch(this.ctx, branch));
  }

  private call<T>(what: string, action: () => Promise<T>): Promise<T> {
    return withTranslatedErrors(what, action);
  }
}
