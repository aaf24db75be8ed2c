import type { CommitState, IssueState } from "./types.js";
import type { DiffSide, ReviewState } from "./types-reviews.js";

// The stored shape of each resource. Times are epoch milliseconds; the renderers turn them into
// GitHub's whole-second ISO strings.

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface CommentRecord {
  id: number;
  author: string;
  body: string;
  createdAt: number;
  updatedAt: number;
}

export interface ReviewRecord {
  id: number;
  author: string;
  state: ReviewState;
  body: string;
  /** null while PENDING. */
  submittedAt: number | null;
  commitId: string;
}

/** A line comment, anchored where it was written; renderers re-anchor it on the current head. */
export interface ReviewCommentRecord {
  id: number;
  reviewId: number | null;
  author: string;
  path: string;
  side: DiffSide;
  originalLine: number;
  originalPosition: number;
  originalCommitId: string;
  /** The commented line's text, to tell whether a later push changed it. */
  lineText: string;
  diffHunk: string;
  body: string;
  inReplyToId: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface PullRecord {
  id: number;
  headOwner: string;
  headRef: string;
  headSha: string;
  baseRef: string;
  draft: boolean;
  merged: boolean;
  mergedAt: number | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  reviews: ReviewRecord[];
  reviewComments: ReviewCommentRecord[];
  /** Logins asked for a review and not yet reviewing; submitting a review removes one. */
  requestedReviewers: string[];
  /** "base:head" last answered while mergeability is delayed (see RepoState.mergeabilityDelay). */
  mergeabilityShown: string | null;
}

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: IssueState;
  stateReason: string | null;
  labelIds: number[];
  assignees: string[];
  author: string;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  comments: CommentRecord[];
  /** Label and title events, oldest first (GET /issues/{n}/events). */
  events: IssueEventRecord[];
  /** The body's edit history (GraphQL `userContentEdits`): empty until the first edit. */
  bodyEdits: Array<{ editor: string; editedAt: number }>;
  pull: PullRecord | null;
  /** Issue dependencies: the numbers of the issues that block this one, and of those it blocks. */
  blockedBy: number[];
  blocking: number[];
  /** Sub-issues: this issue's parent and children, by number. */
  parent: number | null;
  subIssues: number[];
}

export interface IssueEventRecord {
  id: number;
  event: "labeled" | "unlabeled" | "renamed";
  actor: string;
  label?: string;
  rename?: { from: string; to: string };
  createdAt: number;
}

export interface StatusRecord {
  id: number;
  state: CommitState;
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: string;
  createdAt: number;
}
