/**
 * What GitHub says about one of our pull requests in review, in our own words: the facts the
 * review phase (design §11) weighs. The GitHub adapter maps payloads to these at the edge; the
 * rules in this folder are pure functions over them.
 */

/** A check run on a commit (GitHub Checks API), e.g. one GitHub Actions job. */
export interface CheckRunFact {
  id: number;
  name: string;
  /** `waiting` / `requested` / `pending`: not started (waiting includes "needs a person's approval to run"). */
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  /** Set once completed. */
  conclusion:
    "success" | "failure" | "neutral" | "cancelled" | "skipped" | "timed_out" | "action_required" | "stale" | null;
  /** The app that ran it (`github-actions` for Actions). */
  app: string | undefined;
  /** The check's own output: title, summary and text, as the app wrote them. */
  output: { title: string; summary: string; text: string };
  detailsUrl: string;
  /** The Actions job behind it, when the app is GitHub Actions (its log can be downloaded). */
  actionsJobId: number | undefined;
}

/** A commit status (the older Statuses API), as CI systems other than Actions post them. */
export interface CommitStatusFact {
  context: string;
  state: "success" | "failure" | "error" | "pending";
  description: string;
  targetUrl: string;
}

export type ReviewFactState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface ReviewFact {
  id: number;
  author: string;
  state: ReviewFactState;
  /** The head commit the review was given on: an approval of an older head does not count. */
  commitId: string;
  submittedAt: Date;
  body: string;
}

/** A line comment on the diff. */
export interface ReviewCommentFact {
  id: number;
  author: string;
  path: string;
  /** The line in the file (null when the line is no longer in the diff). */
  line: number | null;
  diffHunk: string;
  body: string;
  createdAt: Date;
  url: string;
}

/** A comment in the pull request's conversation (GitHub stores them as issue comments). */
export interface ConversationCommentFact {
  id: number;
  author: string;
  body: string;
  createdAt: Date;
  url: string;
}

/** What the base branch's protection asks of a pull request before it may merge. */
export interface ProtectionFact {
  /** Names of the checks (check runs or status contexts) that must pass. */
  requiredChecks: string[];
  /** The head must contain the base's latest commit ("require branches to be up to date"). */
  strict: boolean;
  requiredApprovals: number;
}

/** How the repository lets pull requests merge. */
export interface MergeSettingsFact {
  allowMergeCommit: boolean;
  allowSquashMerge: boolean;
  allowRebaseMerge: boolean;
  /** GitHub deletes the head branch itself after a merge. */
  deleteBranchOnMerge: boolean;
}

export type PermissionLevel = "admin" | "maintain" | "write" | "triage" | "read" | "none";

/** Whether a person may push: only their reviews, comments and labels steer the loop. */
export function canWrite(level: PermissionLevel): boolean {
  return level === "admin" || level === "maintain" || level === "write";
}

/** An open pull request of ours, as the review watch sees it. */
export interface ReviewedPullFact {
  number: number;
  url: string;
  title: string;
  /** The issue it closes (from our branch name `<agent>/<issue>-<slug>`). */
  issueNumber: number;
  headBranch: string;
  headSha: string;
  baseBranch: string;
  labels: string[];
  draft: boolean;
  /** null: GitHub has not computed it yet. */
  mergeable: boolean | null;
  /** clean, dirty (conflict), behind, blocked, unstable, unknown, draft, has_hooks. */
  mergeableState: string;
  requestedReviewers: string[];
  updatedAt: Date;
}
