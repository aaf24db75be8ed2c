import type { CommitState, IssueState, ReviewState } from "./types.js";

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
  submittedAt: number;
  commitId: string;
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
  pull: PullRecord | null;
}

export interface StatusRecord {
  id: number;
  state: CommitState;
  context: string;
  createdAt: number;
}
