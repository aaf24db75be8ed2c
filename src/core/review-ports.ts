/**
 * GitHub, as the review phase (design §11) needs it: our pull requests, their checks, reviews
 * and comments, the base branch's protection, and merging. In our own words, like ports.ts;
 * `src/github/` implements it. Reads are GETs through the ETag cache, so a poll where nothing
 * changed is answered with 304s, which cost no rate limit.
 */
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

/** An open pull request as the list endpoint gives it (no mergeability: that needs the single read). */
export interface OpenPullRequest {
  number: number;
  url: string;
  title: string;
  headBranch: string;
  headSha: string;
  baseBranch: string;
  labels: string[];
  draft: boolean;
  author: string;
  updatedAt: Date;
}

export interface PullRequestDetail extends OpenPullRequest {
  state: "open" | "closed";
  merged: boolean;
  body: string;
  /** null while GitHub is still computing it. */
  mergeable: boolean | null;
  mergeableState: string;
  requestedReviewers: string[];
}

/** A pull request in any state, as the list endpoint gives it (for `report`: what became of our pull requests). */
export interface RecentPullRequest extends OpenPullRequest {
  state: "open" | "closed";
  merged: boolean;
  createdAt: Date;
  mergedAt?: Date;
  closedAt?: Date;
}

export type MergeMethod = "merge" | "squash" | "rebase";

/** The log of an Actions job, or why it could not be read (the token lacks `actions: read`, say). */
export type JobLog = { kind: "log"; text: string } | { kind: "unavailable"; reason: string };

export interface ReviewTracker {
  /**
   * Open pull requests, most recently updated first: one page of at most 100, with whether
   * more exist. One request, 304 while no pull request changed.
   */
  listOpenPullRequests(): Promise<{ pulls: OpenPullRequest[]; hasNextPage: boolean }>;
  /**
   * Pull requests in any state, most recently updated first: one page of at most 100, with
   * whether more exist. One request, however many pull requests a report covers.
   */
  listRecentPullRequests(): Promise<{ pulls: RecentPullRequest[]; hasNextPage: boolean }>;
  getPullRequestDetail(pullNumber: number): Promise<PullRequestDetail>;
  /** Check runs on a commit (latest per name). */
  listCheckRuns(sha: string): Promise<CheckRunFact[]>;
  /** Commit statuses on a commit (latest per context), from the combined status. */
  listCommitStatuses(sha: string): Promise<CommitStatusFact[]>;
  /** An Actions job's log (GitHub answers with a redirect to a short-lived URL). */
  readJobLog(jobId: number): Promise<JobLog>;
  listReviews(pullNumber: number): Promise<ReviewFact[]>;
  /** Line comments on the diff, created at or after `since` when given. */
  listReviewComments(pullNumber: number, since?: Date): Promise<ReviewCommentFact[]>;
  /** Conversation comments, created at or after `since` when given. */
  listConversationComments(pullNumber: number, since?: Date): Promise<ConversationCommentFact[]>;
  /** A person's permission on the repository (cached per login for the process). */
  getPermission(login: string): Promise<PermissionLevel>;
  /**
   * The base branch's protection: "none" when the branch is not protected, "unreadable" when
   * the token may not read it (it needs admin) — the caller falls back to its configuration.
   */
  getBranchProtection(branch: string): Promise<ProtectionFact | "none" | "unreadable">;
  getMergeSettings(): Promise<MergeSettingsFact>;
  /** Who last added a label to an issue or pull request, from its events (undefined: never, or not now). */
  findLabelAdder(issueNumber: number, label: string): Promise<string | undefined>;
  /** An issue's label and title events, oldest first (the trust gate, design §5). */
  listIssueEvents(issueNumber: number): Promise<IssueEventFact[]>;
  /** Who edited an issue's body, and when (GraphQL: REST keeps no body history). */
  listBodyEdits(issueNumber: number): Promise<BodyEditsFact>;
  /** Ask these people to review again (they asked for changes; the rework is pushed). */
  requestReviewers(pullNumber: number, logins: string[]): Promise<void>;
  /**
   * Merge at exactly `sha` (GitHub refuses when the head moved). Throws `NotMergeableError`
   * when GitHub refuses for protection, conflicts or a moved head.
   */
  mergePullRequest(pullNumber: number, options: { method: MergeMethod; sha: string }): Promise<{ sha: string }>;
  /** Delete a branch on GitHub; "absent" when it is already gone (GitHub may delete it on merge). */
  deleteBranch(branch: string): Promise<"deleted" | "absent">;
}
